/**
 * The conflicts of one synced row, as a pure function of the set of its
 * changes (ARCHITECTURE §4: "Conflict and duplicate records get
 * deterministic ids derived from the changes involved, so every node raises
 * the same conflict once").
 *
 * A conflict is a set of two or more versions of one column that nobody has
 * written over together:
 * - clinical free text: the heads of textState (edits neither of which saw
 *   the other);
 * - a status column: the standing heads when two different end states meet
 *   (COMPLETED here, CANCELLED there).
 * It is resolved by a change whose bases name every one of those versions;
 * each such change (a pick or a combined text) leaves a resolved conflict
 * with the same id the open one had. The id is a UUID-shaped hash of table,
 * row, column and the versions' HLCs.
 *
 * @example
 *   rowConflicts(tableRule('medical_history')!, 'medical_history', rowId, changes);
 *   // [{ id, column: 'notes', kind: 'clinical-text', state: 'open', heads: [deskVersion, laptopVersion], … }]
 */
import { createHash } from 'node:crypto';
import { parseHlc } from '../hlc';
import { mergeStatus, textState, type TextVersion, type Versioned } from '../merge/column-merge';
import { statusHeads, supersededVersions, type ColumnValue, type RowChange } from './merge-row';
import type { TableRule } from './table-rules';

export type ConflictKind = 'clinical-text' | 'status';

export interface ConflictVersion {
  hlc: string;
  value: ColumnValue;
  device_id: string;
  actor: string | null;
}

export interface RowConflict {
  id: string;
  table: string;
  rowId: string;
  column: string;
  kind: ConflictKind;
  /** The versions in conflict, oldest first (only those this node has received). */
  heads: ConflictVersion[];
  state: 'open' | 'resolved';
  /** The change that wrote over all heads (the earliest, if several did). */
  resolution: (ConflictVersion & { at: string }) | null;
}

/** UUID-shaped (version 8, RFC 9562 "custom"), from what identifies the conflict. */
export function conflictId(table: string, rowId: string, column: string, hlcs: readonly string[]): string {
  const key = [table, rowId, column, ...[...new Set(hlcs)].sort()].join('\u0000');
  const hex = createHash('sha256').update(key).digest('hex').slice(0, 32).split('');
  hex[12] = '8';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export interface Version extends ConflictVersion {
  device: string;
  bases: readonly string[] | null;
}

export function rowConflicts(rule: TableRule, table: string, rowId: string, changes: readonly RowChange[]): RowConflict[] {
  const columns = [...Object.keys(rule.status), ...rule.clinicalText];
  if (columns.length === 0) return [];
  const superseded = supersededVersions(changes);
  const conflicts = new Map<string, RowConflict>();
  for (const column of columns) {
    const versions = versionsOf(changes, column);
    if (versions.length < 2) continue;
    const kind: ConflictKind = column in rule.status ? 'status' : 'clinical-text';
    const byHlc = new Map(versions.map((v) => [v.hlc, v]));
    const make = (hlcs: readonly string[], state: RowConflict['state'], resolution: RowConflict['resolution']): RowConflict => ({
      id: conflictId(table, rowId, column, hlcs),
      table,
      rowId,
      column,
      kind,
      heads: [...new Set(hlcs)].sort().flatMap((h) => (byHlc.has(h) ? [publicVersion(byHlc.get(h)!)] : [])),
      state,
      resolution,
    });

    // Every change that wrote over two or more versions at once resolved a conflict; the earliest stands.
    for (const v of versions) {
      if (!v.bases || new Set(v.bases).size < 2) continue;
      const resolved = make(v.bases, 'resolved', { ...publicVersion(v), at: new Date(parseHlc(v.hlc).wallMs).toISOString() });
      if (!conflicts.has(resolved.id)) conflicts.set(resolved.id, resolved);
    }

    const open = kind === 'clinical-text' ? textState(versions as TextVersion[]).heads : openStatusHeads(rule, column, versions, superseded.get(column));
    if (open.length >= 2) {
      const conflict = make(open.map((v) => v.hlc), 'open', null);
      conflicts.set(conflict.id, conflict);
    }
  }
  return [...conflicts.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** The column's versions in canonical order (HLC, then content; repeats once). */
export function versionsOf(changes: readonly RowChange[], column: string): Version[] {
  const key = (c: RowChange) => `${c.hlc}\u0000${JSON.stringify(c.changes[column])}`;
  const seen = new Map<string, Version>();
  const ordered = changes.filter((c) => column in c.changes).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  for (const c of ordered) {
    if (seen.has(c.hlc)) continue;
    const value = c.changes[column]!;
    seen.set(c.hlc, { hlc: c.hlc, value, device_id: c.device_id, device: c.device_id, actor: c.actor ?? null, bases: c.bases?.[column] ?? null });
  }
  return [...seen.values()];
}

/**
 * The standing end states the furthest-state merge cannot settle (two
 * different ones met), or none. Only the end states: a desk that never moved
 * the visit on is not part of the dispute, and a pick that writes over the
 * end states ends it.
 */
function openStatusHeads(rule: TableRule, column: string, versions: readonly Version[], superseded: ReadonlySet<string> | undefined): Version[] {
  const heads = statusHeads(versions, superseded);
  const machine = rule.status[column]!;
  let merged: Versioned = heads[0]!;
  let conflict = false;
  for (const head of heads.slice(1)) {
    const next = mergeStatus(machine, merged, head);
    conflict ||= next.conflict;
    merged = next;
  }
  if (!conflict) return [];
  const ends = heads.filter((h) => machine.isFinal(String(h.value)));
  return ends.length >= 2 ? ends : heads;
}

function publicVersion(v: Version): ConflictVersion {
  return { hlc: v.hlc, value: v.value, device_id: v.device_id, actor: v.actor };
}
