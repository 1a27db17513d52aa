/**
 * `npm run test:races`: the concurrency tests, many times in a row (default 20, or RUNS=n), stopping at
 * the first failure. A race or a clock assumption shows up as a failure in some run, not in every run;
 * a flaky test is a bug report, so this must pass every time before a change that touches writes lands.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const RACE_TESTS = [
  'test/reliability/concurrency.test.ts',
  'test/reliability/same-instant.test.ts',
  'test/points/checkins.test.ts',
  'test/activities/signups.test.ts',
  'test/activities/edit-race.test.ts',
  'test/sales/races.test.ts',
  'test/door/one-batch.test.ts',
  'test/rewards/rewards.test.ts',
  'test/rides/rides.test.ts',
  'test/jobs/scheduled.test.ts',
  'test/messages/outbox.test.ts',
];

const runs = Number(process.env.RUNS ?? 20);
for (let run = 1; run <= runs; run++) {
  const started = Date.now();
  const result = spawnSync(
    join('node_modules', '.bin', 'vitest'),
    ['run', '--project', 'workers', '--reporter=dot', ...RACE_TESTS],
    { stdio: ['inherit', 'pipe', 'inherit'], encoding: 'utf8' },
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (result.status !== 0) {
    process.stdout.write(result.stdout);
    console.error(`run ${run} of ${runs} failed (${seconds} s)`);
    process.exit(1);
  }
  console.log(`run ${run} of ${runs} passed (${seconds} s)`);
}
console.log(`all ${runs} runs passed`);
