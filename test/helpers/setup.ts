import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';

/*
 * Every test file starts from the same seeded database. The workers project reuses one workerd (and its
 * local D1) for the files it runs (`isolate: false` in vitest.config.ts), so the schema is built once per
 * workerd (applyD1Migrations skips what is applied) and each file then resets the rows in one batch: every
 * table emptied, the demo seed loaded again. That is the state migrations and seed give on a new database
 * (the migrations insert no rows of their own), in one round trip instead of a batch per migration.
 */
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
const { results: tables } = await env.DB.prepare(
  `SELECT name FROM sqlite_master
   WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\'
     AND name <> 'd1_migrations'`,
).all<{ name: string }>();
await env.DB.batch([
  // Checked at the end of the batch, when every table is empty again: the order of the deletes is free.
  env.DB.prepare('PRAGMA defer_foreign_keys = on'),
  ...tables.map(({ name }) => env.DB.prepare(`DELETE FROM "${name.replace(/"/g, '""')}"`)),
  ...env.TEST_SEED.map((sql) => env.DB.prepare(sql)),
]);
