import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { generateSigningKey } from './src/auth/jwt.ts';
import { demoSeedStatements } from './src/demo/seed.ts';

/** Tests that run in plain Node: pure functions (*.unit.test.ts) and tests that need Node (*.node.test.ts). */
const NODE_TESTS = ['test/**/*.unit.test.ts', 'test/**/*.node.test.ts'];

export default defineConfig(async () => {
  const migrations = await readD1Migrations('migrations');
  const seed = await demoSeedStatements(new Date());
  // A fresh signing key per run: keys are never committed.
  const signingKeys = JSON.stringify([await generateSigningKey()]);
  return {
    test: {
      projects: [
        {
          test: {
            name: 'unit',
            // No Worker, no database: no workerd to start. Workerd's clock zone is UTC; so is this one's.
            include: NODE_TESTS,
            environment: 'node',
            env: { TZ: 'UTC' },
          },
        },
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: './wrangler.toml' },
              miniflare: {
                // Lets tests call the Worker's own scheduled() the way workerd's cron does
                // (`exports.default.scheduled(...)`); test-only, wrangler.toml is unchanged.
                compatibilityFlags: ['service_binding_extra_handlers'],
                // The outbox queue without waiting: batches go out at once, retries come back at once, and a
                // message reaches the dead-letter queue after 3 retries. Replaces the toml's consumers, so
                // every field is repeated.
                queueConsumers: {
                  'buurtpas-outbox': {
                    maxBatchSize: 10,
                    maxBatchTimeout: 0,
                    maxRetries: 3,
                    retryDelay: 0,
                    deadLetterQueue: 'buurtpas-outbox-dlq',
                  },
                  'buurtpas-outbox-dlq': { maxBatchSize: 10, maxBatchTimeout: 0, maxRetries: 0 },
                },
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  TEST_SEED: seed,
                  SIGNING_KEYS: signingKeys,
                  TEST_CLOCK: 'on',
                  D1_METRICS: 'on',
                  SMS_SINK: 'log',
                  OUTBOX_RETRY_BASE_SECONDS: '0',
                },
              },
            }),
          ],
          test: {
            name: 'workers',
            // Counts and invariants, not timings: generous limits so a loaded machine cannot fail a test.
            testTimeout: 60_000,
            hookTimeout: 60_000,
            include: ['test/**/*.test.ts'],
            exclude: ['test/e2e/**', ...NODE_TESTS],
            // One workerd for the files it runs, instead of a new one (and every module loaded again) per file:
            // that start-up was most of a small file's time. Each file still starts from the seeded database
            // (setup.ts resets it); nothing else is kept between files (src has no per-request state in
            // module scope, only key caches).
            isolate: false,
            setupFiles: ['test/helpers/setup.ts'],
          },
        },
        {
          test: {
            name: 'e2e',
            // Browser tests: one app and one Chromium for every file (test/e2e/global-setup.ts).
            include: ['test/e2e/**/*.test.ts'],
            environment: 'node',
            globalSetup: ['test/e2e/global-setup.ts'],
            // One browser file at a time: this machine has two cores.
            fileParallelism: false,
            testTimeout: 120_000,
            hookTimeout: 180_000,
            // expect.poll waits for what a person would wait for (a page that loads, a list that updates). Its
            // default of one second assumes an idle machine: on a loaded 2-core CI runner a page load takes
            // longer, and the statements test failed there while the page was still loading.
            expect: { poll: { timeout: 15_000 } },
          },
        },
      ],
    },
  };
});
