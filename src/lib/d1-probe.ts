/**
 * A D1 wrapper for measuring and for fault tests (never on in production):
 * - counts round trips (one per `first`/`all`/`run`/`raw`/`batch`) and the rows D1 read and wrote;
 * - optionally fails the nth round trip, before it runs (nothing written) or after (written, answer lost).
 */
export type Probe = { roundTrips: number; rowsRead: number; rowsWritten: number };
export type Fault = { call: number; when: 'before' | 'after' };

type Meta = { rows_read?: number; rows_written?: number };

export function probeDatabase(db: D1Database, probe: Probe, fault: Fault | null): D1Database {
  const roundTrip = async <T>(run: () => Promise<T>, metas: (result: T) => Meta[]): Promise<T> => {
    probe.roundTrips++;
    const failing = fault !== null && fault.call === probe.roundTrips;
    if (failing && fault.when === 'before')
      throw new Error(`injected D1 failure before round trip ${probe.roundTrips}`);
    const result = await run();
    for (const meta of metas(result)) {
      probe.rowsRead += meta.rows_read ?? 0;
      probe.rowsWritten += meta.rows_written ?? 0;
    }
    if (failing) throw new Error(`injected D1 failure after round trip ${probe.roundTrips}`);
    return result;
  };
  const wrapStatement = (statement: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(statement, {
      get(target, property, receiver) {
        if (property === 'bind') return (...values: unknown[]) => wrapStatement(target.bind(...values));
        if (property === 'first') {
          return async (column?: string) => {
            const result = await roundTrip(
              () => target.all(),
              (r) => [r.meta as Meta],
            );
            const row = (result.results[0] ?? null) as Record<string, unknown> | null;
            return column === undefined ? row : (row?.[column] ?? null);
          };
        }
        if (property === 'all' || property === 'run')
          return () =>
            roundTrip(
              () => target[property](),
              (r) => [r.meta as Meta],
            );
        if (property === 'raw')
          return (options?: { columnNames?: boolean }) =>
            roundTrip(
              () => target.raw(options as never),
              () => [],
            );
        if (property === 'unwrap') return () => target;
        return Reflect.get(target, property, receiver);
      },
    });
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property === 'prepare') return (sql: string) => wrapStatement(target.prepare(sql));
      if (property === 'batch') {
        return (statements: D1PreparedStatement[]) =>
          roundTrip(
            () =>
              target.batch(
                statements.map(
                  (s) => (s as unknown as { unwrap?: () => D1PreparedStatement }).unwrap?.() ?? s,
                ),
              ),
            (results) => results.map((r) => r.meta as Meta),
          );
      }
      return Reflect.get(target, property, receiver);
    },
  });
}
