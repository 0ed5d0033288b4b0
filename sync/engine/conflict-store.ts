/**
 * sync_conflict, the conflict inbox's rows: derived state, rewritten for a
 * row from its changes whenever they change (a remote change applied, a
 * local edit of a clinical text or a status, a resolution). A row's
 * conflicts are replaced wholesale, never patched, so they cannot drift from
 * the changes and every device holding the same changes holds the same rows.
 *
 * @example
 *   refreshRowConflicts(db, 'medical_history', rowId);          // reads the row's changes itself
 *   refreshRowConflicts(db, 'visit', rowId, changesAlreadyRead); // apply.ts has them at hand
 */
import type { LocalDatabase } from '../../electron/db/database';
import { rowConflicts, type RowConflict } from './row-conflicts';
import { changesOfRow, type StoredRowChange } from './row-changes';
import { tableRule } from './table-rules';

export function refreshRowConflicts(db: LocalDatabase, table: string, rowId: string, known?: readonly StoredRowChange[]): RowConflict[] {
  const rule = tableRule(table);
  if (!rule || (rule.clinicalText.length === 0 && Object.keys(rule.status).length === 0)) return [];
  const changes = known ?? changesOfRow(db, table, rowId);
  const conflicts = rowConflicts(rule, table, rowId, changes);
  db.run(db.kysely.deleteFrom('sync_conflict').where('table_name', '=', table).where('row_id', '=', rowId));
  const practiceId = changes[0]?.practice_id;
  if (conflicts.length === 0 || practiceId === undefined) return conflicts;
  db.run(
    db.kysely.insertInto('sync_conflict').values(
      conflicts.map((c) => ({
        id: c.id,
        practice_id: practiceId,
        table_name: c.table,
        row_id: c.rowId,
        column_name: c.column,
        kind: c.kind,
        heads: JSON.stringify(c.heads),
        state: c.state,
        resolved_hlc: c.resolution?.hlc ?? null,
        resolved_by: c.resolution?.actor ?? null,
        resolved_at: c.resolution?.at ?? null,
        resolved_value: c.resolution ? JSON.stringify(c.resolution.value) : null,
      })),
    ),
  );
  return conflicts;
}
