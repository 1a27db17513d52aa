/** Hash routes: `#/counter/p/123` -> { name: 'counter/p/:id', params: { id: '123' } }. */
export type Route = { name: string; params: Record<string, string> };

const PATTERNS = [
  '',
  'pass',
  'activate',
  'counter',
  'counter/new',
  'counter/import',
  'counter/p/:id',
  'print/:id',
  'door',
  'statements',
  'admin',
  'admin/statements',
  'activities',
  'activities/:id',
  'points',
  'checkin/:code',
  'club/activities',
  'club/activities/:id',
  'rides',
];

export function currentRoute(): Route {
  const parts = location.hash.replace(/^#\/?/, '').split('?')[0]!.split('/').filter(Boolean);
  for (const pattern of PATTERNS) {
    const names = pattern.split('/').filter(Boolean);
    if (names.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const matches = names.every((name, i) => {
      if (name.startsWith(':')) {
        params[name.slice(1)] = decodeURIComponent(parts[i]!);
        return true;
      }
      return name === parts[i];
    });
    if (matches) return { name: pattern, params };
  }
  return { name: 'not-found', params: {} };
}

export function go(path: string): void {
  location.hash = `#/${path}`;
}
