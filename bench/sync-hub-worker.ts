/** The sync bench's hub (sync/hub/hub.ts: embedded Postgres and the gateway) in a worker thread; 'stop' stops it. */
import { parentPort, workerData } from 'node:worker_threads';
import { startHub } from '../sync/hub/hub';
import type { HubReady } from './sync-threads';

const port = parentPort!;
const { dir } = workerData as { dir: string };
try {
  const hub = await startHub({ dir, ephemeral: true });
  port.on('message', (message: { type: string }) => {
    if (message.type !== 'stop') return;
    void hub.stop().then(() => port.postMessage({ type: 'stopped' }));
  });
  port.postMessage({ type: 'ready', url: hub.url, anonKey: hub.anonKey, adminUrl: hub.adminUrl } satisfies HubReady);
} catch (error) {
  port.postMessage({ type: 'failed', error: error instanceof Error ? error.stack ?? error.message : String(error) });
}
