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
}

/** At most this many entries per sync_push call. */
export const MAX_PUSH_BATCH = 1000;

export interface PushResult {
  /** The largest device_seq in the batch (null for an empty batch). */
  acknowledged_through: number | null;
  /** Entries already stored by an earlier push. */
  duplicates: number;
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
}

/** sync_pull serves at most this many changes per call. */
export const MAX_PULL_PAGE = 1000;
