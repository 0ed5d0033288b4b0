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
