/**
 * One fresh hub (embedded Postgres + gateway on free 127.0.0.1 ports, in a
 * temp folder) per test file, stopped and removed in afterAll.
 *
 * @example
 *   const hub = useHub();
 *   it('…', async () => {
 *     const ana = await hub().member('ana@clinic.test', practiceA, 'admin');
 *     const { data } = await ana.client.rpc('sync_pull', { since: 0, page_size: 100 });
 *   });
 */
import { randomUUID } from 'node:crypto';
import { chmodSync } from 'node:fs';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import WebSocket from 'ws';
import type { PushEntry } from '../../sync/hub/contract';
import { startHub, type Hub } from '../../sync/hub/hub';
import { tempDir } from './temp-dir';

export const TEST_PASSWORD = 'correct horse battery';

export interface TestHub extends Hub {
  /** A supabase-js client for this hub, not signed in. */
  client(): SupabaseClient;
  /** A new practice (service role), its id. */
  practice(name?: string): Promise<string>;
  /** A new user who is a member of `practiceId`, signed in through supabase-js. */
  member(email: string, practiceId: string, role?: string): Promise<{ userId: string; client: SupabaseClient }>;
  /** A raw connection as the superuser (close it yourself). */
  connect(): Promise<pg.Client>;
}

export function hubClient(url: string, anonKey: string): SupabaseClient {
  return createClient(url, anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    // Node 20 has no global WebSocket; supabase-js insists on a transport.
    realtime: { transport: WebSocket as never },
  });
}

export async function startTestHub(): Promise<{ hub: TestHub; stop(): Promise<void> }> {
  const dir = tempDir('practice-desk-hub-');
  chmodSync(dir.path, 0o755);
  const hub = await startHub({ dir: `${dir.path}/hub`, ephemeral: true });
  const testHub: TestHub = {
    ...hub,
    client: () => hubClient(hub.url, hub.anonKey),
    async practice(name = 'Test practice') {
      const id = randomUUID();
      await hub.createPractice(id, name);
      return id;
    },
    async member(email, practiceId, role = 'admin') {
      const userId = await hub.addUser(email, TEST_PASSWORD);
      await hub.addMember(practiceId, userId, role);
      const client = hubClient(hub.url, hub.anonKey);
      const { error } = await client.auth.signInWithPassword({ email, password: TEST_PASSWORD });
      if (error) throw error;
      return { userId, client };
    },
    async connect() {
      const client = new pg.Client({ connectionString: hub.adminUrl });
      await client.connect();
      return client;
    },
  };
  return {
    hub: testHub,
    async stop() {
      await hub.stop();
      dir.remove();
    },
  };
}

/** Starts a hub before the file's tests and stops it after them. */
export function useHub(): () => TestHub {
  let running: Awaited<ReturnType<typeof startTestHub>> | undefined;
  beforeAll(async () => {
    running = await startTestHub();
  });
  afterAll(async () => {
    await running?.stop();
  });
  return () => {
    if (!running) throw new Error('The hub is not running (useHub() must be called at the top of the file).');
    return running.hub;
  };
}

let deviceSeq = 0;
/** An outbox entry as a device pushes it (overrides may be invalid on purpose). */
export function change(
  practiceId: string,
  overrides: Partial<Omit<PushEntry, 'op'> & { op: string }> = {},
) {
  deviceSeq += 1;
  return {
    practice_id: practiceId,
    table_name: 'patient',
    row_id: randomUUID(),
    op: 'insert',
    changes: { first_name: 'Rex', species: 'Dog' },
    hlc: `${new Date().toISOString()}-${deviceSeq.toString(16).padStart(4, '0')}-device-a`,
    device_id: 'device-a',
    device_seq: deviceSeq,
    actor: null,
    ...overrides,
  };
}
