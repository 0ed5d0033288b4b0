/**
 * sync_push / sync_pull through the real supabase-js client: round trip,
 * paging, idempotent replays, whole-batch rejection, per-column LWW merge,
 * and what a member of practice A can never get of practice B.
 */
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PullResult, PushResult } from '../../sync/hub/contract';
import { RPC_FUNCTIONS } from '../../sync/hub/rpc-routes';
import { change, useHub } from '../helpers/hub';

const hub = useHub();


async function push(client: SupabaseClient, batch: unknown[]) {
  return client.rpc('sync_push', { batch });
}

async function pullAll(client: SupabaseClient, since = 0, pageSize = 500): Promise<{ changes: PullResult['changes']; cursor: number; pages: number }> {
  const changes: PullResult['changes'] = [];
  let cursor = since;
  let pages = 0;
  for (;;) {
    const { data, error } = await client.rpc('sync_pull', { since: cursor, page_size: pageSize });
    if (error) throw new Error(error.message);
    const page = data as PullResult;
    pages += 1;
    changes.push(...page.changes);
    cursor = page.next_cursor;
    if (!page.has_more) return { changes, cursor, pages };
  }
}

async function count(sql: string, values: unknown[] = []): Promise<number> {
  const { rows } = await hub().admin.query<{ n: string }>(sql, values);
  return Number(rows[0]!.n);
}

let practiceA: string;
let practiceB: string;
let ana: SupabaseClient;
let bob: SupabaseClient;
let anaId: string;

beforeAll(async () => {
  practiceA = await hub().practice('Hillside Vets');
  practiceB = await hub().practice('Riverside Clinic');
  ({ client: ana, userId: anaId } = await hub().member('ana@hillside.test', practiceA, 'doctor'));
  ({ client: bob } = await hub().member('bob@riverside.test', practiceB, 'receptionist'));
});

/** What every push answers since 0005, besides the acknowledgement: the hub's clock against the batch's (these HLCs are of now). */
const clockReport = { hub_time: expect.any(String), clock_ahead_ms: expect.any(Number), far_future: 0 };

describe('push then pull', () => {
  it('round-trips changes, in pages, with a resumable cursor', async () => {
    const device = `device-${randomUUID()}`;
    const batch = Array.from({ length: 5 }, (_, i) =>
      change(practiceA, { device_id: device, device_seq: i + 1, changes: { first_name: `Pet ${i}`, weight_kg: i + 0.5, notes: null } }));
    const { data, error } = await push(ana, batch);
    expect(error).toBeNull();
    expect(data).toEqual({ acknowledged_through: 5, duplicates: 0, ...clockReport });

    const paged = await pullAll(ana, 0, 2);
    const mine = paged.changes.filter((c) => c.device_id === device);
    expect(mine.map((c) => c.device_seq)).toEqual([1, 2, 3, 4, 5]);
    expect(paged.pages).toBeGreaterThanOrEqual(3);
    for (const [i, entry] of batch.entries()) {
      expect(mine[i]).toMatchObject({
        practice_id: practiceA, table_name: 'patient', row_id: entry.row_id, op: 'insert', changes: entry.changes, hlc: entry.hlc,
      });
    }
    // Nothing new after the cursor.
    const again = await pullAll(ana, paged.cursor);
    expect(again.changes).toEqual([]);
    expect(again.cursor).toBe(paged.cursor);
  });

  it('acknowledges a replayed batch without storing it twice', async () => {
    const device = `device-${randomUUID()}`;
    const batch = [1, 2, 3].map((seq) => change(practiceA, { device_id: device, device_seq: seq }));
    expect((await push(ana, batch)).data).toEqual({ acknowledged_through: 3, duplicates: 0, ...clockReport });
    expect((await push(ana, batch)).data).toEqual({ acknowledged_through: 3, duplicates: 3, ...clockReport });
    // A retry after a partial success: one old, one new.
    const next = change(practiceA, { device_id: device, device_seq: 4 });
    expect((await push(ana, [batch[2], next])).data).toEqual({ acknowledged_through: 4, duplicates: 1, ...clockReport });
    expect(await count('SELECT count(*) AS n FROM hub.change WHERE device_id = $1', [device])).toBe(4);
    const pulled = (await pullAll(ana)).changes.filter((c) => c.device_id === device);
    expect(pulled.map((c) => c.device_seq)).toEqual([1, 2, 3, 4]);
  });

  it('stores a batch pushed several times at once exactly once', async () => {
    const device = `device-${randomUUID()}`;
    const rowId = randomUUID();
    const batch = [1, 2, 3, 4].map((seq) =>
      change(practiceA, { device_id: device, device_seq: seq, row_id: seq % 2 ? rowId : randomUUID(), op: seq === 1 ? 'insert' : 'update' }));
    const results = await Promise.all(Array.from({ length: 5 }, () => push(ana, batch)));
    for (const result of results) expect(result.error).toBeNull();
    const acks = results.map((r) => r.data as PushResult);
    expect(acks.every((a) => a.acknowledged_through === 4)).toBe(true);
    expect(acks.reduce((sum, a) => sum + a.duplicates, 0)).toBe(4 * 4);
    expect(await count('SELECT count(*) AS n FROM hub.change WHERE device_id = $1', [device])).toBe(4);
  });

  it('refuses a device_seq reused for different content', async () => {
    const device = `device-${randomUUID()}`;
    await push(ana, [change(practiceA, { device_id: device, device_seq: 1 })]);
    const { error, status } = await push(ana, [change(practiceA, { device_id: device, device_seq: 1 })]);
    expect(status).toBe(409);
    expect(error?.message).toMatch(/already pushed with different content/);
  });

  it('merges per column, the greatest HLC winning whatever the order of arrival', async () => {
    const rowId = randomUUID();
    const early = '2026-12-01T09:00:00.000Z-0000-desk-1';
    const late = '2026-12-01T09:05:00.000Z-0000-desk-2';
    // The later edit arrives first.
    await push(ana, [change(practiceA, { row_id: rowId, device_id: 'desk-2', device_seq: 1, op: 'update', hlc: late, changes: { phone: '082 555 0002' } })]);
    await push(ana, [change(practiceA, {
      row_id: rowId, device_id: 'desk-1', device_seq: 1, hlc: early, changes: { first_name: 'Rex', phone: '082 555 0001', address: '1 Main Rd' },
    })]);
    const { rows } = await hub().admin.query<{ data: Record<string, unknown> }>(
      'SELECT data FROM hub.row_state WHERE practice_id = $1 AND table_name = $2 AND row_id = $3', [practiceA, 'patient', rowId]);
    expect(rows[0]?.data).toEqual({ first_name: 'Rex', phone: '082 555 0002', address: '1 Main Rd' });
  });
});

describe('rejected batches change nothing', () => {
  it('rejects a batch naming an unknown table, whole', async () => {
    const device = `device-${randomUUID()}`;
    const batch = [
      change(practiceA, { device_id: device, device_seq: 1 }),
      change(practiceA, { device_id: device, device_seq: 2, table_name: 'user_credential' }),
    ];
    const { error, status } = await push(ana, batch);
    expect(status).toBe(400);
    expect(error?.message).toBe('sync_push: entry 2 names unknown table "user_credential"; nothing was applied');
    expect(await count('SELECT count(*) AS n FROM hub.change WHERE device_id = $1', [device])).toBe(0);
  });

  it('rejects a batch with an entry for a practice the user is not a member of, whole', async () => {
    const device = `device-${randomUUID()}`;
    const batch = [
      change(practiceA, { device_id: device, device_seq: 1 }),
      change(practiceB, { device_id: device, device_seq: 2 }),
    ];
    const { error, status } = await push(ana, batch);
    expect(status).toBe(403);
    expect(error?.message).toBe(`sync_push: you are not a member of practice ${practiceB}; nothing was applied`);
    expect(await count('SELECT count(*) AS n FROM hub.change WHERE device_id = $1', [device])).toBe(0);
    expect(await count('SELECT count(*) AS n FROM hub.row_state WHERE practice_id = $1', [practiceB])).toBe(0);
  });

  it('rejects malformed and oversized batches with a clear message', async () => {
    const device = `device-${randomUUID()}`;
    const tooMany = Array.from({ length: 1001 }, (_, i) => change(practiceA, { device_id: device, device_seq: i + 1 }));
    const big = await push(ana, tooMany);
    expect(big.status).toBe(400);
    expect(big.error?.message).toMatch(/batch has 1001 entries; at most 1000/);

    const cases: Array<[unknown, RegExp]> = [
      [{ not: 'an array' }, /must be a JSON array/],
      [[change(practiceA, { op: 'delete' })], /op delete; expected insert or update/],
      [[{ ...change(practiceA), hlc: 'yesterday' }], /no valid hlc/],
      [[{ ...change(practiceA), device_seq: -1 }], /no valid device_seq/],
      [[{ ...change(practiceA), practice_id: 'hillside' }], /no valid practice_id/],
      [[change(practiceA, { device_id: 'x', device_seq: 1 }), change(practiceA, { device_id: 'y', device_seq: 2 })], /push one device per call/],
      [[change(practiceA, { changes: { practice_id: practiceB } })], /changes practice_id to another practice/],
      [[change(practiceA, { row_id: 'r-1', changes: { id: 'r-2' } })], /changes.id different from its row_id/],
      [[change(practiceA, { changes: { notes: 'x'.repeat(300_000) } })], /larger than 256 kB/],
    ];
    for (const [batch, message] of cases) {
      const { error, status } = await ana.rpc('sync_push', { batch });
      expect(status).toBe(400);
      expect(error?.message).toMatch(message);
    }
    expect(await count('SELECT count(*) AS n FROM hub.change WHERE device_id = $1', [device])).toBe(0);
  });
});

describe('practice A never sees practice B', () => {
  it('sync_pull returns only the caller\'s practices', async () => {
    const bobDevice = `device-${randomUUID()}`;
    const secret = change(practiceB, { device_id: bobDevice, device_seq: 1, changes: { first_name: 'Confidential' } });
    expect((await push(bob, [secret])).error).toBeNull();

    const anaSees = (await pullAll(ana)).changes;
    expect(anaSees.length).toBeGreaterThan(0);
    expect(anaSees.every((c) => c.practice_id === practiceA)).toBe(true);
    const bobSees = (await pullAll(bob)).changes;
    expect(bobSees.map((c) => c.row_id)).toEqual([secret.row_id]);

    // A forged practice id in the payload is refused, not used to write into B.
    const forged = await push(ana, [change(practiceB, { row_id: secret.row_id, changes: { first_name: 'Overwritten' } })]);
    expect(forged.status).toBe(403);
    const { rows } = await hub().admin.query<{ data: { first_name: string } }>(
      'SELECT data FROM hub.row_state WHERE practice_id = $1 AND row_id = $2', [practiceB, secret.row_id]);
    expect(rows[0]?.data.first_name).toBe('Confidential');
  });

  it('gives anon and authenticated no table at all, only the sync functions', async () => {
    const db = await hub().connect();
    try {
      for (const role of ['anon', 'authenticated']) {
        for (const table of ['hub.change', 'hub.row_state', 'hub.practice', 'hub.practice_member', 'hub.synced_table', 'auth.users', 'auth.refresh_tokens', 'hub_meta.migration']) {
          await db.query('BEGIN');
          await db.query(`SET LOCAL ROLE ${role}`);
          await db.query("SELECT set_config('request.jwt.claims', $1, true)", [JSON.stringify({ sub: anaId, role })]);
          await expect(db.query(`SELECT * FROM ${table}`), `${role} ${table}`).rejects.toThrow(/permission denied/);
          await db.query('ROLLBACK');
        }
      }
      const { rows: grants } = await db.query(
        `SELECT grantee, table_schema, table_name, privilege_type FROM information_schema.role_table_grants
         WHERE grantee IN ('anon', 'authenticated') AND table_schema IN ('public', 'hub', 'auth', 'hub_meta')`);
      expect(grants).toEqual([]);
      const { rows: callable } = await db.query<{ role: string; fn: string }>(
        `SELECT r.role, n.nspname || '.' || p.proname AS fn
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace, (VALUES ('anon'), ('authenticated')) AS r(role)
         WHERE n.nspname IN ('public', 'hub') AND has_function_privilege(r.role, p.oid, 'EXECUTE')
           AND (n.nspname = 'public' OR has_schema_privilege(r.role, n.oid, 'USAGE'))
         ORDER BY 1, 2`);
      // Exactly the functions the gateway serves (as PostgREST would), nothing else.
      const rpcFunctions = Object.keys(RPC_FUNCTIONS).map((fn) => `public.${fn}`).sort();
      expect(rpcFunctions).toContain('public.sync_push');
      expect(callable).toEqual(rpcFunctions.map((fn) => ({ role: 'authenticated', fn })));
      const { rows: withoutRls } = await db.query(
        `SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind = 'r' AND n.nspname IN ('hub', 'auth', 'hub_meta', 'public') AND NOT c.relrowsecurity`);
      expect(withoutRls).toEqual([]);
    } finally {
      await db.end();
    }
  });

  it('has RLS policies that would still hide B if a grant were added by mistake', async () => {
    const db = await hub().connect();
    try {
      await db.query('BEGIN');
      await db.query('GRANT USAGE ON SCHEMA hub TO authenticated; GRANT SELECT ON hub.change, hub.row_state, hub.practice TO authenticated');
      await db.query('SET LOCAL ROLE authenticated');
      await db.query("SELECT set_config('request.jwt.claims', $1, true)", [JSON.stringify({ sub: anaId, role: 'authenticated' })]);
      const changes = await db.query<{ practice_id: string }>('SELECT DISTINCT practice_id FROM hub.change');
      expect(changes.rows).toEqual([{ practice_id: practiceA }]);
      const rows = await db.query<{ practice_id: string }>('SELECT DISTINCT practice_id FROM hub.row_state');
      expect(rows.rows).toEqual([{ practice_id: practiceA }]);
      const practices = await db.query<{ id: string }>('SELECT id FROM hub.practice');
      expect(practices.rows).toEqual([{ id: practiceA }]);
    } finally {
      await db.query('ROLLBACK');
      await db.end();
    }
  });
});
