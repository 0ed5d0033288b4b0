/**
 * Writing synced rows: every one gets a device-made UUIDv7 and UTC
 * timestamps; updates touch `updated_at`; removal is a tombstone. The outbox
 * entry is appended by the table's capture trigger in the same statement.
 */
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { refreshRowConflicts } from '../../sync/engine/conflict-store';
import type { Bases } from '../../sync/engine/merge-row';
import { tableRule } from '../../sync/engine/table-rules';
import type { LocalDatabase } from './database';
import type { DB } from './schema';
import { basesBeforeUpdate, recordBases } from './text-versions';

export type SyncedTable = Exclude<
  keyof DB,
  'device' | 'sync_log' | 'user_credential' | 'patient_search_doc' | 'sync_meta' | 'sync_inbox' | 'sync_quarantine' | 'sync_unapplied' | 'sync_conflict'
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

export interface UpdateOptions {
  /** Per column, the versions this update resolves (a conflict's heads); see text-versions.ts. */
  bases?: Bases;
  /** Write a removed (tombstoned) row too: settling a conflict on a record removed meanwhile. */
  evenIfRemoved?: boolean;
}

/**
 * Returns false if no live row had that id. `updated_at` always moves forward
 * (by a millisecond if the clock has not), so it can serve as the version an
 * edit form checks against. Clinical text columns record the version they
 * were written over, and the row's conflicts are brought up to date.
 */
export function updateSynced(db: LocalDatabase, table: SyncedTable, id: string, values: Values, options: UpdateOptions = {}): boolean {
  const now = db.isoNow();
  const columns = Object.keys(values);
  const pending = basesBeforeUpdate(db, table, id, values, options.bases);
  const changes = db.runShaped(
    `update ${table} ${columns.join(',')}${options.evenIfRemoved ? ' even if removed' : ''}`,
    () => {
      const update = db.kysely
        .updateTable(table)
        .set({
          ...values,
          updated_at: sql<string>`CASE WHEN ${now} > updated_at THEN ${now}
            ELSE strftime('%Y-%m-%dT%H:%M:%fZ', updated_at, '+0.001 seconds') END`,
        } as never)
        .where('id', '=', id as never);
      return (options.evenIfRemoved ? update : update.where('deleted_at', 'is', null)).compile();
    },
    [...columns.map((c) => values[c]), now, now, id],
  );
  if (changes > 0 && pending) recordBases(db, table, id, values, pending);
  // An edit (a clinical text on top of the version shown, or a status move) cannot raise a conflict by itself;
  // it can change or settle one the row already has.
  if (changes > 0 && (pending || movesStatus(table, columns)) && hasConflicts(db, table, id)) refreshRowConflicts(db, table, id);
  return changes > 0;
}

function movesStatus(table: string, columns: readonly string[]): boolean {
  const status = tableRule(table)?.status ?? {};
  return columns.some((c) => c in status);
}

function hasConflicts(db: LocalDatabase, table: string, id: string): boolean {
  return (
    db.firstShaped('row has conflicts', () => db.kysely.selectFrom('sync_conflict').select('id').where('table_name', '=', table).where('row_id', '=', id).limit(1).compile(), [table, id, 1]) !==
    undefined
  );
}

export function tombstoneSynced(db: LocalDatabase, table: SyncedTable, id: string): boolean {
  const now = db.isoNow();
  return updateSynced(db, table, id, { deleted_at: now });
}
