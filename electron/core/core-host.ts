/**
 * Starts the core in a worker thread and relays API calls to it. Used by the
 * Electron main process and by the web host alike.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ApiResult } from '../../shared/api/result';
import type { CoreWorkerData, FromCore, ToCore } from './protocol';

export interface CoreHostOptions {
  dataDir: string;
  /** The worker script; defaults to the bundled worker.cjs beside the caller, or worker.ts in development. */
  workerPath?: string;
  /** Tests: the core's clock starts at this instant (ms since the epoch) and runs on from there. */
  clockStartMs?: number;
}

/**
 * In a bundle the worker is worker.cjs beside this file. From source (tests,
 * `npm run web` in development) the worker is TypeScript: load it through
 * tsx's loader, registered inside the new thread.
 */
function workerFor(path: string): { script: string | URL; eval: boolean } {
  if (!path.endsWith('.ts')) return { script: path, eval: false };
  // Development only: a bundle never loads a .ts worker, so never reaches this line.
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(pathToFileURL(path).href)}); })`;
  return { script: code, eval: true };
}

function defaultWorkerPath(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  return existsSync(`${here}worker.cjs`) ? `${here}worker.cjs` : `${here}worker.ts`;
}

export class CoreHost {
  private nextId = 1;
  private readonly pending = new Map<number, (result: ApiResult<unknown>) => void>();

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: FromCore) => {
      if (message.type !== 'result') return;
      this.pending.get(message.id)?.(message.result);
      this.pending.delete(message.id);
    });
    worker.on('exit', () => {
      for (const resolve of this.pending.values()) {
        resolve({ ok: false, error: { kind: 'internal', message: 'The core stopped; nothing more was saved' } });
      }
      this.pending.clear();
    });
  }

  static start(options: CoreHostOptions): Promise<CoreHost> {
    const worker = workerFor(options.workerPath ?? defaultWorkerPath());
    const thread = new Worker(worker.script, { eval: worker.eval, workerData: { dataDir: options.dataDir, clockStartMs: options.clockStartMs } satisfies CoreWorkerData });
    return new Promise((resolve, reject) => {
      const onMessage = (message: FromCore) => {
        if (message.type === 'ready') {
          thread.off('message', onMessage);
          resolve(new CoreHost(thread));
        } else if (message.type === 'fatal') {
          thread.off('message', onMessage);
          void thread.terminate();
          reject(new Error(message.message));
        }
      };
      thread.on('message', onMessage);
      thread.once('error', reject);
    });
  }

  call(request: unknown): Promise<ApiResult<unknown>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.worker.postMessage({ type: 'call', id, request } satisfies ToCore);
    });
  }

  /** Close the database cleanly, then end the thread. */
  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      const onMessage = (message: FromCore) => {
        if (message.type === 'closed') resolve();
      };
      this.worker.on('message', onMessage);
      this.worker.once('exit', () => resolve());
      this.worker.postMessage({ type: 'close' } satisfies ToCore);
    });
    await this.worker.terminate();
  }
}
