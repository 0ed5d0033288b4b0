/** What the conflict inbox shows (see electron/services/conflicts.ts). */

export type ConflictKind = 'clinical-text' | 'status';

/** One version in conflict: what it says, who wrote it, when (UTC ISO). */
export interface ConflictVersionView {
  /** Names the version when resolving ("Keep this one"). */
  hlc: string;
  value: string | number | null;
  authorId: string | null;
  authorName: string | null;
  at: string;
  deviceId: string;
}

export interface ConflictView {
  id: string;
  kind: ConflictKind;
  state: 'open' | 'resolved';
  table: string;
  rowId: string;
  column: string;
  patientId: string | null;
  patientName: string | null;
  /** Oldest first. */
  versions: ConflictVersionView[];
  resolvedAt: string | null;
  resolvedByName: string | null;
  resolvedValue: string | number | null;
  /** When the record itself was removed meanwhile (a removal never discards the versions). */
  recordRemovedAt: string | null;
}

export interface ConflictCount {
  /** Open conflicts this user may resolve. */
  open: number;
}
