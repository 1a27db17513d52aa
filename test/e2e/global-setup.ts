import type { TestProject } from 'vitest/node';
import { hasChromium, launchBrowserServer, startApp } from './app.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The app every browser file uses (one app, one database for the whole run). */
    appUrl: string;
    /** Playwright's endpoint of the one shared Chromium. */
    browserEndpoint: string;
  }
}

/**
 * One app and one Chromium for all browser files, instead of one of each per file (starting the app took
 * about 16 s). Files share the database: every test creates or picks its own data (see README, "How long
 * the tests take").
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  if (!hasChromium) return; // every browser test is skipped (test/e2e/shell.test.ts says why)
  const [app, browser] = await Promise.allSettled([startApp(), launchBrowserServer()]);
  if (app.status === 'rejected' || browser.status === 'rejected') {
    if (app.status === 'fulfilled') await app.value.stop();
    if (browser.status === 'fulfilled') await browser.value.close();
    throw app.status === 'rejected' ? app.reason : (browser as PromiseRejectedResult).reason;
  }
  project.provide('appUrl', app.value.url);
  project.provide('browserEndpoint', browser.value.wsEndpoint());
  return async () => {
    await browser.value.close();
    await app.value.stop();
  };
}
