/**
 * `npm start`: the whole app on http://localhost:8787 (or $PORT) with local D1, migrations applied
 * and the demo data loaded. Safe to run again: data is kept and the demo rows are not duplicated.
 * Options: PORT=NNNN, PERSIST_DIR=path (another local database, used by the browser tests and the
 * benchmark), SETUP_ONLY=1 (prepare the database, do not serve), EXTRA_VARS="NAME:value ..." (more vars).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSigningKey } from '../src/auth/jwt.ts';
import { demoSeedStatements } from '../src/demo/seed.ts';

const port = process.env.PORT ?? '8787';
const persist = process.env.PERSIST_DIR ? ['--persist-to', process.env.PERSIST_DIR] : [];
const bin = (name: string) => join('node_modules', '.bin', name);

function run(command: string, args: string[], quiet = false): void {
  const result = spawnSync(command, args, {
    stdio: quiet ? ['inherit', 'ignore', 'inherit'] : 'inherit',
    env: { ...process.env, CI: 'true' },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// Signing keys for local development: generated once, never committed (.dev.vars is git-ignored).
const devVars = existsSync('.dev.vars') ? readFileSync('.dev.vars', 'utf8') : '';
if (!/^SIGNING_KEYS=/m.test(devVars)) {
  const key = JSON.stringify([await generateSigningKey()]);
  writeFileSync(
    '.dev.vars',
    `${devVars}${devVars && !devVars.endsWith('\n') ? '\n' : ''}SIGNING_KEYS='${key}'\n`,
  );
  console.log('Generated a local signing key in .dev.vars');
}

if (process.env.SKIP_WEB_BUILD !== '1')
  run(bin('vite'), ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
run(bin('wrangler'), ['d1', 'migrations', 'apply', 'DB', '--local', ...persist]);

mkdirSync('.wrangler', { recursive: true });
const seedFile = join('.wrangler', 'demo-seed.sql');
writeFileSync(seedFile, (await demoSeedStatements(new Date())).join('\n') + '\n');
run(bin('wrangler'), ['d1', 'execute', 'DB', '--local', ...persist, '--file', seedFile], true);
console.log('Demo data loaded (accounts in README.md, password demo-password).');

if (process.env.SETUP_ONLY === '1') process.exit(0);

// EXTRA_VARS (benchmarks): e.g. "D1_METRICS:on" adds --var D1_METRICS:on.
// Locally SMS go to the log (src/messages/sms.ts), never to a gateway.
const extra = ['SMS_SINK:log', ...(process.env.EXTRA_VARS ?? '').split(/\s+/)]
  .filter(Boolean)
  .flatMap((v) => ['--var', v]);
const dev = spawn(
  bin('wrangler'),
  ['dev', '--ip', '127.0.0.1', '--port', port, '--local', ...persist, ...extra],
  {
    stdio: 'inherit',
  },
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => dev.kill(signal));
dev.on('exit', (code) => process.exit(code ?? 0));
