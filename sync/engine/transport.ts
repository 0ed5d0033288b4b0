/**
 * The device's way to the hub: `@supabase/supabase-js` only (ARCHITECTURE
 * §5), so the same code talks to `npm run hub` and to a Supabase project.
 * Password sign-in once; afterwards only the refresh token is kept (each one
 * works once: every rotation is handed to `onRefreshToken` to be saved).
 *
 * Every failure becomes a HubFailure whose `kind` tells the loop what to do:
 * - `unreachable` / `timeout`: retry with backoff (state offline);
 * - `auth`: the sign-in is gone, a person must sign in again;
 * - `bad-key`, `forbidden`, `refused`: retry slowly, tell the user;
 * - `rejected`: the hub refused this batch for its content (400, 413, a
 *   reused device_seq, an entry the account's role may not write): bisect
 *   it, quarantine the poison entry;
 * - `server`: 5xx or a transient conflict, retry with backoff.
 *
 * @example
 *   const transport = supabaseTransport({ url, anonKey, refreshToken, onRefreshToken: save });
 *   await transport.signIn(email, password);   // once, from the Sync screen
 *   const ack = await transport.push(entriesToPush(db, 200));
 */
import { createClient, isAuthRetryableFetchError, type AuthError, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { t } from '../../shared/i18n';
import type { HubMembership, PriorityPullResult, PriorityTier, PullEstimate, PullResult, PushEntry, PushResult } from '../hub/contract';

/** The hub's refusal of one entry for the pusher's role (migrations/postgres/0010_push_roles.sql). */
const ROLE_REFUSAL = /^sync_push: entry \d+ writes \S+, which the \S+ role may not change/;

export type HubFailureKind = 'unreachable' | 'timeout' | 'auth' | 'bad-key' | 'forbidden' | 'refused' | 'rejected' | 'server';

export class HubFailure extends Error {
  constructor(
    readonly kind: HubFailureKind,
    /** Plain words for the status bar. */
    message: string,
    /** HTTP status (0: no answer). */
    readonly status: number,
    /** The hub's own reason, when it gave one. */
    readonly reason: string | null = null,
  ) {
    super(message);
    this.name = 'HubFailure';
  }
}

export interface HubTransport {
  /** Password sign-in (the password is not kept). Throws HubFailure. */
  signIn(email: string, password: string): Promise<void>;
  push(batch: readonly PushEntry[]): Promise<PushResult>;
  pull(since: number, pageSize: number): Promise<PullResult>;
  /** A page of a fresh device's first-sync tier (sync/engine/initial-pull.ts). */
  pullPriority(tier: PriorityTier, afterSeq: number, pageSize: number): Promise<PriorityPullResult>;
  /** How many changes the stream holds after `since`, for the progress bar. */
  pullEstimate(since: number): Promise<PullEstimate>;
  /** The account's practices, roles and their permissions: what the hub will accept from this device. */
  membership(): Promise<HubMembership[]>;
  /**
   * The document byte functions (sync/documents/blob-hub.ts), on this
   * transport's signed-in session: a second sign-in would spend the refresh
   * token this one depends on.
   */
  documentRpc(fn: DocumentRpcName, args: Record<string, unknown>): Promise<unknown>;
  close(): void;
}

export type DocumentRpcName = 'document_blob_missing' | 'document_blob_put' | 'document_blob_get';

export interface SupabaseTransportOptions {
  url: string;
  anonKey: string;
  /** The account email, for messages. */
  email?: string;
  /** The saved refresh token, if any. */
  refreshToken: string | null;
  /** Called with every new refresh token (sign-in and each rotation): save it. */
  onRefreshToken(token: string): void;
  /** Per request; default 15 s. */
  timeoutMs?: number;
}

interface RpcError {
  message?: string;
  code?: string;
  hint?: string | null;
  details?: string | null;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Every request, auth and rpc alike, gives up after `ms`. */
function fetchWithTimeout(ms: number): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(ms);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return fetch(input, { ...init, signal });
  };
}

export function supabaseTransport(options: SupabaseTransportOptions): HubTransport {
  const host = hostOf(options.url);
  const timeoutMs = options.timeoutMs ?? 15_000;
  const client: SupabaseClient = createClient(options.url, options.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    // Node 20 has no global WebSocket; supabase-js insists on a transport (realtime is not used).
    realtime: { transport: WebSocket as never },
    global: { fetch: fetchWithTimeout(timeoutMs) },
  });
  let refreshToken = options.refreshToken;
  let closed = false;
  const { data: subscription } = client.auth.onAuthStateChange((_event, session) => {
    const next = session?.refresh_token;
    if (closed || !next || next === refreshToken) return;
    refreshToken = next;
    options.onRefreshToken(next);
  });

  const noAnswer = (message: string) =>
    /timeout|timed out|aborted/i.test(message)
      ? new HubFailure('timeout', t('sync.err.timeout', { host }), 0, message)
      : new HubFailure('unreachable', t('sync.err.unreachable', { host }), 0, message);

  function authFailure(error: AuthError, signingIn: boolean): HubFailure {
    if (isAuthRetryableFetchError(error) || error.status === undefined || error.status === 0) {
      // 502–504 are "retryable" too: the hub is there but not answering properly.
      if (error.status && error.status >= 500) return new HubFailure('server', t('sync.err.server', { status: error.status }), error.status, error.message);
      return noAnswer(error.message);
    }
    if (error.status === 401 && /api key/i.test(error.message)) return new HubFailure('bad-key', t('sync.err.badAnonKey'), 401, error.message);
    if (error.status >= 500) return new HubFailure('server', t('sync.err.server', { status: error.status }), error.status, error.message);
    if (signingIn) return new HubFailure('auth', t('sync.err.badCredentials'), error.status, error.message);
    return new HubFailure('auth', t('sync.err.signInAgain'), error.status, error.message);
  }

  function rpcFailure(status: number, error: RpcError): HubFailure {
    const reason = error.message ?? `HTTP ${status}`;
    if (status === 0) return noAnswer(reason);
    if (status === 401) {
      if (/api key/i.test(reason)) return new HubFailure('bad-key', t('sync.err.badAnonKey'), 401, reason);
      return new HubFailure('auth', t('sync.err.signInAgain'), 401, reason);
    }
    // One entry this account's role may not write (hub 0010) is that entry's fault: quarantine it, push the rest.
    if (status === 403 && ROLE_REFUSAL.test(reason)) return new HubFailure('rejected', t('sync.err.refused', { reason }), 403, reason);
    if (status === 403) return new HubFailure('forbidden', t('sync.err.notMember', { email: options.email ?? '' }), 403, reason);
    if (status === 409) {
      // A device_seq reused for other content is this entry's fault; a deadlock or serialization failure is not.
      if (error.code === '23505') return new HubFailure('rejected', t('sync.err.refused', { reason }), 409, reason);
      return new HubFailure('server', t('sync.err.server', { status }), 409, reason);
    }
    if (status === 400 || status === 413 || status === 422) return new HubFailure('rejected', t('sync.err.refused', { reason }), status, reason);
    if (status >= 500) return new HubFailure('server', t('sync.err.server', { status }), status, reason);
    return new HubFailure('refused', t('sync.err.refused', { reason }), status, reason);
  }

  /** A signed-in session, from memory or from the saved refresh token. */
  async function ensureSession(): Promise<void> {
    const current = await client.auth.getSession();
    if (current.data.session) return;
    await refresh();
  }

  async function refresh(): Promise<void> {
    if (!refreshToken) throw new HubFailure('auth', t('sync.err.signInAgain'), 401);
    let result;
    try {
      result = await client.auth.refreshSession({ refresh_token: refreshToken });
    } catch (error) {
      throw noAnswer(error instanceof Error ? error.message : String(error));
    }
    if (result.error) throw authFailure(result.error, false);
    if (!result.data.session) throw new HubFailure('auth', t('sync.err.signInAgain'), 401);
  }

  async function rpc<T>(fn: 'sync_push' | 'sync_pull' | 'sync_pull_priority' | 'sync_pull_estimate' | 'sync_membership' | DocumentRpcName, args: Record<string, unknown>): Promise<T> {
    if (closed) throw new HubFailure('unreachable', t('sync.err.notConnected'), 0);
    await ensureSession();
    for (let attempt = 0; ; attempt += 1) {
      let answer: { data: unknown; error: RpcError | null; status: number };
      try {
        answer = await client.rpc(fn, args);
      } catch (error) {
        throw noAnswer(error instanceof Error ? error.message : String(error));
      }
      if (!answer.error) return answer.data as T;
      const failure = rpcFailure(answer.status, answer.error);
      // An expired or revoked access token: refresh once and try again.
      if (failure.kind === 'auth' && attempt === 0) {
        await refresh();
        continue;
      }
      throw failure;
    }
  }

  return {
    async signIn(email, password) {
      let result;
      try {
        result = await client.auth.signInWithPassword({ email, password });
      } catch (error) {
        throw noAnswer(error instanceof Error ? error.message : String(error));
      }
      if (result.error) throw authFailure(result.error, true);
      const token = result.data.session?.refresh_token;
      if (!token) throw new HubFailure('auth', t('sync.err.badCredentials'), 400);
      if (token !== refreshToken) {
        refreshToken = token;
        options.onRefreshToken(token);
      }
    },
    push: (batch) => rpc<PushResult>('sync_push', { batch }),
    pull: (since, pageSize) => rpc<PullResult>('sync_pull', { since, page_size: pageSize }),
    pullPriority: (tier, afterSeq, pageSize) =>
      rpc<PriorityPullResult>('sync_pull_priority', { tier, after_seq: afterSeq, page_size: pageSize }),
    pullEstimate: (since) => rpc<PullEstimate>('sync_pull_estimate', { since }),
    membership: () => rpc<HubMembership[]>('sync_membership', {}),
    documentRpc: (fn, args) => rpc<unknown>(fn, args),
    close() {
      closed = true;
      subscription.subscription.unsubscribe();
    },
  };
}
