/** Moves to a page of the app (`go('counter/p/123')`); the route table is in `routes.ts`. */
export function go(path: string): void {
  location.hash = `#/${path}`;
}
