/**
 * The sync bench (npm run bench, or alone: npm run bench -- --only sync):
 * the hub (embedded Postgres + gateway) in a worker thread, then
 *
 * - pull: a fresh device's first sync of ~1M changes of one practice
 *   (bulk-loaded, sync-data.ts) through the gateway and supabase-js, run by
 *   the real SyncLoop in a worker thread as the app's core is; against the
 *   raw copy of the same rows (sync-baseline.ts) for the ratio;
 * - main-thread stall: the event loop of this thread (the Electron main/UI
 *   thread's part) during that pull, by a 10 ms interval's drift and
 *   perf_hooks.monitorEventLoopDelay;
 * - push: a seeded desk's whole outbox (~100k entries) through the loop;
 * - propagation: a rename on device 1 until device 2 shows it, both running
 *   the loop with its default timing.
 *
 * @example
 *   const result = await benchSync({ dir, patients: 40_000, appointments: 250_000, pushPatients: 49_000, propagationSamples: 40, log });
 */
import { chmodSync } from 'node:fs';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import pg from 'pg';
import { LocalDatabase } from '../electron/db/database';
import { findPractice } from '../electron/db/practices';
import type { Actor } from '../electron/services/actor';
import { signIn } from '../electron/services/auth';
import { SessionStore } from '../electron/services/sessions';
import { seedPractice } from '../scripts/seed/index';
import { SyncLoop } from '../sync/engine/loop';
import { supabaseTransport, type HubTransport } from '../sync/engine/transport';
import { createUser } from '../sync/hub/auth';
import { summarize, type Summary } from './stats';
import { rawCopy } from './sync-baseline';
import { buildSourcePractice, loadIntoHub } from './sync-data';
import { measurePropagation } from './sync-propagation';
import { nextMessage, startTsWorker, type HubReady, type PullDone } from './sync-threads';

export interface SyncBenchOptions {
  dir: string;
  /** Source practice size: ~1M changes at 40,000 patients and 250,000 appointments. */
  patients: number;
  appointments: number;
  /** The pushing desk's seeded patients (~2.05 outbox entries each). */
  pushPatients: number;
  propagationSamples: number;
  log: (message: string) => void;
}

export interface SyncBenchResult {
  dataset: { rowsByTable: Record<string, number>; changes: number; buildSeconds: number; loadSeconds: number };
  pull: { changes: number; ms: number; rowsPerSecond: number; pageSize: number; phaseStartMs: Record<string, number>; inbox: number; rowsMatchSource: boolean };
  rawCopy: { rows: number; ms: number; rowsPerSecond: number };
  throughputRatio: number;
  stall: { driftMaxMs: number; eventLoopDelayMaxMs: number; eventLoopDelayP99Ms: number; probeIntervalMs: number };
  push: { entries: number; ms: number; rowsPerSecond: number; batches: number; onHub: number };
  propagation: Summary & { timedOut: number };
  /** 1-minute load average when the sync bench began and ended: this 2-core machine may be shared. */
  loadAverage: { start: number; end: number };
}

const PASSWORD = 'bench sync password';
const round = (v: number, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits;

async function asServiceRole(pool: pg.Pool, sql: string, values: unknown[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL ROLE service_role');
    await client.query(sql, values);
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}

async function member(pool: pg.Pool, practiceId: string, name: string, email: string): Promise<string> {
  const userId = await createUser(pool, email, PASSWORD);
  await asServiceRole(pool, 'SELECT hub.create_practice($1, $2)', [practiceId, name]);
  await asServiceRole(pool, 'SELECT hub.add_member($1, $2, $3)', [practiceId, userId, 'admin']);
  return userId;
}

async function signedIn(hub: HubReady, email: string): Promise<HubTransport> {
  const transport = supabaseTransport({ url: hub.url, anonKey: hub.anonKey, email, refreshToken: null, onRefreshToken: () => undefined, timeoutMs: 120_000 });
  await transport.signIn(email, PASSWORD);
  return transport;
}

export async function benchSync(options: SyncBenchOptions): Promise<SyncBenchResult> {
  const { dir, log } = options;
  const loadAtStart = Math.round(loadavg()[0]! * 100) / 100;
  // Run as root, embedded Postgres runs as the postgres user, who must reach its folder.
  chmodSync(dir, 0o755);
  const hubThread = startTsWorker(new URL('./sync-hub-worker.ts', import.meta.url), { dir: join(dir, 'hub') });
  const hub = await nextMessage<HubReady>(hubThread, 'ready');
  const pool = new pg.Pool({ connectionString: hub.adminUrl, max: 2 });
  try {
    // --- 1M changes of one practice, straight into the hub.
    const source = await buildSourcePractice(dir, options, log);
    log(`sync source built in ${round(source.seconds)} s: ${source.totalRows.toLocaleString('en')} rows; loading them into the hub`);
    const pullUser = await member(pool, source.practiceId, source.practiceName, 'desk@pull.bench');
    const loaded = await loadIntoHub(pool, source, pullUser);
    log(`loaded ${loaded.changes.toLocaleString('en')} changes in ${round(loaded.seconds)} s; a fresh device pulls them in a worker thread`);

    // --- The first sync, in a worker, while this thread measures its own event loop.
    const probeIntervalMs = 10;
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    let driftMax = 0;
    let expected = performance.now() + probeIntervalMs;
    const probe = setInterval(() => {
      const now = performance.now();
      driftMax = Math.max(driftMax, now - expected);
      expected = now + probeIntervalMs;
    }, probeIntervalMs);
    const puller = startTsWorker(new URL('./sync-pull-worker.ts', import.meta.url), {
      file: join(dir, 'pulled.sqlite'), url: hub.url, anonKey: hub.anonKey, email: 'desk@pull.bench', password: PASSWORD,
    });
    let pulled: PullDone;
    try {
      pulled = await nextMessage<PullDone>(puller, 'done', (m) => {
        const p = (m as { pulling?: { phase: string; received: number; total: number | null } | null }).pulling;
        if (p) log(`  pulling ${p.phase}: ${p.received.toLocaleString('en')}${p.total ? ` of ~${p.total.toLocaleString('en')}` : ''}`);
      });
    } finally {
      clearInterval(probe);
      delay.disable();
      await puller.terminate();
    }
    const stall = {
      driftMaxMs: round(driftMax, 2),
      eventLoopDelayMaxMs: round(delay.max / 1e6, 2),
      eventLoopDelayP99Ms: round(delay.percentile(99) / 1e6, 2),
      probeIntervalMs,
    };
    const rowsMatchSource = Object.entries(source.rows).every(([table, n]) => pulled.received.rows[table] === n);
    log(`pulled in ${round(pulled.ms / 1000)} s (rows match the source: ${rowsMatchSource}); raw copy of the same rows`);
    const raw = await rawCopy(pool, source.practiceId, join(dir, 'raw.sqlite'));

    // --- A desk's whole outbox, pushed by the loop.
    log(`push: seeding a ${options.pushPatients.toLocaleString('en')}-patient desk`);
    const pushDb = await LocalDatabase.open(join(dir, 'push.sqlite'));
    const seeded = await seedPractice(pushDb, { kind: 'vet', patients: options.pushPatients, seed: 3, audit: false, staff: false, today: new Date('2025-06-01') });
    const entries = pushDb.sqlite.prepare('SELECT count(*) FROM sync_log').pluck().get() as number;
    await member(pool, seeded.practiceId, seeded.practiceName, 'desk@push.bench');
    const pushTransport = await signedIn(hub, 'desk@push.bench');
    let batches = 0;
    let lastPushEnd = 0;
    const timedPush: HubTransport = {
      ...pushTransport,
      async push(batch) {
        const ack = await pushTransport.push(batch);
        batches += 1;
        lastPushEnd = performance.now();
        return ack;
      },
    };
    const one = new SyncLoop({ db: pushDb, transport: timedPush, startOnline: true });
    log(`push: ${entries.toLocaleString('en')} outbox entries`);
    const pushStarted = performance.now();
    await one.syncNow();
    const pushMs = lastPushEnd - pushStarted;
    const { rows: onHubRows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM hub.change WHERE device_id = $1', [pushDb.deviceId]);

    // --- Propagation between two online desks.
    log('propagation: a second desk pulls the pushed practice, then both run the loop');
    const twoDb = await LocalDatabase.open(join(dir, 'two.sqlite'));
    const two = new SyncLoop({ db: twoDb, transport: await signedIn(hub, 'desk@push.bench'), startOnline: true });
    await two.syncNow();
    const sessions = new SessionStore();
    const info = await signIn(pushDb, sessions, seeded.admin);
    const actor: Actor = {
      userId: info.user.id, practiceId: info.practice.id, role: info.role,
      practice: findPractice(pushDb, info.practice.id)!, session: sessions.resume(info.token)!,
    };
    one.start();
    two.start();
    const propagation = await measurePropagation({
      one: { db: pushDb, loop: one, actor }, two: { db: twoDb, loop: two }, patientIds: seeded.patientIds, samples: options.propagationSamples,
    });
    await one.stop();
    await two.stop();
    pushDb.close();
    twoDb.close();

    const pullRate = loaded.changes / (pulled.ms / 1000);
    const rawRate = raw.rows / (raw.ms / 1000);
    return {
      dataset: { rowsByTable: source.rows, changes: loaded.changes, buildSeconds: round(source.seconds), loadSeconds: round(loaded.seconds) },
      pull: {
        changes: loaded.changes, ms: Math.round(pulled.ms), rowsPerSecond: Math.round(pullRate), pageSize: pulled.pageSize,
        phaseStartMs: pulled.phaseStartMs, inbox: pulled.received.inbox, rowsMatchSource,
      },
      rawCopy: { rows: raw.rows, ms: Math.round(raw.ms), rowsPerSecond: Math.round(rawRate) },
      throughputRatio: round(pulled.ms / raw.ms, 2),
      stall,
      push: { entries, ms: Math.round(pushMs), rowsPerSecond: Math.round(entries / (pushMs / 1000)), batches, onHub: Number(onHubRows[0]!.n) },
      propagation: { ...summarize(propagation.samples), timedOut: propagation.timedOut },
      loadAverage: { start: loadAtStart, end: Math.round(loadavg()[0]! * 100) / 100 },
    };
  } finally {
    await pool.end();
    hubThread.postMessage({ type: 'stop' });
    await nextMessage(hubThread, 'stopped').catch(() => undefined);
    await hubThread.terminate();
  }
}
