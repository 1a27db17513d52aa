import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/** Runs axe-core (WCAG 2.2 AA) on the page; answers the serious and critical violations, one line each. */
export async function audit(page: Page, what: string): Promise<string[]> {
  // The page as a person reads it: loaded, no part of it still busy or saying it is loading.
  await page.waitForLoadState('networkidle');
  const busy = page.locator('[aria-busy="true"], .loading');
  await expect
    .poll(() => busy.evaluateAll((all) => all.map((e) => e.outerHTML.slice(0, 200))), {
      message: `${what}: still loading`,
    })
    .toEqual([]);
  await page.addScriptTag({ path: axePath });
  const violations = (await page.evaluate(async () => {
    const result = await (
      window as unknown as {
        axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Violation[] }> };
      }
    ).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations;
  })) as Violation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${what}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
}
