import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The floors of src/ (ARCHITECTURE.md): arrows run down, index.ts → app.ts → features → shared rules
 * (auth/) → lib/. Read from the imports themselves, with no dependency: every `import … from`,
 * `export … from` and `import('…')` of a relative path.
 */
const SRC = 'src';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The src-relative files a source file imports (type-only imports included: they are arrows too). */
export function importsOf(file: string, source: string): string[] {
  const specifiers = [
    ...source.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+'([^']+)'/gms),
    ...source.matchAll(/^\s*import\s+'([^']+)'/gm),
    ...source.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g),
  ].map((m) => m[1]!);
  return specifiers
    .filter((s) => s.startsWith('.'))
    .map((s) => relative(SRC, normalize(join(dirname(file), s))).replaceAll('\\', '/'));
}

/** The folder right under src/ (a feature, auth, lib), or the file itself at the top (app.ts, env.ts). */
function unit(path: string): string {
  return path.includes('/') ? path.slice(0, path.indexOf('/')) : path;
}

const graph = new Map(
  files(SRC).map((file) => [
    relative(SRC, file).replaceAll('\\', '/'),
    importsOf(file, readFileSync(file, 'utf8')),
  ]),
);
/** Files that may import anything: the composition of the app. */
const COMPOSITION = new Set(['index.ts', 'app.ts']);
/** Shared files at the top that hold only types. */
const TYPES = new Set(['env.ts', 'qrcode.d.ts']);

function edges(): { from: string; to: string }[] {
  return [...graph].flatMap(([from, targets]) => targets.map((to) => ({ from, to })));
}

describe('the floors of src/', () => {
  it('reads the imports it checks', () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get('app.ts')).toContain('auth/session.ts');
    expect(
      importsOf('src/a/b.ts', "import type { X } from '../lib/x.ts';\nexport { y } from './y.ts';"),
    ).toEqual(['lib/x.ts', 'a/y.ts']);
  });

  it('lib/ imports nothing but lib/ and the shared types', () => {
    const wrong = edges().filter(
      ({ from, to }) => unit(from) === 'lib' && unit(to) !== 'lib' && !TYPES.has(to),
    );
    expect(wrong).toEqual([]);
  });

  it('auth/ (who may act where) imports only auth/, lib/ and the shared types', () => {
    const wrong = edges().filter(
      ({ from, to }) => unit(from) === 'auth' && !['auth', 'lib'].includes(unit(to)) && !TYPES.has(to),
    );
    expect(wrong).toEqual([]);
  });

  it('no feature imports another feature’s routes (only the composition mounts routes)', () => {
    const wrong = edges().filter(
      ({ from, to }) =>
        !COMPOSITION.has(from) && unit(from) !== unit(to) && /(^|\/)routes\.ts$|-routes\.ts$/.test(to),
    );
    expect(wrong).toEqual([]);
  });

  it('nothing below the composition imports app.ts or index.ts', () => {
    expect(edges().filter(({ from, to }) => COMPOSITION.has(to) && !COMPOSITION.has(from))).toEqual([]);
  });

  it('has no import circle between files', () => {
    const circles: string[][] = [];
    const state = new Map<string, 'open' | 'done'>();
    const path: string[] = [];
    const visit = (file: string) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        circles.push([...path.slice(path.indexOf(file)), file]);
        return;
      }
      state.set(file, 'open');
      path.push(file);
      for (const next of graph.get(file) ?? []) visit(next);
      path.pop();
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file);
    expect(circles).toEqual([]);
  });
});
