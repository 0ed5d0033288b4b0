/**
 * What public.sync_push / public.sync_pull take and return (see
 * migrations/postgres/0001_hub.sql), for the device's sync engine and tests.
 *
 * @example
 *   const { data } = await supabase.rpc('sync_push', { batch: entries satisfies PushEntry[] });
 *   const ack = data as PushResult; // mark outbox entries ≤ ack.acknowledged_through as sent
 */

/** One outbox entry (the device's sync_log row; `device_seq` is its `seq`). */
export interface PushEntry {
  practice_id: string;
  table_name: string;
  row_id: string;
  op: 'insert' | 'update';
  /** Changed columns and their new values. */
  changes: Record<string, unknown>;
  hlc: string;
  device_id: string;
  device_seq: number;
  actor: string | null;
  /**
   * Per column, the HLCs of the versions this change deliberately writes
   * over (a clinical text edited on top of what was shown; a conflict
   * resolved). Absent or null: not recorded. Each is older than `hlc`.
   */
  bases?: Record<string, string[]> | null;
}

/** At most this many entries per sync_push call. */
export const MAX_PUSH_BATCH = 1000;

export interface PushResult {
  /** The largest device_seq in the batch (null for an empty batch). */
  acknowledged_through: number | null;
  /** Entries already stored by an earlier push. */
  duplicates: number;
  /** The hub's clock when it took the batch (0005; absent from an older hub). */
  hub_time?: string;
  /** How far the batch's newest HLC is ahead of hub_time, in ms (negative: behind). */
  clock_ahead_ms?: number | null;
  /** Entries stamped more than five minutes ahead of the hub's clock: accepted, and recorded against the device. */
  far_future?: number;
}

export interface PulledChange extends PushEntry {
  /** Server sequence. Pass the last one served back as `since`. */
  seq: number;
  received_at: string;
}

export interface PullResult {
  changes: PulledChange[];
  /** The cursor for the next call (the seq of the last change served, or `since`). */
  next_cursor: number;
  has_more: boolean;
  /** The hub's clock when it served the page (0005). */
  hub_time?: string;
}

/** Tiers of a fresh device's first sync (public.sync_pull_priority, 0005). */
export type PriorityTier = 1 | 2;

export interface PriorityPullResult {
  changes: PulledChange[];
  /** Pass back as after_seq for the next page of the tier. */
  next_after: number;
  has_more: boolean;
  /** Changes in the tier (the progress bar's total). */
  total: number;
  /** Of those, the ones at or before after_seq (already served: a resumed tier's progress). */
  before: number;
  /** "Today" by the hub's clock in each practice's time zone, by practice id. */
  days: Record<string, string>;
  hub_time: string;
}

export interface PullEstimate {
  /** Changes after the cursor (by seq: an estimate of what the stream still holds). */
  changes: number;
  hub_time: string;
}

/** One practice the signed-in hub account belongs to, and what its role may push (hub 0010, 0012). */
export interface HubMembership {
  practice_id: string;
  role: string;
  permissions: string[];
}

/** sync_pull serves at most this many changes per call. */
export const MAX_PULL_PAGE = 1000;
