/**
 * Writing synced rows: every one gets a device-made UUIDv7 and UTC
 * timestamps; updates touch `updated_at`; removal is a tombstone. The outbox
 * entry is appended by the table's capture trigger in the same statement.
 */
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { LocalDatabase } from './database';
import type { DB } from './schema';

export type SyncedTable = Exclude<
  keyof DB,
  'device' | 'sync_log' | 'user_credential' | 'patient_search_doc' | 'sync_meta' | 'sync_inbox' | 'sync_quarantine' | 'sync_unapplied'
>;
type Values = Record<string, string | number | null>;

export function insertSynced(db: LocalDatabase, table: SyncedTable, practiceId: string, values: Values, id = uuidv7()): string {
  const now = db.isoNow();
  const row: Values = { ...values, id, practice_id: practiceId, created_at: now, updated_at: now, deleted_at: null };
  const columns = Object.keys(row);
  db.runShaped(
    `insert ${table} ${columns.join(',')}`,
    () => db.kysely.insertInto(table).values(row as never).compile(),
    columns.map((c) => row[c]),
  );
  return id;
}

/**
 * Returns false if no live row had that id. `updated_at` always moves forward
 * (by a millisecond if the clock has not), so it can serve as the version an
 * edit form checks against.
 */
export function updateSynced(db: LocalDatabase, table: SyncedTable, id: string, values: Values): boolean {
  const now = db.isoNow();
  const columns = Object.keys(values);
  const changes = db.runShaped(
    `update ${table} ${columns.join(',')}`,
    () =>
      db.kysely
        .updateTable(table)
        .set({
          ...values,
          updated_at: sql<string>`CASE WHEN ${now} > updated_at THEN ${now}
            ELSE strftime('%Y-%m-%dT%H:%M:%fZ', updated_at, '+0.001 seconds') END`,
        } as never)
        .where('id', '=', id as never)
        .where('deleted_at', 'is', null)
        .compile(),
    [...columns.map((c) => values[c]), now, now, id],
  );
  return changes > 0;
}

export function tombstoneSynced(db: LocalDatabase, table: SyncedTable, id: string): boolean {
  const now = db.isoNow();
  return updateSynced(db, table, id, { deleted_at: now });
}
