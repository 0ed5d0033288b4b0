/**
 * Syncing this device with the hub: its settings (hub URL, anon key, account
 * email, in sync_meta) and the background SyncLoop that runs in the core.
 *
 * The hub password is used once, to sign in; only the refresh token is kept
 * (sync_meta key hub_refresh_token, plain text for now: Electron safeStorage
 * encryption comes with the encryption issue, ARCHITECTURE §7). Each token
 * works once, so every rotation is saved as soon as it is issued.
 *
 * @example
 *   const sync = new SyncService(db);
 *   sync.start();                                     // if settings exist
 *   await sync.connect({ url, anonKey, email, password });
 *   sync.nudge();                                     // after every API call
 *   await sync.stop();                                // before the database closes
 */
import type { SyncOverview, SyncSettingsView, SyncStatus } from '../../shared/api/sync-types';
import { t } from '../../shared/i18n';
import { ApiError } from '../../shared/api/result';
import { SyncLoop, type SyncLoopOptions } from '../../sync/engine/loop';
import { deleteMeta, readMeta, writeMeta } from '../../sync/engine/meta';
import { outboxStatus } from '../../sync/engine/outbox';
import { HubFailure, supabaseTransport, type DocumentRpcName, type HubTransport, type SupabaseTransportOptions } from '../../sync/engine/transport';
import { rpcBlobHub } from '../../sync/documents/blob-hub';
import type { HubMembership } from '../../sync/hub/contract';
import { DocumentBlobRunner } from '../../sync/documents/blob-sync-runner';
import { documentStoreFor } from '../documents/document-store';
import type { LocalDatabase } from '../db/database';
import { conflict, validationError } from './errors';

export interface HubSettings {
  url: string;
  anonKey: string;
  email: string;
}

export interface ConnectInput extends HubSettings {
  password: string;
}

export interface SyncServiceOptions {
  /** Tests may wrap the transport (to cut a connection, count calls). */
  transport?: (options: SupabaseTransportOptions) => HubTransport;
  loop?: Omit<SyncLoopOptions, 'db' | 'transport'>;
  /** How often document bytes are exchanged while connected (default 30 s). */
  documentsIntervalMs?: number;
}

export function readHubSettings(db: LocalDatabase): HubSettings | null {
  const url = readMeta(db, 'hub_url');
  const anonKey = readMeta(db, 'hub_anon_key');
  const email = readMeta(db, 'hub_email');
  return url && anonKey && email ? { url, anonKey, email } : null;
}

export class SyncService {
  private loopValue: SyncLoop | null = null;
  private documents: DocumentBlobRunner | null = null;
  private readonly makeTransport: (options: SupabaseTransportOptions) => HubTransport;

  constructor(
    private readonly db: LocalDatabase,
    private readonly options: SyncServiceOptions = {},
  ) {
    this.makeTransport = options.transport ?? supabaseTransport;
  }

  /** The running loop, if connected. */
  get loop(): SyncLoop | null {
    return this.loopValue;
  }

  /** Start syncing if this device has been connected before. */
  start(): void {
    if (this.loopValue) return;
    const settings = readHubSettings(this.db);
    if (!settings) return;
    const transport = this.makeTransport({
      ...settings,
      refreshToken: readMeta(this.db, 'hub_refresh_token') ?? null,
      onRefreshToken: (token) => this.saveToken(token),
    });
    this.run(transport);
  }

  /** Sign in to the hub with the password (not kept), save the settings, start syncing. */
  async connect(input: ConnectInput): Promise<SyncOverview> {
    let saving = false;
    let token: string | null = null;
    const transport = this.makeTransport({
      url: input.url,
      anonKey: input.anonKey,
      email: input.email,
      refreshToken: null,
      onRefreshToken: (next) => {
        token = next;
        if (saving) this.saveToken(next);
      },
    });
    let memberships: HubMembership[] | null = null;
    try {
      await transport.signIn(input.email, input.password);
      // What this account may push decides what syncs from here: read it now, to say so on the Sync screen.
      memberships = await transport.membership().catch((error: unknown) => {
        if (error instanceof HubFailure && (error.kind === 'rejected' || error.kind === 'refused')) return null; // a hub before 0012
        throw error;
      });
    } catch (error) {
      transport.close();
      throw connectError(error);
    }
    await this.stopLoop();
    const previous = readHubSettings(this.db);
    this.db.transaction(null, () => {
      // Another hub has seen none of this device's changes, and its cursor means nothing here.
      if (previous && previous.url !== input.url) deleteMeta(this.db, ['pushed_through', 'pull_cursor', 'initial_pull']);
      writeMeta(this.db, 'hub_url', input.url);
      writeMeta(this.db, 'hub_anon_key', input.anonKey);
      writeMeta(this.db, 'hub_email', input.email);
      if (token) writeMeta(this.db, 'hub_refresh_token', token);
      if (memberships) writeMeta(this.db, 'hub_membership', JSON.stringify(memberships));
      else deleteMeta(this.db, ['hub_membership']);
    });
    saving = true;
    this.run(transport, true);
    return this.overview();
  }

  /** Stop syncing and forget the hub (cursors stay, in case it comes back). */
  async disconnect(): Promise<SyncOverview> {
    await this.stopLoop();
    deleteMeta(this.db, ['hub_url', 'hub_anon_key', 'hub_email', 'hub_refresh_token', 'hub_membership']);
    return this.overview();
  }

  /** Push and pull now. */
  async syncNow(): Promise<SyncOverview> {
    if (!this.loopValue) throw conflict('sync.err.notConnected');
    await this.loopValue.syncNow();
    return this.overview();
  }

  status(): SyncStatus {
    if (this.loopValue) return this.loopValue.status();
    const outbox = outboxStatus(this.db);
    return { state: 'local-only', waiting: outbox.waiting, lastSyncAt: null, lastError: null, quarantined: outbox.quarantined };
  }

  overview(): SyncOverview {
    const settings = readHubSettings(this.db);
    const hub: SyncSettingsView | null = settings ? { url: settings.url, email: settings.email, memberships: readMemberships(this.db) } : null;
    return { settings: hub, status: this.status() };
  }

  /** After every API call: a write may have added outbox entries. */
  nudge(): void {
    this.loopValue?.nudge();
  }

  async stop(): Promise<void> {
    await this.stopLoop();
  }

  private saveToken(token: string): void {
    try {
      writeMeta(this.db, 'hub_refresh_token', token);
    } catch (error) {
      // Only if the database closed under a refresh in flight: the next start asks for a sign-in.
      console.error('[sync] could not save the hub sign-in', error);
    }
  }

  private run(transport: HubTransport, signedInJustNow = false): void {
    const loop = new SyncLoop({ ...this.options.loop, db: this.db, transport, startOnline: signedInJustNow });
    this.loopValue = loop;
    loop.start();
    // Document bytes on their own timer beside the rows, on the same session; idle while the loop is offline.
    const hub = rpcBlobHub((fn, args) => transport.documentRpc(fn as DocumentRpcName, args));
    this.documents = new DocumentBlobRunner({
      db: this.db,
      store: documentStoreFor(this.db),
      hub: () => (loop.status().state === 'offline' ? null : hub),
      ...(this.options.documentsIntervalMs ? { intervalMs: this.options.documentsIntervalMs } : {}),
    });
    this.documents.start();
  }

  private async stopLoop(): Promise<void> {
    const loop = this.loopValue;
    const documents = this.documents;
    this.loopValue = null;
    this.documents = null;
    await documents?.stop();
    await loop?.stop();
  }
}

function readMemberships(db: LocalDatabase): SyncSettingsView['memberships'] {
  const saved = readMeta(db, 'hub_membership');
  if (!saved) return null;
  return (JSON.parse(saved) as HubMembership[]).map((m) => ({ practiceId: m.practice_id, role: m.role, permissions: m.permissions }));
}

/** A failed sign-in, as the field to fix. */
function connectError(error: unknown): ApiError {
  if (!(error instanceof HubFailure)) return new ApiError({ kind: 'internal', message: t('err.internal') });
  switch (error.kind) {
    case 'auth':
      return validationError({ password: error.message });
    case 'bad-key':
      return validationError({ anonKey: error.message });
    default:
      return validationError({ url: error.message });
  }
}
