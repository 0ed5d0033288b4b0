/**
 * The merged state of one synced row, as a pure function of the set of
 * changes made to it anywhere (this device's outbox entries and the ones
 * received from other devices). The same set gives the same row in any
 * order, with any repeats, on any node (ARCHITECTURE §4, "Topology-free
 * merging").
 *
 * @example
 *   mergeRow(tableRule('patient')!, [insertFromA, breedFromB, breedFromC]);
 *   // { kind: 'row', values: { …insert, breed: <the later HLC's> }, conflicts: [] }
 */
import { mergeLww, mergeStatus, textState, type TextVersion, type Versioned } from '../merge/column-merge';
import { columnMerge, type TableRule } from './table-rules';

export type ColumnValue = string | number | null;

/** Per column, the HLCs of the versions a change deliberately writes over (migration 0008). */
export type Bases = Readonly<Record<string, readonly string[]>>;

export interface RowChange {
  device_id: string;
  op: 'insert' | 'update';
  changes: Readonly<Record<string, ColumnValue>>;
  hlc: string;
  /** Absent or null: not recorded (see TextVersion.bases). */
  bases?: Bases | null;
  actor?: string | null;
}

export type MergedRow =
  | { kind: 'row'; values: Record<string, ColumnValue>; conflicts: string[] }
  /** Only updates seen so far: nothing to write until the insert arrives. */
  | { kind: 'no-insert' };

interface ColumnVersion extends Versioned {
  value: ColumnValue;
  device: string;
}

export function mergeRow(rule: TableRule, changes: readonly RowChange[]): MergedRow {
  // One canonical order for the set. An HLC names one change (it carries its
  // device); the content breaks ties only if a faulty device reused one.
  // Repeats are harmless: every fold below is idempotent.
  // (A row's first change, as every row of an initial sync: nothing to order.)
  const ordered =
    changes.length < 2
      ? [...changes]
      : changes
          .map((c) => ({ c, key: `${c.op}\u0000${canonical(c.changes)}` }))
          .sort((a, b) => compare(a.c.hlc, b.c.hlc) || compare(a.key, b.key))
          .map((x) => x.c);
  const inserts = ordered.filter((c) => c.op === 'insert');
  if (inserts.length === 0) return { kind: 'no-insert' };
  // Ledger rows are written once; the earliest insert is the row.
  if (rule.kind === 'ledger') return { kind: 'row', values: { ...inserts[0]!.changes }, conflicts: [] };

  const versions = new Map<string, ColumnVersion[]>();
  const superseded = supersededVersions(ordered);
  for (const change of ordered) {
    for (const [column, value] of Object.entries(change.changes)) {
      let list = versions.get(column);
      if (!list) versions.set(column, (list = []));
      list.push({ value, hlc: change.hlc, device: change.device_id });
    }
  }
  const values: Record<string, ColumnValue> = {};
  const conflicts: string[] = [];
  for (const [column, list] of versions) {
    if (columnMerge(rule, column) === 'status') {
      const merged = mergeStatusColumn(rule, column, list, superseded.get(column));
      values[column] = merged.value;
      if (merged.conflict) conflicts.push(column);
    } else {
      // 'lww', and 'clinical-text' too: a version's HLC is later than those it
      // writes over (causal capture, checked on receipt), so the newest
      // version is always a head and is what textState shows. Its other heads
      // are kept as versions and raised as a conflict (row-conflicts.ts).
      values[column] = list.reduce((a, b) => mergeLww(a, b) as ColumnVersion).value;
    }
  }
  const seal = rule.sealedBy;
  if (seal && values[seal.column] === seal.value) {
    for (const column of rule.clinicalText) {
      const sealed = versions.has(column) ? sealedText(ordered, column, seal) : undefined;
      if (sealed) values[column] = sealed.value as ColumnValue;
    }
  }
  return { kind: 'row', values, conflicts };
}

/**
 * The text a sealed row (a signed note) shows in `column`: the newest
 * standing version that a sealing change wrote, or undefined when none
 * stands (a clinician has since settled the column: their version shows).
 * `ordered` is in canonical order.
 */
function sealedText(ordered: readonly RowChange[], column: string, seal: { column: string; value: string }): TextVersion | undefined {
  const written = ordered.filter((c) => column in c.changes);
  const versions: TextVersion[] = written.map((c) => ({ value: c.changes[column]!, hlc: c.hlc, bases: c.bases?.[column] ?? null }));
  const sealing = new Set(written.filter((c) => c.changes[seal.column] === seal.value).map((c) => c.hlc));
  return textState(versions)
    .heads.filter((v) => sealing.has(v.hlc))
    .at(-1);
}

/** The same change stored on two nodes may list its columns in different orders. */
function canonical(changes: Readonly<Record<string, ColumnValue>>): string {
  return JSON.stringify(Object.keys(changes).sort().map((k) => [k, changes[k]]));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * One device's own moves are in order (its clock only goes forward), so its
 * latest status supersedes its earlier ones: a requeue (CALLED → WAITING) on
 * one desk stands. Between devices, the furthest legal state wins.
 */
function mergeStatusColumn(
  rule: TableRule,
  column: string,
  list: readonly ColumnVersion[],
  superseded: ReadonlySet<string> | undefined,
): { value: ColumnValue; conflict: boolean } {
  const heads = statusHeads(list, superseded);
  const machine = rule.status[column]!;
  let merged: Versioned = heads[0]!;
  let conflict = false;
  for (const head of heads.slice(1)) {
    const next = mergeStatus(machine, merged, head);
    conflict ||= next.conflict;
    merged = next;
  }
  return { value: merged.value as ColumnValue, conflict };
}

/**
 * The versions of a status column still standing: those no change names in
 * its bases (a manager's pick settles the end states it names), then each
 * device's latest. `list` is in canonical (HLC) order; so is the result.
 */
export function statusHeads<V extends { hlc: string; device: string }>(list: readonly V[], superseded: ReadonlySet<string> | undefined): V[] {
  // The newest version is never superseded (bases are older than their change), so this is never empty.
  const standing = superseded ? list.filter((v) => !superseded.has(v.hlc)) : list;
  const latestPerDevice = new Map<string, V>();
  for (const version of standing) latestPerDevice.set(version.device, version);
  return [...latestPerDevice.values()].sort((a, b) => compare(a.hlc, b.hlc));
}

/** Per column, every HLC some change names in its bases. */
export function supersededVersions(changes: readonly RowChange[]): Map<string, Set<string>> {
  const superseded = new Map<string, Set<string>>();
  for (const change of changes) {
    for (const [column, hlcs] of Object.entries(change.bases ?? {})) {
      let set = superseded.get(column);
      if (!set) superseded.set(column, (set = new Set()));
      for (const hlc of hlcs) set.add(hlc);
    }
  }
  return superseded;
}
