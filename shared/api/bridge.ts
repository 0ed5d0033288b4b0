import type { ApiResult } from './result';
import type { ApiRequest } from './client';

/** What the Electron preload exposes to the page as `window.practiceDesk`: one call, nothing else. */
export interface PracticeDeskBridge {
  kind: 'electron';
  call(request: ApiRequest): Promise<ApiResult<unknown>>;
}

export const API_CHANNEL = 'practice-desk:api';
