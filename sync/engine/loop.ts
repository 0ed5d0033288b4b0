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
 *   paging until `has_more` is false.
 * - The status never says "synced" while the outbox holds anything: there
 *   is no such state, only `online` with a `waiting` count.
 *
 * Timers and clock are injectable; tests drive it with `syncNow()`.
 *
 * @example
 *   const loop = new SyncLoop({ db, transport });
 *   loop.start();                 // first exchange straight away
 *   loop.nudge();                 // after a write: push within ~300 ms
 *   await loop.syncNow();         // push + pull now, resolves with the status
 *   await loop.stop();
 */
import type { LocalDatabase } from '../../electron/db/database';
import type { SyncStatus } from '../../shared/api/sync-types';
import type { PushEntry } from '../hub/contract';
import { applyRemoteChanges, primeClockFromInbox } from './apply';
import { readCounter } from './meta';
import { acknowledgeThrough, entriesToPush, outboxStatus, quarantine } from './outbox';
import { HubFailure, type HubTransport } from './transport';

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
  /** Push this long after a local commit (default 300 ms). */
  pushDebounceMs?: number;
  /** Pull this often while online (default 5 s). */
  pullIntervalMs?: number;
  /** First retry after about this long (default 1 s), doubling per failure… */
  backoffBaseMs?: number;
  /** …up to this (default 60 s). */
  backoffMaxMs?: number;
  pushBatchSize?: number;
  pullPageSize?: number;
  /** Just signed in, so the hub answered a moment ago: start as online rather than offline. */
  startOnline?: boolean;
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
  private pulling: { applied: number } | null = null;
  private readonly listeners = new Set<(status: SyncStatus) => void>();
  /** Entries this loop set aside, for the report. */
  readonly quarantinedByThisLoop: QuarantinedEntry[] = [];

  constructor(options: SyncLoopOptions) {
    this.db = options.db;
    this.transport = options.transport;
    this.now = options.now ?? options.db.now;
    this.timers = options.timers ?? realTimers;
    this.random = options.random ?? Math.random;
    this.pushDebounceMs = options.pushDebounceMs ?? 300;
    this.pullIntervalMs = options.pullIntervalMs ?? 5_000;
    this.backoffBaseMs = options.backoffBaseMs ?? 1_000;
    this.backoffMaxMs = options.backoffMaxMs ?? 60_000;
    this.pushBatchSize = options.pushBatchSize ?? 200;
    this.pullPageSize = options.pullPageSize ?? 500;
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
      const ack = await this.transport.push(batch);
      if (this.stopped) return;
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
    // The hub's cursor follows commit order, not seq; it is saved as given with each page.
    let since = readCounter(this.db, 'pull_cursor');
    let applied = 0;
    for (;;) {
      if (this.stopped) return;
      const page = await this.transport.pull(since, this.pullPageSize);
      if (this.stopped) return;
      const result = applyRemoteChanges(this.db, page.changes, { pullCursor: page.next_cursor });
      applied += result.applied;
      if (result.rejected.length > 0) {
        console.warn(`[sync] ${result.rejected.length} received changes refused: ${result.rejected[0]!.reason}`);
      }
      const stuck = page.next_cursor === since && page.changes.length === 0;
      since = page.next_cursor;
      if (!page.has_more || stuck) break;
      this.pulling = { applied };
      this.emit();
    }
    this.pulling = null;
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
