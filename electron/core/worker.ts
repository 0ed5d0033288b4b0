/**
 * Worker-thread entry: owns the core (database, services, router) so a slow
 * query never blocks the thread that draws windows or serves HTTP.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openCore, type Core } from './core';
import type { CoreWorkerData, FromCore, ToCore } from './protocol';

const port = parentPort;
if (!port) throw new Error('core worker must run in a worker thread');

let core: Core | null = null;

const data = workerData as CoreWorkerData;

/** Real time, or (tests) real time shifted so that it starts at `clockStartMs`. */
function clock(): (() => number) | undefined {
  if (data.clockStartMs === undefined) return undefined;
  const offset = data.clockStartMs - Date.now();
  return () => Date.now() + offset;
}

const now = clock();
openCore({ dataDir: data.dataDir, ...(now ? { now } : {}) })
  .then((opened) => {
    core = opened;
    port.postMessage({ type: 'ready' } satisfies FromCore);
  })
  .catch((error: unknown) => {
    port.postMessage({ type: 'fatal', message: error instanceof Error ? error.message : String(error) } satisfies FromCore);
  });

port.on('message', (message: ToCore) => {
  if (message.type === 'close') {
    const closing = core;
    core = null;
    void (closing?.shutdown() ?? Promise.resolve())
      .catch((error: unknown) => console.error('[core] shutdown failed', error))
      .finally(() => port.postMessage({ type: 'closed' } satisfies FromCore));
    return;
  }
  if (!core) {
    port.postMessage({
      type: 'result',
      id: message.id,
      result: { ok: false, error: { kind: 'internal', message: 'The database is still opening' } },
    } satisfies FromCore);
    return;
  }
  void core.handle(message.request).then((result) => port.postMessage({ type: 'result', id: message.id, result } satisfies FromCore));
});
