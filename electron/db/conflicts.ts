/** Reading the conflict inbox (sync_conflict, written by sync/engine/conflict-store.ts). */
import type { ConflictVersion } from '../../sync/engine/row-conflicts';
import { tableRule } from '../../sync/engine/table-rules';
import type { LocalDatabase } from './database';
import type { SyncConflictTable } from './schema';

export type ConflictRow = Omit<SyncConflictTable, 'heads'> & { heads: ConflictVersion[] };

const parse = (row: SyncConflictTable): ConflictRow => ({ ...row, heads: JSON.parse(row.heads) as ConflictVersion[] });

/** Open conflicts of these kinds, the oldest versions first. */
export function listOpenConflicts(db: LocalDatabase, practiceId: string, kinds: readonly SyncConflictTable['kind'][]): ConflictRow[] {
  if (kinds.length === 0) return [];
  return db
    .all(
      db.kysely
        .selectFrom('sync_conflict')
        .selectAll()
        .where('practice_id', '=', practiceId)
        .where('state', '=', 'open')
        .where('kind', 'in', kinds)
        .orderBy('heads')
        .orderBy('id'),
    )
    .map(parse);
}

export function countOpenConflicts(db: LocalDatabase, practiceId: string, kinds: readonly SyncConflictTable['kind'][]): number {
  if (kinds.length === 0) return 0;
  return (
    db.first(
      db.kysely
        .selectFrom('sync_conflict')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('practice_id', '=', practiceId)
        .where('state', '=', 'open')
        .where('kind', 'in', kinds),
    )?.n ?? 0
  );
}

export function findConflict(db: LocalDatabase, practiceId: string, id: string): ConflictRow | undefined {
  const row = db.first(db.kysely.selectFrom('sync_conflict').selectAll().where('id', '=', id).where('practice_id', '=', practiceId));
  return row ? parse(row) : undefined;
}

/** The patient a synced row belongs to: the patient itself, or the row's patient_id; null if it has none. */
export function patientOfRow(db: LocalDatabase, table: string, rowId: string): string | null {
  if (table === 'patient') return rowId;
  // Table names come from the registry, never from the caller.
  if (!tableRule(table)) return null;
  const hasPatient = (db.sqlite.prepare('SELECT 1 FROM pragma_table_info(?) WHERE name = ?').get(table, 'patient_id') as unknown) !== undefined;
  if (!hasPatient) return null;
  const row = db.sqlite.prepare(`SELECT patient_id FROM "${table}" WHERE id = ?`).get(rowId) as { patient_id: string | null } | undefined;
  return row?.patient_id ?? null;
}

/** When a synced row was removed (its tombstone), null while it is live. */
export function removedAt(db: LocalDatabase, table: string, rowId: string): string | null {
  // Table names come from the registry, never from the caller.
  if (!tableRule(table)) return null;
  const row = db.sqlite.prepare(`SELECT deleted_at FROM "${table}" WHERE id = ?`).get(rowId) as { deleted_at: string | null } | undefined;
  return row?.deleted_at ?? null;
}
