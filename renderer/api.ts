/**
 * The renderer's one API client. In Electron the preload script exposes
 * `window.practiceDesk.call`; in a browser (the web host on 127.0.0.1) calls go
 * as JSON POSTs to /api. Either way the answer is an ApiResult.
 *
 * Any `unauthenticated` error, from any call, is handed to the listener the
 * session store registers, which drops back to the sign-in screen.
 */
import { createApiClient, type Transport } from '../shared/api/client';
import type { PracticeDeskBridge } from '../shared/api/bridge';
import type { InputOf, OperationName, OutputOf } from '../shared/api/contract';
import { ApiError, type ApiResult } from '../shared/api/result';
import { t } from '../shared/i18n';

declare global {
  interface Window {
    /** Set by electron/preload.ts; absent in a plain browser. */
    practiceDesk?: PracticeDeskBridge;
  }
}

function isApiResult(value: unknown): value is ApiResult<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

const httpTransport: Transport = async ({ op, input, token }) => {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'X-Practice-Desk': '1',
  };
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch('/api', { method: 'POST', headers, body: JSON.stringify({ op, input }) });
  } catch {
    return { ok: false, error: { kind: 'internal', message: t('app.unreachable') } };
  }
  try {
    const body: unknown = await response.json();
    if (isApiResult(body)) return body;
  } catch {
    // fall through: not JSON
  }
  return { ok: false, error: { kind: 'internal', message: t('app.badResponse', { status: response.status }) } };
};

const electronTransport: Transport = async (request) => {
  const bridge = window.practiceDesk;
  if (!bridge) return { ok: false, error: { kind: 'internal', message: t('app.unreachable') } };
  try {
    return await bridge.call(request);
  } catch (e) {
    return { ok: false, error: { kind: 'internal', message: e instanceof Error ? e.message : t('err.internal') } };
  }
};

export const transportKind: 'electron' | 'web' = window.practiceDesk?.kind === 'electron' ? 'electron' : 'web';

const client = createApiClient(transportKind === 'electron' ? electronTransport : httpTransport);

let unauthenticatedListener: ((message: string) => void) | null = null;

/** The session store registers here to hear about expired sessions. */
export function onUnauthenticated(listener: (message: string) => void): void {
  unauthenticatedListener = listener;
}

export function setApiToken(token: string | null): void {
  client.setToken(token);
}

/** Call an operation; throws ApiError (and signs out on `unauthenticated`). */
export async function call<K extends OperationName>(op: K, input: InputOf<K>): Promise<OutputOf<K>> {
  try {
    return await client.call(op, input);
  } catch (e) {
    if (e instanceof ApiError && e.kind === 'unauthenticated' && client.token) {
      unauthenticatedListener?.(e.message || t('err.unauthenticated'));
    }
    throw e;
  }
}

/** The plain-words message of whatever went wrong. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message || t('err.internal');
  if (error instanceof Error && error.message) return error.message;
  return t('err.internal');
}

export function fieldErrorsOf(error: unknown): Record<string, string> {
  return error instanceof ApiError && error.fields ? error.fields : {};
}

/**
 * For an action with no form field to mark (check in, take a payment): the
 * per-field reasons themselves ("Only ZAR 450.00 is due"), not just "Some
 * fields need attention".
 */
export function actionMessageOf(error: unknown): string {
  const reasons = Object.values(fieldErrorsOf(error)).filter((reason) => reason.trim() !== '');
  return reasons.length > 0 ? reasons.join(' ') : messageOf(error);
}

export { ApiError };
