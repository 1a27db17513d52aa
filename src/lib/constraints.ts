/**
 * What the database refused, read from the error D1 throws, so that a repo can say "the name is taken" or
 * "a guard row refused the batch" without a regular expression of its own.
 *
 * D1 passes SQLite's message through, wrapped: `D1_ERROR: <message>: SQLITE_CONSTRAINT (extended:
 * SQLITE_CONSTRAINT_CHECK)` (the same text is the error's `cause`, without the `D1_ERROR: `). SQLite's message is:
 *
 * - `UNIQUE constraint failed: table.col, table.col` (a primary key too), or `UNIQUE constraint failed: index
 *   'name'` for an index on expressions;
 * - `CHECK constraint failed: <name>` for a named CHECK (`CONSTRAINT door_refused CHECK (ok = 1)`), otherwise
 *   the CHECK's expression as written in the migration (`ok = 1`);
 * - `NOT NULL constraint failed: table.col`;
 * - `FOREIGN KEY constraint failed`;
 * - a trigger's own text, from `RAISE(ABORT, '<message>')` (extended code `SQLITE_CONSTRAINT_TRIGGER`).
 */
export type Violation =
  | { kind: 'unique'; columns: { table: string; column: string }[]; index: string | null }
  | { kind: 'check'; name: string }
  | { kind: 'not_null'; table: string; column: string }
  | { kind: 'foreign_key' }
  | { kind: 'raise'; message: string };

const PREFIX = /^(?:Error: |D1_ERROR: |D1_EXEC_ERROR: |Error in line \d+: )/;
const CODE = /: (SQLITE_[A-Z]+)(?: \(extended: (SQLITE_[A-Z_]+)\))?$/;

/** Reads one message; null when it is not a constraint's refusal. */
function parse(text: string): Violation | null {
  let rest = text.trim();
  let wrapped = false;
  for (let m = PREFIX.exec(rest); m; m = PREFIX.exec(rest)) {
    wrapped ||= m[0] !== 'Error: ';
    rest = rest.slice(m[0].length);
  }
  const code = CODE.exec(rest);
  if (code) {
    if (code[1] !== 'SQLITE_CONSTRAINT') return null;
    rest = rest.slice(0, code.index);
  }
  const unique = /^UNIQUE constraint failed: (.+)$/.exec(rest);
  if (unique) {
    const index = /^index '(.+)'$/.exec(unique[1]!);
    if (index) return { kind: 'unique', columns: [], index: index[1]! };
    const columns = unique[1]!.split(', ').map((qualified) => {
      const dot = qualified.indexOf('.');
      return { table: qualified.slice(0, dot), column: qualified.slice(dot + 1) };
    });
    return { kind: 'unique', columns, index: null };
  }
  const check = /^CHECK constraint failed: (.+)$/.exec(rest);
  if (check) return { kind: 'check', name: check[1]! };
  const notNull = /^NOT NULL constraint failed: ([^.]+)\.(.+)$/.exec(rest);
  if (notNull) return { kind: 'not_null', table: notNull[1]!, column: notNull[2]! };
  if (rest === 'FOREIGN KEY constraint failed') return { kind: 'foreign_key' };
  // Anything else is a trigger's RAISE: said so by the extended code, or by D1's wrapper without one.
  const trigger = code ? code[2] === 'SQLITE_CONSTRAINT_TRIGGER' || code[2] === undefined : wrapped;
  return trigger && rest !== '' ? { kind: 'raise', message: rest } : null;
}

/** The constraint that refused a D1 statement or batch; null for any other error. */
export function violationOf(error: unknown): Violation | null {
  if (!(error instanceof Error)) return parse(String(error));
  return parse(error.message) ?? (error.cause instanceof Error ? parse(error.cause.message) : null);
}

/** A UNIQUE constraint (or primary key) on `table` failed; with `column`, one that includes that column. */
export function uniqueViolation(error: unknown, table: string, column?: string): boolean {
  const v = violationOf(error);
  return (
    v?.kind === 'unique' &&
    v.columns.some((c) => c.table === table && (column === undefined || c.column === column))
  );
}

/** The CHECK with this name failed (for an unnamed CHECK: its expression, as written in the migration). */
export function checkViolation(error: unknown, name: string): boolean {
  const v = violationOf(error);
  return v?.kind === 'check' && v.name === name;
}

/** NOT NULL failed on `table.column`. */
export function notNullViolation(error: unknown, table: string, column: string): boolean {
  const v = violationOf(error);
  return v?.kind === 'not_null' && v.table === table && v.column === column;
}

/** A trigger refused with `RAISE(ABORT, message)`. */
export function raised(error: unknown, message: string): boolean {
  const v = violationOf(error);
  return v?.kind === 'raise' && v.message === message;
}

/**
 * A guard row refused the batch: the row inserted into `table` (`INSERT INTO table (ok) SELECT <condition>`)
 * had `ok` 0, so its CHECK `check` failed, or NULL (a condition on a row that is gone), so NOT NULL failed.
 * Each guard table names its CHECK (`door_refused`, `cap_reached`, `write_refused`: migrations 0010, 0011).
 */
export function guardRefused(error: unknown, table: string, check: string): boolean {
  return checkViolation(error, check) || notNullViolation(error, table, 'ok');
}
