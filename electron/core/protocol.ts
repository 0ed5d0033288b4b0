import type { ApiResult } from '../../shared/api/result';

/** What the core worker starts with. */
export interface CoreWorkerData {
  dataDir: string;
  /** Tests only: the clock starts here (ms since the epoch) and ticks on in real time. */
  clockStartMs?: number | undefined;
}

/** Messages from the owning thread to the core worker. */
export type ToCore = { type: 'call'; id: number; request: unknown } | { type: 'close' };

/** Messages from the core worker back. */
export type FromCore =
  | { type: 'ready' }
  | { type: 'fatal'; message: string }
  | { type: 'result'; id: number; result: ApiResult<unknown> }
  | { type: 'closed' };
