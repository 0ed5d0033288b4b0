import type { ApiResult } from '../../shared/api/result';

/** Messages from the owning thread to the core worker. */
export type ToCore = { type: 'call'; id: number; request: unknown } | { type: 'close' };

/** Messages from the core worker back. */
export type FromCore =
  | { type: 'ready' }
  | { type: 'fatal'; message: string }
  | { type: 'result'; id: number; result: ApiResult<unknown> }
  | { type: 'closed' };
