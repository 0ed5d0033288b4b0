/**
 * Every change known for one synced row on this device: its own (the outbox,
 * sync_log) and other devices' (sync_inbox). Merged rows and their conflicts
 * are computed from exactly this set (merge-row.ts, row-conflicts.ts).
 *
 * @example
 *   const changes = changesOfRow(db, 'medical_history', rowId);
 *   mergeRow(tableRule('medical_history')!, changes);
 */
import type { CompiledQuery } from 'kysely';
import type { LocalDatabase } from '../../electron/db/database';
import type { Bases, ColumnValue, RowChange } from './merge-row';

export interface StoredRowChange extends RowChange {
  practice_id: string;
}

function compileQueries(db: LocalDatabase) {
  return {
    local: db.kysely
      .selectFrom('sync_log')
      .select(['practice_id', 'device_id', 'op', 'changes', 'hlc', 'bases', 'actor_id as actor'])
      .where('table_name', '=', '')
      .where('row_id', '=', '')
      .compile(),
    remote: db.kysely
      .selectFrom('sync_inbox')
      .select(['practice_id', 'device_id', 'op', 'changes', 'hlc', 'bases', 'actor'])
      .where('table_name', '=', '')
      .where('row_id', '=', '')
      .compile(),
  };
}

const bind = <R>(query: CompiledQuery<R>, parameters: readonly unknown[]): CompiledQuery<R> => ({ ...query, parameters });

/** Compiled once per database and bound per row: an initial sync asks this for every row it writes. */
const compiledFor = new WeakMap<LocalDatabase, ReturnType<typeof compileQueries>>();

export function changesOfRow(db: LocalDatabase, table: string, rowId: string): StoredRowChange[] {
  let queries = compiledFor.get(db);
  if (!queries) compiledFor.set(db, (queries = compileQueries(db)));
  const local = db.all(bind(queries.local, [table, rowId]));
  const remote = db.all(bind(queries.remote, [table, rowId]));
  return [...local, ...remote].map((r) => ({
    ...r,
    changes: JSON.parse(r.changes) as Record<string, ColumnValue>,
    bases: r.bases === null ? null : (JSON.parse(r.bases) as Bases),
  }));
}

/**
 * One text for the same bases on every node: columns sorted, each list
 * sorted without repeats; no bases (or none with any entry) is NULL.
 */
export function basesJson(bases: Bases | null | undefined): string | null {
  if (!bases) return null;
  const columns = Object.keys(bases).sort();
  if (columns.length === 0) return null;
  return JSON.stringify(Object.fromEntries(columns.map((c) => [c, [...new Set(bases[c])].sort()])));
}
