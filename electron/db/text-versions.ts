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
import type BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import type { Bases } from '../../sync/engine/merge-row';
import { basesJson } from '../../sync/engine/row-changes';
import { tableRule } from '../../sync/engine/table-rules';
import type { LocalDatabase } from './database';

export interface PendingBases {
  /** With explicit bases: the outbox position before the write (the entry to annotate comes after it). */
  afterSeq: number | null;
  /** Column → the HLCs it writes over. */
  bases: Record<string, string[]>;
  /** Columns that must be in the change even if their value did not change. */
  forced: ReadonlySet<string>;
}

/**
 * Before an update: what it will write over, or null when nothing it sets is
 * versioned. A clinical text the update sets to the value it already has is
 * not an edit (the trigger captures nothing for it): most saves of a form
 * carry the notes unchanged, and they should not pay for reading the row's
 * history.
 */
export function basesBeforeUpdate(
  db: LocalDatabase,
  table: string,
  rowId: string,
  values: Readonly<Record<string, unknown>>,
  explicit: Bases | undefined,
): PendingBases | null {
  // The sync engine writing merged rows (capture off) records nothing.
  if (!db.isCapturing()) return null;
  const named = (tableRule(table)?.clinicalText ?? []).filter((c) => c in values && !(explicit && c in explicit));
  const clinical = named.length > 0 ? changedColumns(db, table, rowId, named, values) : [];
  if (clinical.length === 0 && !explicit) return null;
  const bases: Record<string, string[]> = {};
  for (const column of clinical) {
    const shown = newestVersion(db, table, rowId, column);
    bases[column] = shown ? [shown] : [];
  }
  if (!explicit) return { afterSeq: null, bases, forced: new Set() };
  for (const [column, hlcs] of Object.entries(explicit)) bases[column] = [...hlcs];
  const last = db.firstShaped('last outbox seq', () => db.kysely.selectFrom('sync_log').select('seq').orderBy('seq', 'desc').limit(1).compile(), [1])?.seq ?? 0;
  return { afterSeq: last, bases, forced: new Set(Object.keys(explicit)) };
}

/**
 * Per column, the version each shows now (as bases: none yet is an empty
 * list): what a change that restates these columns deliberately stands on,
 * e.g. a signature pinning the text it signs.
 */
export function shownVersions(db: LocalDatabase, table: string, rowId: string, columns: readonly string[]): Record<string, string[]> {
  return Object.fromEntries(columns.map((c) => [c, [newestVersion(db, table, rowId, c)].filter((h): h is string => h !== null)]));
}

/**
 * The HLC of the version a clinical text shows: textState's newest head,
 * which is the newest version of the column, since every change is newer
 * than its bases (checked on receipt) so the newest can never have been
 * written over. Two index range reads instead of loading the row's history.
 */
function newestVersion(db: LocalDatabase, table: string, rowId: string, column: string): string | null {
  const path = `$.${column}`;
  const row = db.firstShaped(
    'newest version of a column',
    () =>
      sql<{ hlc: string | null }>`SELECT max(hlc) AS hlc FROM (
        SELECT hlc FROM sync_log WHERE table_name = ${table} AND row_id = ${rowId} AND json_type(changes, ${path}) IS NOT NULL
        UNION ALL
        SELECT hlc FROM sync_inbox WHERE table_name = ${table} AND row_id = ${rowId} AND json_type(changes, ${path}) IS NOT NULL)`.compile(db.kysely),
    [table, rowId, path, table, rowId, path],
  );
  return row?.hlc ?? null;
}

const currentValueStatements = new WeakMap<LocalDatabase, Map<string, BetterSqlite3.Statement>>();

/** Those of `columns` whose stored value differs from the one about to be written. */
function changedColumns(db: LocalDatabase, table: string, rowId: string, columns: readonly string[], values: Readonly<Record<string, unknown>>): string[] {
  // Table and column names come from the table rules, never from the caller.
  const sqlText = `SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}" WHERE id = ?`;
  let statements = currentValueStatements.get(db);
  if (!statements) currentValueStatements.set(db, (statements = new Map()));
  let statement = statements.get(sqlText);
  if (!statement) statements.set(sqlText, (statement = db.sqlite.prepare(sqlText)));
  const current = statement.get(rowId) as Record<string, unknown> | undefined;
  if (!current) return [];
  return columns.filter((c) => !Object.is(current[c] ?? null, values[c] ?? null));
}

/** After the update: put the bases (and forced columns) on the outbox entry it wrote. */
export function recordBases(db: LocalDatabase, table: string, rowId: string, values: Readonly<Record<string, unknown>>, pending: PendingBases): void {
  if (pending.afterSeq === null) {
    // An edit: only columns whose value changed are pending (basesBeforeUpdate checked), so the trigger captured each,
    // and with capture on, the row's newest outbox entry is the one this update just wrote.
    const bases = basesJson(pending.bases);
    db.runShaped(
      'record bases',
      () =>
        sql`UPDATE sync_log SET bases = ${bases}
            WHERE seq = (SELECT max(seq) FROM sync_log WHERE table_name = ${table} AND row_id = ${rowId})`.compile(db.kysely),
      [bases, table, rowId],
    );
    return;
  }
  const entry = db.firstShaped(
    'outbox entry just written',
    () =>
      db.kysely
        .selectFrom('sync_log')
        .select(['seq', 'changes'])
        .where('table_name', '=', table)
        .where('row_id', '=', rowId)
        .where('seq', '>', pending.afterSeq)
        .orderBy('seq', 'desc')
        .limit(1)
        .compile(),
    [table, rowId, pending.afterSeq, 1],
  );
  if (!entry) return; // not captured
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
