/**
 * `npm test`: builds the browser app, then runs the tests as separate steps (unit in Node, API in workerd,
 * browser in Chromium), so a failure says which. Every step runs; the summary lists the ones that failed.
 * `.ci/run` calls this too. One step alone: `npm run test:unit`, `npm run test:api`, `npm run test:e2e`.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const bin = (name: string) => join('node_modules', '.bin', name);
const steps: [name: string, command: string, args: string[]][] = [
  ['unit tests', bin('vitest'), ['run', '--project', 'unit']],
  ['API tests', bin('vitest'), ['run', '--project', 'workers']],
  ['browser tests', bin('vitest'), ['run', '--project', 'e2e']],
];

const build = spawnSync('npm', ['run', 'build:web'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const failed: string[] = [];
for (const [name, command, args] of steps) {
  const started = Date.now();
  process.stdout.write(`\n=== ${name}: ${[command, ...args].join(' ')}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  const seconds = Math.round((Date.now() - started) / 1000);
  if (result.status === 0) process.stdout.write(`=== ${name}: passed in ${seconds} s\n`);
  else {
    process.stdout.write(`=== ${name}: FAILED after ${seconds} s\n`);
    failed.push(name);
  }
}
process.stdout.write(failed.length ? `\nFAILED: ${failed.join(', ')}\n` : '\nAll tests passed.\n');
process.exit(failed.length ? 1 : 0);
