/**
 * The package registry reachable here lacks the macOS and Windows builds of workerd, so `npm install`
 * leaves them out of package-lock.json and `npm ci` then refuses the lock file. This adds the missing
 * optional platform entries (never installed on Linux). Run `npm run lock:fix` after changing dependencies.
 */
import { readFileSync, writeFileSync } from 'node:fs';

type Entry = { version?: string; optionalDependencies?: Record<string, string>; [key: string]: unknown };
const PLATFORMS: Record<string, { os: string; cpu: string }> = {
  'darwin-64': { os: 'darwin', cpu: 'x64' },
  'darwin-arm64': { os: 'darwin', cpu: 'arm64' },
  'linux-64': { os: 'linux', cpu: 'x64' },
  'linux-arm64': { os: 'linux', cpu: 'arm64' },
  'windows-64': { os: 'win32', cpu: 'x64' },
};

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, Entry> };
let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  if (!path.endsWith('node_modules/workerd')) continue;
  const base = path.slice(0, -'workerd'.length);
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const platform = PLATFORMS[name.replace('@cloudflare/workerd-', '')];
    const target = `${base}${name}`;
    if (!platform || lock.packages[target] || lock.packages[`node_modules/${name}`]?.version === version)
      continue;
    lock.packages[target] = {
      version,
      cpu: [platform.cpu],
      dev: true,
      license: 'Apache-2.0',
      optional: true,
      os: [platform.os],
      engines: { node: '>=16' },
    };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync('package-lock.json', JSON.stringify(lock, null, 2) + '\n');
console.log(`package-lock.json: added ${added} missing platform entries`);
