/**
 * Applying changes received from other devices (a pulled page, or a peer's
 * batch): validate, store in the inbox idempotently, and rewrite every
 * affected row as the merge of all the changes known for it — a pure
 * function of that set (merge-row.ts), so replicas converge whatever the
 * delivery order. One transaction per call; the clock learns the remote
 * HLCs only after commit.
 *
 * Rows that cannot be written yet (no insert seen, a parent not received, a
 * UNIQUE clash) wait in sync_unapplied and are retried on every call, until
 * the page that brings what they need.
 *
 * @example
 *   const page = await pull(cursor);             // the transport, later
 *   const result = applyRemoteChanges(db, page.changes, { pullCursor: page.next_cursor });
 *   result.rejected; // [{ change, reason }] — reported; the rest of the page applied
 */
import type BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { z } from 'zod';
import type { LocalDatabase } from '../../electron/db/database';
import { parseHlc } from '../hlc';
import type { PushEntry } from '../hub/contract';
import { refreshRowConflicts } from './conflict-store';
import { followPatientMerges } from './follow-merges';
import { advanceCounter, readCounter, setPullCursor } from './meta';
import { mergeRow, type Bases, type ColumnValue } from './merge-row';
import { renumberOwnQueueClashes, settleBookingRefClash } from './number-clashes';
import { basesJson, changesOfRow, type StoredRowChange } from './row-changes';
import { tableRank, tableRule } from './table-rules';

/** A pulled change (PulledChange) or a peer's outbox entry (PushEntry, no hub sequence). */
export type IncomingChange = PushEntry & { seq?: number; received_at?: string };

export interface ApplyResult {
  /** New changes stored whose row now shows them. */
  applied: number;
  /** Changes already received (or this device's own, coming back). */
  duplicates: number;
  /** New changes stored whose row cannot be written yet (see sync_unapplied). */
  deferred: number;
  rejected: { change: unknown; reason: string }[];
  /** Rows inserted or updated by this call. */
  rowsWritten: number;
  /** Rows waiting in sync_unapplied after this call (from any call). */
  rowsWaiting: number;
  /** Open conflicts of the rows merged (two different end states, concurrent clinical text edits): see sync_conflict. */
  conflicts: { table: string; rowId: string; column: string; id: string }[];
}

export interface ApplyOptions {
  /** The pull cursor after this page: saved in the same transaction as the page. */
  pullCursor?: number;
}

const isHlc = (value: string) => {
  try {
    return !Number.isNaN(parseHlc(value).wallMs);
  } catch {
    return false;
  }
};

const COLUMN_NAME = /^[a-z_][a-z0-9_]*$/;
const HLC_NODE_AT = '2026-01-01T00:00:00.000Z-0000-'.length;

/**
 * Changed columns: an object here, each column checked in the refinement
 * below (lower_case name; a string, number or null). One loop rather than
 * z.record of a regex key and a union value, which cost ~11 µs a change (an
 * initial sync validates a million); the issues still name the column.
 */
const columnValues = z.custom<Record<string, string | number | null>>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  'not an object of changed columns',
);
const incomingChange = z
  .object({
    practice_id: z.string().min(1),
    table_name: z.string().refine((t) => tableRule(t) !== undefined, 'not a synced table'),
    row_id: z.string().min(1),
    op: z.enum(['insert', 'update']),
    changes: columnValues,
    hlc: z.string().refine(isHlc, 'not a hybrid logical clock timestamp'),
    device_id: z.string().min(1),
    device_seq: z.number().int().positive(),
    actor: z.string().nullable().optional(),
    // Per column, the versions this change writes over (migration 0008).
    bases: z
      .record(z.string(), z.array(z.string().refine(isHlc, 'not a hybrid logical clock timestamp')).max(64))
      .nullable()
      .optional(),
    seq: z.number().int().nonnegative().optional(),
    received_at: z.string().optional(),
  })
  .superRefine((c, ctx) => {
    const rule = tableRule(c.table_name);
    if (!rule) return;
    const issue = (message: string, path: string[] = []) => ctx.addIssue({ code: 'custom', message, path });
    if (rule.kind === 'ledger' && c.op === 'update') issue(`${c.table_name} is append-only: an update cannot apply`, ['op']);
    if (Object.keys(c.changes).length === 0) issue('no columns changed', ['changes']);
    for (const [column, value] of Object.entries(c.changes)) {
      if (!COLUMN_NAME.test(column)) issue('not a column name', ['changes', column]);
      if (value !== null && typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
        issue('not a string, number or null', ['changes', column]);
      }
    }
    if (c.op === 'insert' && c.changes.id === undefined) issue('an insert carries the row id', ['changes', 'id']);
    if (c.changes.id !== undefined && c.changes.id !== c.row_id) issue('changes.id is not row_id', ['changes', 'id']);
    if (c.changes.practice_id !== undefined && c.changes.practice_id !== c.practice_id) {
      issue('changes.practice_id is not practice_id', ['changes', 'practice_id']);
    }
    for (const [column, machine] of Object.entries(rule.status)) {
      const value = c.changes[column];
      if (value !== undefined && !machine.statuses.includes(value as string)) issue(`not a ${c.table_name} status`, ['changes', column]);
    }
    // An HLC's node follows its fixed-width time and counter ("…000Z-0000-"); parsed only if it differs.
    if (c.hlc.slice(HLC_NODE_AT) !== c.device_id && isHlc(c.hlc)) issue('the HLC was not made by device_id', ['hlc']);
    for (const [column, hlcs] of Object.entries(c.bases ?? {})) {
      if (!(column in c.changes)) issue('bases name a column the change does not set', ['bases', column]);
      // What keeps the newest version a head, so the hub's last-writer-wins row equals ours.
      if (hlcs.some((h) => !(h < c.hlc))) issue('a base is not older than the change', ['bases', column]);
    }
  });

type Valid = z.output<typeof incomingChange>;

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

/**
 * Key order does not matter (the hub's jsonb reorders keys); repeats must
 * compare equal. Column names are never integer-like (checked above), so
 * JSON.stringify keeps the order the keys were added in.
 */
function canonicalJson(changes: Record<string, ColumnValue>): string {
  const keys = Object.keys(changes).sort();
  const sorted: Record<string, ColumnValue> = {};
  for (const key of keys) sorted[key] = changes[key]!;
  return JSON.stringify(sorted);
}

const rowKey = (table: string, rowId: string) => `${table}\u0000${rowId}`;

export function applyRemoteChanges(db: LocalDatabase, changes: readonly unknown[], options: ApplyOptions = {}): ApplyResult {
  const result: ApplyResult = { applied: 0, duplicates: 0, deferred: 0, rejected: [], rowsWritten: 0, rowsWaiting: 0, conflicts: [] };
  let maxHlc: string | null = null;

  const receivedAt = db.isoNow();
  db.transaction(null, () =>
    db.withoutCapture(() => {
      const fresh = new Map<string, StoredRowChange[]>(); // row → new changes stored for it, as stored
      const relearned = new Set<string>(); // rows whose known changes gained bases
      for (const change of changes) {
        const parsed = incomingChange.safeParse(change);
        if (!parsed.success) {
          result.rejected.push({ change, reason: describeIssues(parsed.error) });
          continue;
        }
        const c = parsed.data;
        // Our own changes are in sync_log already.
        if (c.device_id === db.deviceId) {
          result.duplicates += 1;
          continue;
        }
        const stored = storeInInbox(db, c, receivedAt);
        if (typeof stored === 'object' && 'change' in stored) {
          const key = rowKey(c.table_name, c.row_id);
          const list = fresh.get(key);
          if (list) list.push(stored.change);
          else fresh.set(key, [stored.change]);
          if (maxHlc === null || c.hlc > maxHlc) maxHlc = c.hlc;
        } else if (stored === 'duplicate') {
          result.duplicates += 1;
        } else if (stored === 'bases-learned') {
          result.duplicates += 1;
          relearned.add(rowKey(c.table_name, c.row_id));
        } else {
          result.rejected.push({ change, reason: stored.reason });
        }
      }

      const rows = new Map<string, RowToWrite>();
      const add = (table: string, rowId: string, key = rowKey(table, rowId)) => {
        if (!rows.has(key)) rows.set(key, { key, table, rowId, wasWaiting: false, firstSeen: null });
        return rows.get(key)!;
      };
      for (const r of db.all(db.kysely.selectFrom('sync_unapplied').select(['table_name', 'row_id']))) add(r.table_name, r.row_id).wasWaiting = true;
      const mergeAgain = new Set(relearned);
      for (const r of locallyEditedSinceLastMerge(db)) mergeAgain.add(add(r.table_name, r.row_id).key);
      for (const [key, changesHere] of fresh) {
        const [table, rowId] = key.split('\u0000') as [string, string];
        const row = add(table, rowId, key);
        // Every change this device knew of for the row before this page left it written or
        // waiting (sync_unapplied): a row neither waiting nor merged again, and not on this
        // device, has only the changes of this page — no need to read them back.
        if (!row.wasWaiting && !mergeAgain.has(key)) row.firstSeen = changesHere;
      }
      for (const key of relearned) {
        const [table, rowId] = key.split('\u0000') as [string, string];
        add(table, rowId, key);
      }

      const waiting = writeMergedRows(db, [...rows.values()], result);
      renumberOwnQueueClashes(db, [...rows.values()].filter((r) => r.table === 'visit').map((r) => r.rowId));
      for (const [key, changesHere] of fresh) {
        if (waiting.has(key)) result.deferred += changesHere.length;
        else result.applied += changesHere.length;
      }
      result.rowsWaiting = db.first(db.kysely.selectFrom('sync_unapplied').select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
      if (options.pullCursor !== undefined) setPullCursor(db, options.pullCursor);
    }),
  );

  // In-memory state changes only after commit.
  if (maxHlc !== null) db.clock.receive(maxHlc);
  // Rows for a patient merged elsewhere move to the survivor (a transaction of its own, captured).
  if (result.rowsWritten > 0) followPatientMerges(db);
  return result;
}

/**
 * After a restart the clock is restored from the outbox only; let it also
 * know the newest change received, so later local edits sort after it.
 */
export function primeClockFromInbox(db: LocalDatabase): void {
  const newest = db.first(db.kysely.selectFrom('sync_inbox').select((eb) => eb.fn.max('hlc').as('hlc')));
  if (newest?.hlc) db.clock.receive(newest.hlc);
}

/** A row to write: its key, whether it waited in sync_unapplied, and its changes if they all came in this page. */
interface RowToWrite {
  key: string;
  table: string;
  rowId: string;
  wasWaiting: boolean;
  firstSeen: StoredRowChange[] | null;
}

function storeInInbox(db: LocalDatabase, c: Valid, receivedAt: string): { change: StoredRowChange } | 'duplicate' | 'bases-learned' | { reason: string } {
  const changes = canonicalJson(c.changes);
  const bases = basesJson(c.bases);
  const row = {
    device_id: c.device_id,
    device_seq: c.device_seq,
    hub_seq: c.seq ?? null,
    table_name: c.table_name,
    row_id: c.row_id,
    practice_id: c.practice_id,
    op: c.op,
    changes,
    hlc: c.hlc,
    actor: c.actor ?? null,
    received_at: receivedAt,
    bases,
  };
  // One shape for every change: compiled once, not per change (an initial sync stores a million).
  const inserted = db.runShaped(
    'sync inbox insert',
    () => db.kysely.insertInto('sync_inbox').values(row).onConflict((oc) => oc.columns(['device_id', 'device_seq']).doNothing()).compile(),
    Object.values(row),
  );
  if (inserted > 0) {
    // The change as changesOfRow would read it back from the inbox.
    const change: StoredRowChange = {
      practice_id: c.practice_id, device_id: c.device_id, op: c.op, changes: c.changes, hlc: c.hlc,
      bases: bases === null ? null : (JSON.parse(bases) as Bases), actor: c.actor ?? null,
    };
    return { change };
  }
  const before = db.first(
    db.kysely
      .selectFrom('sync_inbox')
      .select(['table_name', 'row_id', 'op', 'changes', 'hlc', 'bases'])
      .where('device_id', '=', c.device_id)
      .where('device_seq', '=', c.device_seq),
  )!;
  const same = before.table_name === c.table_name && before.row_id === c.row_id && before.op === c.op && before.hlc === c.hlc && before.changes === changes;
  if (same && before.bases === bases) return 'duplicate';
  // The same change first came through a path that did not carry its bases
  // (an older relay or hub, a priority pull): keep what it wrote over now.
  if (same && before.bases === null && bases !== null) {
    db.run(db.kysely.updateTable('sync_inbox').set({ bases }).where('device_id', '=', c.device_id).where('device_seq', '=', c.device_seq));
    return 'bases-learned';
  }
  return { reason: `device ${c.device_id} change ${c.device_seq} was already received with different content` };
}

/**
 * Local edits made since the last merge may sit on top of a merged row
 * without being its merge (a requeue behind another desk's furthest status,
 * an edit under a skewed clock): merge those rows again too.
 */
function locallyEditedSinceLastMerge(db: LocalDatabase): { table_name: string; row_id: string }[] {
  const since = readCounter(db, 'merged_local_through');
  const last = db.first(db.kysely.selectFrom('sync_log').select('seq').orderBy('seq', 'desc').limit(1))?.seq ?? 0;
  if (last <= since) return [];
  const rows = db.all(
    db.kysely
      .selectFrom('sync_log as l')
      .select(['l.table_name', 'l.row_id'])
      .distinct()
      .where('l.seq', '>', since)
      .where(({ exists, selectFrom }) =>
        exists(selectFrom('sync_inbox as i').select('i.device_seq').whereRef('i.table_name', '=', 'l.table_name').whereRef('i.row_id', '=', 'l.row_id')),
      ),
  );
  advanceCounter(db, 'merged_local_through', last);
  return rows;
}

type WriteOutcome = 'written' | 'unchanged' | { deferred: string };

/** Write each row's merge, parents first; retry what failed until a pass makes no progress. Returns the rows left waiting. */
function writeMergedRows(db: LocalDatabase, rows: RowToWrite[], result: ApplyResult): Set<string> {
  rows.sort((a, b) => tableRank(a.table) - tableRank(b.table) || (a.rowId < b.rowId ? -1 : a.rowId > b.rowId ? 1 : 0));
  let pending = rows;
  const reasons = new Map<string, string>();
  for (;;) {
    const failed: typeof rows = [];
    for (const row of pending) {
      const outcome = writeMergedRow(db, row, result);
      if (typeof outcome === 'object') {
        failed.push(row);
        reasons.set(row.key, outcome.deferred);
      } else {
        reasons.delete(row.key);
        if (outcome === 'written') result.rowsWritten += 1;
      }
    }
    if (failed.length === 0 || failed.length === pending.length) {
      pending = failed;
      break;
    }
    pending = failed;
  }

  const waiting = new Set(pending.map((r) => r.key));
  for (const row of rows) {
    const key = row.key;
    if (waiting.has(key)) {
      db.run(
        db.kysely
          .insertInto('sync_unapplied')
          .values({ table_name: row.table, row_id: row.rowId, reason: reasons.get(key)!, deferred_at: db.isoNow() })
          .onConflict((oc) => oc.columns(['table_name', 'row_id']).doUpdateSet({ reason: sql<string>`excluded.reason` })),
      );
    } else if (row.wasWaiting) {
      db.runShaped(
        'sync unapplied delete',
        () => db.kysely.deleteFrom('sync_unapplied').where('table_name', '=', row.table).where('row_id', '=', row.rowId).compile(),
        [row.table, row.rowId],
      );
    }
  }
  return waiting;
}

function writeMergedRow(db: LocalDatabase, row: RowToWrite, result: ApplyResult): WriteOutcome {
  const { table, rowId } = row;
  const rule = tableRule(table)!;
  const current = currentRow(db, table, rowId);
  // A row not on this device whose changes all came in this page (an initial sync's every row).
  const firstSeen = current === undefined ? row.firstSeen : null;
  const changes = firstSeen ?? changesOfRow(db, table, rowId);
  const merged = mergeRow(rule, changes);
  if (merged.kind === 'no-insert') return { deferred: 'waiting for the insert of this row' };
  // One change alone has no concurrent versions, and a row first seen now has no conflict rows to replace.
  if (!(firstSeen && firstSeen.length === 1)) {
    // Retries of a deferred row recompute the same conflicts: report each once.
    for (const conflict of refreshRowConflicts(db, table, rowId, changes)) {
      if (conflict.state === 'open' && !result.conflicts.some((c) => c.id === conflict.id)) {
        result.conflicts.push({ table, rowId, column: conflict.column, id: conflict.id });
      }
    }
  }

  const columns = storedColumns(db, table);
  // Columns this schema does not have (a newer device's) stay in the inbox for a later migration.
  const values: Record<string, ColumnValue> = {};
  for (const column in merged.values) if (columns.has(column)) values[column] = merged.values[column]!;
  let write: (() => number) | null = null;
  if (!current) {
    const names = Object.keys(values);
    write = () =>
      db.runShaped(
        `sync insert ${table} ${names.join(',')}`,
        () => db.kysely.insertInto(table as never).values(values as never).compile(),
        names.map((n) => values[n]),
      );
  } else if (rule.kind === 'row') {
    const differing = Object.keys(values).filter((c) => c !== 'id' && !Object.is(current[c], values[c]));
    if (differing.length === 0) return 'unchanged';
    const set = Object.fromEntries(differing.map((c) => [c, values[c]]));
    write = () =>
      db.runShaped(
        `sync update ${table} ${differing.join(',')}`,
        () => db.kysely.updateTable(table as never).set(set as never).where('id' as never, '=', rowId as never).compile(),
        [...differing.map((c) => set[c]), rowId],
      );
  }
  if (!write) return 'unchanged'; // a ledger row is never rewritten
  try {
    // One statement: if it fails, SQLite backs out that statement alone (triggers
    // included) and the rest of the page stays — no savepoint needed per row.
    write();
    return 'written';
  } catch (error) {
    if (!isDeferrable(error)) throw error;
    if (table === 'appointment' && settleInSavepoint(db, () => settleBookingRefClash(db, values, current !== undefined))) return 'written';
    return { deferred: (error as Error).message };
  }
}

const savepoints = new WeakMap<LocalDatabase, (fn: () => unknown) => unknown>();

/** `fn` in a savepoint (inside the page's transaction); one transaction function per database, not one per row. */
function inSavepoint<T>(db: LocalDatabase, fn: () => T): T {
  let run = savepoints.get(db);
  if (!run) savepoints.set(db, (run = db.sqlite.transaction((f: () => unknown) => f())));
  return run(fn) as T;
}

/** A clash settled in a savepoint of its own: if settling fails too, the row waits as before. */
function settleInSavepoint(db: LocalDatabase, settle: () => boolean): boolean {
  try {
    return inSavepoint(db, settle);
  } catch (error) {
    if (isDeferrable(error)) return false;
    throw error;
  }
}

/** Failures a later page can cure: a missing parent, a UNIQUE clash, a NOT NULL the insert has not filled. */
function isDeferrable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CONSTRAINT') || code === 'SQLITE_MISMATCH');
}

const readers = new WeakMap<LocalDatabase, Map<string, BetterSqlite3.Statement>>();

function currentRow(db: LocalDatabase, table: string, rowId: string): Record<string, unknown> | undefined {
  let statements = readers.get(db);
  if (!statements) readers.set(db, (statements = new Map()));
  let statement = statements.get(table);
  // Table names come from the registry, never from the change.
  if (!statement) statements.set(table, (statement = db.sqlite.prepare(`SELECT * FROM "${table}" WHERE id = ?`)));
  return statement.get(rowId) as Record<string, unknown> | undefined;
}

const columnCache = new WeakMap<LocalDatabase, Map<string, Set<string>>>();

/** Stored (not generated) columns of a table, as the capture triggers ship them. */
function storedColumns(db: LocalDatabase, table: string): Set<string> {
  let tables = columnCache.get(db);
  if (!tables) columnCache.set(db, (tables = new Map()));
  let columns = tables.get(table);
  if (!columns) {
    const rows = db.sqlite.prepare('SELECT name, hidden FROM pragma_table_xinfo(?)').all(table) as { name: string; hidden: number }[];
    columns = new Set(rows.filter((r) => r.hidden === 0).map((r) => r.name));
    tables.set(table, columns);
  }
  return columns;
}
