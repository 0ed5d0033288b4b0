import { sql, type Kysely } from 'kysely';
import { captureTriggerSql, dropCaptureTriggerSql, type CaptureOptions } from '../../sync/capture-triggers';

/** Run statements one by one: better-sqlite3 prepares a single statement at a time. */
export async function runStatements(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

/** The columns ARCHITECTURE §3 puts on every synced table. */
export const SYNCED_COLUMNS = `
  id TEXT PRIMARY KEY NOT NULL,
  practice_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;

/** Capture triggers for a table, from its stored (non-generated) columns now. */
export async function addCapture(db: Kysely<unknown>, table: string, options?: CaptureOptions): Promise<void> {
  const { rows } = await sql<{ name: string; hidden: number }>`
    SELECT name, hidden FROM pragma_table_xinfo(${table})`.execute(db);
  const stored = rows.filter((r) => r.hidden === 0).map((r) => r.name);
  await runStatements(db, captureTriggerSql(table, stored, options));
}

/** After adding columns to a synced table: rebuild its capture triggers so the new columns sync too. */
export async function recreateCapture(db: Kysely<unknown>, table: string, options?: CaptureOptions): Promise<void> {
  await runStatements(db, dropCaptureTriggerSql(table));
  await addCapture(db, table, options);
}

/**
 * Give a table a new definition (SQLite cannot alter a CHECK): the 12-step
 * rebuild of sqlite.org/lang_altertable.html. Rows keep their ids and values;
 * the table's own indexes and triggers (capture, guards) are recreated as they
 * were. `createSql` is the new CREATE TABLE, naming the table as `table`.
 * Capture is off while rows are copied (no triggers on the new table yet), so
 * the rebuild writes nothing to the outbox.
 */
export async function rebuildTable(db: Kysely<unknown>, table: string, createSql: string): Promise<void> {
  const temporary = `${table}__rebuild`;
  const { rows: objects } = await sql<{ type: string; name: string; sql: string }>`
    SELECT type, name, sql FROM sqlite_master
    WHERE tbl_name = ${table} AND type IN ('index', 'trigger') AND sql IS NOT NULL`.execute(db);
  const { rows: columns } = await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`.execute(db);
  const named = createSql.replace(new RegExp(`^(\\s*CREATE TABLE\\s+)${table}\\b`), `$1${temporary}`);
  if (named === createSql) throw new Error(`rebuildTable: the new definition must be CREATE TABLE ${table} (…)`);
  const list = columns.map((c) => `"${c.name}"`).join(', ');
  await runStatements(db, [
    named,
    `INSERT INTO ${temporary} (${list}) SELECT ${list} FROM ${table}`,
    ...objects.filter((o) => o.type === 'trigger').map((o) => `DROP TRIGGER "${o.name}"`),
    `DROP TABLE ${table}`,
    // Legacy rename: other tables' triggers that name this table must not be rewritten to the temporary name.
    'PRAGMA legacy_alter_table = ON',
    `ALTER TABLE ${temporary} RENAME TO ${table}`,
    'PRAGMA legacy_alter_table = OFF',
    ...objects.filter((o) => o.type === 'index').map((o) => o.sql),
    ...objects.filter((o) => o.type === 'trigger').map((o) => o.sql),
  ]);
  const { rows: broken } = await sql`SELECT * FROM pragma_foreign_key_check(${table})`.execute(db);
  if (broken.length > 0) throw new Error(`rebuildTable: ${broken.length} rows of ${table} break a foreign key`);
}
