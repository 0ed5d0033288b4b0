/**
 * Threads for the sync bench: the hub (its HTTP gateway is JavaScript) and
 * the pulling device each run in a worker thread, as in the app the core runs
 * in a worker (electron/core/core-host.ts) and the hub on another machine.
 * The main thread plays the Electron main/UI thread and only measures.
 *
 * @example
 *   const worker = startTsWorker(new URL('./sync-hub-worker.ts', import.meta.url), { dir });
 *   const ready = await nextMessage<HubReady>(worker, 'ready');
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** A TypeScript worker, loaded through tsx's loader registered inside the new thread (as core-host does in development). */
export function startTsWorker(script: URL, workerData: unknown): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const href = pathToFileURL(fileURLToPath(script)).href;
  const code = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(href)}); })`;
  return new Worker(code, { eval: true, workerData });
}

/** The worker's next message of `type` (rejects if it fails or exits first). */
export function nextMessage<T extends { type: string }>(worker: Worker, type: T['type'], onOther?: (message: { type: string }) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type: string; error?: string }) => {
      if (message.type === type) {
        cleanup();
        resolve(message as T);
      } else if (message.type === 'failed') {
        cleanup();
        reject(new Error(message.error));
      } else {
        onOther?.(message);
      }
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new Error(`the worker exited (${code}) before sending ${type}`));
    };
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}

export interface HubReady {
  type: 'ready';
  url: string;
  anonKey: string;
  adminUrl: string;
}

export interface PullDone {
  type: 'done';
  ms: number;
  /** When each phase was first reported, ms after the pull began. */
  phaseStartMs: Record<string, number>;
  received: { rowsWritten: number; inbox: number; rows: Record<string, number> };
  pageSize: number;
}
