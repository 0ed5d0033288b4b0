/**
 * Bases for local edits (migration 0008): which versions of a column an
 * edit deliberately writes over. Capture triggers cannot work that out, so
 * the data layer records it on the outbox row the trigger just wrote, in the
 * same transaction.
 *
 * - A clinical text edited here writes over the version the field showed
 *   (textState's newest head), and only that one: an edit made while the
 *   field is in conflict does not silently settle it; the other head stays.
 * - A resolution names its bases explicitly (every head of the conflict);
 *   its column is then always part of the change, even when the value kept
 *   is the one already shown, so the decision itself syncs.
 */
import type { Bases } from '../../sync/engine/merge-row';
import { versionsOf } from '../../sync/engine/row-conflicts';
import { basesJson, changesOfRow } from '../../sync/engine/row-changes';
import { tableRule } from '../../sync/engine/table-rules';
import { textState, type TextVersion } from '../../sync/merge/column-merge';
import type { LocalDatabase } from './database';

export interface PendingBases {
  /** The outbox position before the write: the entry to annotate comes after it. */
  afterSeq: number;
  /** Column → the HLCs it writes over. */
  bases: Record<string, string[]>;
  /** Columns that must be in the change even if their value did not change. */
  forced: ReadonlySet<string>;
}

/** Before an update: what it will write over, or null when nothing it sets is versioned. */
export function basesBeforeUpdate(
  db: LocalDatabase,
  table: string,
  rowId: string,
  columns: readonly string[],
  explicit: Bases | undefined,
): PendingBases | null {
  const clinical = (tableRule(table)?.clinicalText ?? []).filter((c) => columns.includes(c) && !(explicit && c in explicit));
  if (clinical.length === 0 && !explicit) return null;
  const bases: Record<string, string[]> = {};
  if (clinical.length > 0) {
    const changes = changesOfRow(db, table, rowId);
    for (const column of clinical) {
      const shown = textState(versionsOf(changes, column) as TextVersion[]).shown;
      bases[column] = shown ? [shown.hlc] : [];
    }
  }
  for (const [column, hlcs] of Object.entries(explicit ?? {})) bases[column] = [...hlcs];
  const last = db.first(db.kysely.selectFrom('sync_log').select('seq').orderBy('seq', 'desc').limit(1))?.seq ?? 0;
  return { afterSeq: last, bases, forced: new Set(Object.keys(explicit ?? {})) };
}

/** After the update: put the bases (and forced columns) on the outbox entry it wrote. */
export function recordBases(db: LocalDatabase, table: string, rowId: string, values: Readonly<Record<string, unknown>>, pending: PendingBases): void {
  const entry = db.first(
    db.kysely
      .selectFrom('sync_log')
      .select(['seq', 'changes'])
      .where('table_name', '=', table)
      .where('row_id', '=', rowId)
      .where('seq', '>', pending.afterSeq)
      .orderBy('seq', 'desc')
      .limit(1),
  );
  if (!entry) return; // not captured (the sync engine writing)
  const changes = JSON.parse(entry.changes) as Record<string, unknown>;
  const bases: Record<string, string[]> = {};
  for (const [column, hlcs] of Object.entries(pending.bases)) {
    if (pending.forced.has(column)) changes[column] = values[column] ?? null;
    if (column in changes) bases[column] = hlcs;
  }
  db.run(
    db.kysely
      .updateTable('sync_log')
      .set({ changes: JSON.stringify(changes), bases: basesJson(bases) })
      .where('seq', '=', entry.seq),
  );
}
