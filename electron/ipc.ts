/** Binds the API channel to the core worker, answering only our own page. */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { API_CHANNEL } from '../shared/api/bridge';
import type { ApiResult } from '../shared/api/result';

export function bindApi(call: (request: unknown) => Promise<ApiResult<unknown>>, rendererUrl: string): void {
  ipcMain.handle(API_CHANNEL, (event: IpcMainInvokeEvent, request: unknown) => {
    const sender = event.senderFrame?.url ?? '';
    if (!sender.startsWith(rendererUrl)) {
      return { ok: false, error: { kind: 'forbidden', message: 'Unknown sender' } } satisfies ApiResult<never>;
    }
    return call(request);
  });
}
