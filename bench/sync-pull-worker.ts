/**
 * A fresh device's first sync in a worker thread, as the app's core runs it
 * (electron/core/worker.ts): its own database, the real transport and the
 * real SyncLoop (priority tiers, then the stream), progress posted back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { LocalDatabase } from '../electron/db/database';
import { DEFAULT_PULL_PAGE, SyncLoop } from '../sync/engine/loop';
import { SYNCED_TABLE_NAMES } from '../sync/engine/table-rules';
import { supabaseTransport } from '../sync/engine/transport';
import type { PullDone } from './sync-threads';

interface PullJob {
  file: string;
  url: string;
  anonKey: string;
  email: string;
  password: string;
}

const port = parentPort!;
const job = workerData as PullJob;
try {
  const db = await LocalDatabase.open(job.file);
  const transport = supabaseTransport({ url: job.url, anonKey: job.anonKey, email: job.email, refreshToken: null, onRefreshToken: () => undefined, timeoutMs: 120_000 });
  await transport.signIn(job.email, job.password);
  const loop = new SyncLoop({ db, transport, startOnline: true, pullIntervalMs: 3_600_000 });
  const phaseStartMs: Record<string, number> = {};
  let lastPost = 0;
  const started = performance.now();
  loop.onStatus((status) => {
    const at = performance.now() - started;
    if (status.pulling && phaseStartMs[status.pulling.phase] === undefined) phaseStartMs[status.pulling.phase] = Math.round(at);
    if (at - lastPost > 1_000) {
      lastPost = at;
      port.postMessage({ type: 'progress', pulling: status.pulling ?? null });
    }
  });
  const status = await loop.syncNow();
  const ms = performance.now() - started;
  if (status.lastError) throw new Error(`the pull failed: ${status.lastError.message}`);
  const count = (table: string) => db.sqlite.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number;
  const rows = Object.fromEntries(SYNCED_TABLE_NAMES.map((t) => [t, count(t)]));
  await loop.stop();
  const done: PullDone = {
    type: 'done',
    ms,
    phaseStartMs,
    received: { rowsWritten: Object.values(rows).reduce((a, b) => a + b, 0), inbox: count('sync_inbox'), rows },
    pageSize: DEFAULT_PULL_PAGE,
  };
  db.close();
  port.postMessage(done);
} catch (error) {
  port.postMessage({ type: 'failed', error: error instanceof Error ? error.stack ?? error.message : String(error) });
}
