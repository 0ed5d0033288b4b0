/**
 * The sync loop in the background of the core (ARCHITECTURE §4): pushes the
 * outbox soon after each local commit, pulls on an interval, backs off with
 * jitter while the hub cannot be reached, and reports what it is doing.
 *
 * - One exchange at a time: a push or pull asked for while one runs waits
 *   for it (requests coalesce), so nothing is sent twice at once.
 * - Push acknowledges by local sequence with the hub's `acknowledged_through`;
 *   a dropped connection or a crash before that means the batch is sent
 *   again, and the hub (idempotent on device id + device seq) counts the
 *   repeats as duplicates: nothing lost, nothing doubled.
 * - A batch the hub refuses for its content is bisected down to the poison
 *   entry, which is quarantined with the hub's reason; the rest still goes.
 * - Pull pages are applied one transaction each, the cursor saved inside it;
 *   paging until `has_more` is false. A fresh device first fetches the
 *   priority tiers (initial-pull.ts: today's appointments and queue, then
 *   allergies), then the stream from 0; progress is reported per phase.
 * - Every hub answer carries the hub's time: a clock more than 2 min off is
 *   reported in the status (clock-skew.ts), and sync goes on.
 * - The status never says "synced" while the outbox holds anything: there
 *   is no such state, only `online` with a `waiting` count.
 *
 * Timers and clock are injectable; tests drive it with `syncNow()`.
 *
 * @example
 *   const loop = new SyncLoop({ db, transport });
 *   loop.start();                 // first exchange straight away
 *   loop.nudge();                 // after a write: push within ~100 ms
 *   await loop.syncNow();         // push + pull now, resolves with the status
 *   await loop.stop();
 */
import type { LocalDatabase } from '../../electron/db/database';
import type { PullPhase, PullProgress, SyncStatus } from '../../shared/api/sync-types';
import type { PullResult, PushEntry } from '../hub/contract';
import { applyRemoteChanges, primeClockFromInbox } from './apply';
import { clockOffsetMs, skewMessage } from './clock-skew';
import { initialPullStep, pullPriorityTiers, streamEstimate } from './initial-pull';
import { readCounter } from './meta';
import { acknowledgeThrough, entriesToPush, outboxStatus, quarantine } from './outbox';
import { HubFailure, type HubTransport } from './transport';

/**
 * fetch() writes its request a few turns of the event loop after it is
 * called (supabase-js first awaits the session): without these turns the
 * page asked for ahead would only leave once this thread finished writing
 * the current one, and the hub would idle meanwhile (measured: 16 s of
 * waiting in a 250k-change pull, 3 s with them).
 */
async function requestSent(): Promise<void> {
  for (let turn = 0; turn < 3; turn += 1) await new Promise((resolve) => setImmediate(resolve));
}

/** Changes asked for per pull page (the hub serves at most 1000). */
export const DEFAULT_PULL_PAGE = 1000;

export interface SyncTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Real timers that never keep the process (or a test worker) alive on their own. */
export const realTimers: SyncTimers = {
  setTimeout(fn, ms) {
    const handle = setTimeout(fn, ms);
    handle.unref();
    return handle;
  },
  clearTimeout(handle) {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

export interface SyncLoopOptions {
  db: LocalDatabase;
  transport: HubTransport;
  now?: () => number;
  timers?: SyncTimers;
  /** [0, 1), for the backoff's jitter. */
  random?: () => number;
  /** Push this long after a local commit (default 100 ms: the writes of one burst go together). */
  pushDebounceMs?: number;
  /**
   * Pull this often while online (default 500 ms): another desk's change shows
   * here within a second (ARCHITECTURE §4). An idle pull is one index probe on
   * the hub and ~150 bytes each way; a realtime channel could replace it later.
   */
  pullIntervalMs?: number;
  /** First retry after about this long (default 1 s), doubling per failure… */
  backoffBaseMs?: number;
  /** …up to this (default 60 s). */
  backoffMaxMs?: number;
  pushBatchSize?: number;
  pullPageSize?: number;
  /** Just signed in, so the hub answered a moment ago: start as online rather than offline. */
  startOnline?: boolean;
  /** A fresh device fetches today's rows and allergies before the stream (default true). */
  priorityFirst?: boolean;
}

export interface QuarantinedEntry {
  seq: number;
  table: string;
  reason: string;
}

type LiveState = 'online' | 'offline' | 'error';

function lastOutboxSeq(db: LocalDatabase): number {
  return db.first(db.kysely.selectFrom('sync_log').select('seq').orderBy('seq', 'desc').limit(1))?.seq ?? 0;
}

export class SyncLoop {
  private readonly db: LocalDatabase;
  private readonly transport: HubTransport;
  private readonly now: () => number;
  private readonly timers: SyncTimers;
  private readonly random: () => number;
  private readonly pushDebounceMs: number;
  private readonly pullIntervalMs: number;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;
  private readonly pushBatchSize: number;
  private readonly pullPageSize: number;
  private readonly priorityFirst: boolean;

  private started = false;
  private stopped = false;
  private inFlight: Promise<void> | null = null;
  private queued: { full: boolean; promise: Promise<void> } | null = null;
  private cycleTimer: unknown = null;
  private pushTimer: unknown = null;
  private lastNudgedSeq = 0;

  private state: LiveState = 'offline';
  private failures = 0;
  private backoff: number | null = null;
  private retryAtMs: number | null = null;
  private lastSyncAtMs: number | null = null;
  private lastError: { message: string; since: string } | null = null;
  private pulling: PullProgress | null = null;
  /** Our clock minus the hub's at the last answer, ms. */
  private clockOffset: number | null = null;
  private flaggedByHub = false;
  private readonly listeners = new Set<(status: SyncStatus) => void>();
  /** Entries this loop set aside, for the report. */
  readonly quarantinedByThisLoop: QuarantinedEntry[] = [];

  constructor(options: SyncLoopOptions) {
    this.db = options.db;
    this.transport = options.transport;
    this.now = options.now ?? options.db.now;
    this.timers = options.timers ?? realTimers;
    this.random = options.random ?? Math.random;
    this.pushDebounceMs = options.pushDebounceMs ?? 100;
    this.pullIntervalMs = options.pullIntervalMs ?? 500;
    this.backoffBaseMs = options.backoffBaseMs ?? 1_000;
    this.backoffMaxMs = options.backoffMaxMs ?? 60_000;
    this.pushBatchSize = options.pushBatchSize ?? 200;
    this.pullPageSize = options.pullPageSize ?? DEFAULT_PULL_PAGE;
    this.priorityFirst = options.priorityFirst ?? true;
    if (options.startOnline) this.state = 'online';
  }

  /** Begin: the first exchange is due at once. */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    primeClockFromInbox(this.db);
    this.lastNudgedSeq = lastOutboxSeq(this.db);
    this.setCycleTimer(0);
  }

  /** No new exchange starts; resolves once the one in flight has ended (its result is not written). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimers();
    this.listeners.clear();
    await (this.queued?.promise ?? this.inFlight ?? Promise.resolve());
    this.transport.close();
  }

  /** A local write may have added outbox entries: push them soon. Cheap when nothing is new. */
  nudge(): void {
    if (!this.started || this.stopped) return;
    const last = lastOutboxSeq(this.db);
    if (last <= this.lastNudgedSeq) return;
    this.lastNudgedSeq = last;
    this.emit();
    // While backing off, the next retry pushes it; hammering an absent hub helps nobody.
    if (this.failures > 0 || this.pushTimer !== null) return;
    this.pushTimer = this.timers.setTimeout(() => {
      this.pushTimer = null;
      void this.request(false);
    }, this.pushDebounceMs);
  }

  /** Push everything and pull everything now (after the exchange in flight, if any). */
  async syncNow(): Promise<SyncStatus> {
    if (this.stopped) return this.status();
    await this.request(true);
    return this.status();
  }

  status(): SyncStatus {
    const outbox = outboxStatus(this.db);
    return {
      state: this.state,
      waiting: outbox.waiting,
      lastSyncAt: this.lastSyncAtMs === null ? null : new Date(this.lastSyncAtMs).toISOString(),
      lastError: this.lastError,
      quarantined: outbox.quarantined,
      ...(this.pulling ? { pulling: { ...this.pulling } } : {}),
      ...this.clockReport(),
      ...(this.failures > 0 && this.retryAtMs !== null ? { retryAt: new Date(this.retryAtMs).toISOString() } : {}),
    };
  }

  /** The wait before the retry now scheduled, or null while all is well. */
  get backoffMs(): number | null {
    return this.backoff;
  }

  /** Status events: after every exchange and whenever the waiting count changes. */
  onStatus(listener: (status: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // --- scheduling -----------------------------------------------------------

  private request(full: boolean): Promise<void> {
    if (this.queued) {
      this.queued.full ||= full;
      return this.queued.promise;
    }
    if (!this.inFlight) return this.begin(full);
    const queued = { full, promise: Promise.resolve() };
    queued.promise = this.inFlight.then(() => {
      this.queued = null;
      return this.begin(queued.full);
    });
    this.queued = queued;
    return queued.promise;
  }

  private begin(full: boolean): Promise<void> {
    const running: Promise<void> = this.exchange(full).finally(() => {
      if (this.inFlight === running) this.inFlight = null;
    });
    this.inFlight = running;
    return running;
  }

  private setCycleTimer(ms: number): void {
    if (this.cycleTimer !== null) this.timers.clearTimeout(this.cycleTimer);
    this.cycleTimer = this.timers.setTimeout(() => {
      this.cycleTimer = null;
      void this.request(true);
    }, ms);
  }

  private clearTimers(): void {
    if (this.cycleTimer !== null) this.timers.clearTimeout(this.cycleTimer);
    if (this.pushTimer !== null) this.timers.clearTimeout(this.pushTimer);
    this.cycleTimer = null;
    this.pushTimer = null;
  }

  private backoffDelay(failures: number): number {
    const base = Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** Math.min(failures - 1, 30));
    // ±20 %: attempts do not stampede together, and each wait is still longer than the last (until the cap).
    return Math.round(Math.min(this.backoffMaxMs, base * (0.8 + 0.4 * this.random())));
  }

  private scheduleNext(): void {
    if (this.failures > 0) {
      if (this.pushTimer !== null) this.timers.clearTimeout(this.pushTimer);
      this.pushTimer = null;
      this.backoff = this.backoffDelay(this.failures);
      this.retryAtMs = this.now() + this.backoff;
      this.setCycleTimer(this.backoff);
      return;
    }
    this.backoff = null;
    this.retryAtMs = null;
    this.setCycleTimer(this.pullIntervalMs);
    // Written while this exchange ran and not nudged yet.
    if (this.pushTimer === null && lastOutboxSeq(this.db) > this.lastNudgedSeq) this.nudge();
  }

  // --- one exchange -----------------------------------------------------------

  private async exchange(full: boolean): Promise<void> {
    if (this.stopped) return;
    try {
      await this.pushAll();
      if (full) await this.pullAll();
      if (this.stopped) return;
      this.failures = 0;
      this.state = 'online';
      this.lastError = null;
      this.lastSyncAtMs = this.now();
    } catch (error) {
      this.pulling = null;
      if (this.stopped) return;
      let failure: HubFailure;
      if (error instanceof HubFailure) {
        failure = error;
      } else {
        // Not the hub's doing: a malformed answer or a local bug. Say so and keep retrying.
        console.error('[sync] exchange failed', error);
        failure = new HubFailure('server', error instanceof Error ? error.message : String(error), 0);
      }
      this.failures += 1;
      this.state = failure.kind === 'unreachable' || failure.kind === 'timeout' ? 'offline' : 'error';
      this.lastError = { message: failure.message, since: this.lastError?.since ?? new Date(this.now()).toISOString() };
    } finally {
      if (!this.stopped) {
        this.scheduleNext();
        this.emit();
      }
    }
  }

  private async pushAll(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const batch = entriesToPush(this.db, this.pushBatchSize);
      if (batch.length === 0) return;
      await this.pushBatch(batch);
    }
  }

  /** Push a batch; if the hub refuses its content, halve it until the entry at fault is alone, and set that one aside. */
  private async pushBatch(batch: readonly PushEntry[]): Promise<void> {
    try {
      const sentAt = this.now();
      const ack = await this.transport.push(batch);
      if (this.stopped) return;
      this.noteHubTime(sentAt, ack.hub_time);
      if (ack.far_future) this.flaggedByHub = true;
      if (ack.acknowledged_through !== null && ack.acknowledged_through !== undefined) acknowledgeThrough(this.db, ack.acknowledged_through);
    } catch (error) {
      if (!(error instanceof HubFailure) || error.kind !== 'rejected' || this.stopped) throw error;
      if (batch.length === 1) {
        const entry = batch[0]!;
        const reason = error.reason ?? error.message;
        quarantine(this.db, entry.device_seq, reason);
        this.quarantinedByThisLoop.push({ seq: entry.device_seq, table: entry.table_name, reason });
        console.warn(`[sync] outbox entry ${entry.device_seq} (${entry.table_name}) set aside: ${reason}`);
        this.emit();
        return;
      }
      const half = Math.ceil(batch.length / 2);
      await this.pushBatch(batch.slice(0, half));
      await this.pushBatch(batch.slice(half));
    }
  }

  private async pullAll(): Promise<void> {
    let applied = 0;
    const first = this.priorityFirst ? initialPullStep(this.db) : null;
    if (first) {
      const done = await pullPriorityTiers(first, {
        db: this.db,
        transport: this.transport,
        pageSize: this.pullPageSize,
        stopped: () => this.stopped,
        now: this.now,
        onHubTime: (sentAt, hubTime) => this.noteHubTime(sentAt, hubTime),
        onProgress: (phase, applied, received, total) => this.progress(phase, applied, received, total),
        onRejected: (rejected) => this.reportRejected(rejected),
      });
      if (done === null) return;
      applied = done;
    }
    // The hub's cursor follows commit order, not seq; it is saved as given with each page.
    let since = readCounter(this.db, 'pull_cursor');
    let received = 0;
    let total: number | null = null;
    let next = this.fetchPage(since);
    for (;;) {
      if (this.stopped) return;
      const { page, sentAt } = await next;
      if (this.stopped) return;
      this.noteHubTime(sentAt, page.hub_time);
      const stuck = page.next_cursor === since && page.changes.length === 0;
      const more = page.has_more && !stuck;
      // Ask for the next page before writing this one: the hub and the wire work while this thread writes.
      // If writing fails, the page fetched ahead is dropped unread (its cursor was never saved).
      if (more) {
        next = this.fetchPage(page.next_cursor);
        await requestSent();
      }
      const result = applyRemoteChanges(this.db, page.changes, { pullCursor: page.next_cursor });
      applied += result.applied;
      received += page.changes.length;
      this.reportRejected(result.rejected);
      // A backlog: ask once how big, for the progress bar.
      if (more && total === null) total = await streamEstimate(this.transport, since);
      since = page.next_cursor;
      if (!more) break;
      this.progress('rest', applied, received, total);
    }
    this.pulling = null;
  }

  private fetchPage(since: number): Promise<{ page: PullResult; sentAt: number }> {
    const sentAt = this.now();
    const fetching = this.transport.pull(since, this.pullPageSize).then((page) => ({ page, sentAt }));
    // Read by the next turn of pullAll, or dropped when this one failed: never an unhandled rejection.
    fetching.catch(() => undefined);
    return fetching;
  }

  private progress(phase: PullPhase, applied: number, received: number, total: number | null): void {
    this.pulling = { applied, phase, received, total: total === null ? null : Math.max(total, received) };
    this.emit();
  }

  private reportRejected(rejected: readonly { reason: string }[]): void {
    if (rejected.length > 0) console.warn(`[sync] ${rejected.length} received changes refused: ${rejected[0]!.reason}`);
  }

  private noteHubTime(sentAtMs: number, hubTime: string | undefined): void {
    const offset = clockOffsetMs(sentAtMs, this.now(), hubTime);
    if (offset !== null) this.clockOffset = offset;
  }

  private clockReport(): Pick<SyncStatus, 'clock'> {
    const message = skewMessage(this.clockOffset);
    if (message === null || this.clockOffset === null) return {};
    return { clock: { offsetMs: this.clockOffset, message, flaggedByHub: this.flaggedByHub } };
  }

  private emit(): void {
    if (this.listeners.size === 0 || this.stopped) return;
    const status = this.status();
    for (const listener of this.listeners) {
      try {
        listener(status);
      } catch (error) {
        console.error('[sync] status listener failed', error);
      }
    }
  }
}
