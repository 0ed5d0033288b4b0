/**
 * The pull cursor never skips a row (ARCHITECTURE §4). A change's server seq
 * is drawn before its transaction commits, so a transaction that commits
 * late lands *behind* changes a client may already have pulled. These tests
 * hold such a transaction open (through the same SQL path the gateway uses:
 * SET LOCAL ROLE authenticated + request.jwt.claims + public.sync_push) while
 * later changes commit and the client pulls, then commit it and check the
 * next pull still delivers it.
 */
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PullResult } from '../../sync/hub/contract';
import { change, useHub } from '../helpers/hub';

/** How long the slow transaction stays open (ARCHITECTURE asks for 30 s; a few seconds prove the same in CI). */
const HOLD_OPEN_MS = 3_000;

const hub = useHub();

let practice: string;
let userId: string;
let client: SupabaseClient;

beforeAll(async () => {
  practice = await hub().practice('Cursor Vets');
  ({ userId, client } = await hub().member('cursor@vets.test', practice, 'admin'));
});

/** A raw transaction that pushes like the gateway does, left open. */
async function openPushTransaction(): Promise<pg.Client> {
  const db = await hub().connect();
  await db.query('BEGIN');
  await db.query('SET LOCAL ROLE authenticated');
  await db.query("SELECT set_config('request.jwt.claims', $1, true)", [
    JSON.stringify({ sub: userId, role: 'authenticated', aud: 'authenticated' }),
  ]);
  return db;
}

async function pushIn(db: pg.Client, entry: ReturnType<typeof change>): Promise<void> {
  const { rows } = await db.query<{ ack: { duplicates: number } }>('SELECT public.sync_push($1::jsonb) AS ack', [JSON.stringify([entry])]);
  expect(rows[0]?.ack.duplicates).toBe(0);
}

async function pull(since: number): Promise<PullResult> {
  const { data, error } = await client.rpc('sync_pull', { since, page_size: 100 });
  if (error) throw new Error(error.message);
  return data as PullResult;
}

async function pullToEnd(since: number): Promise<{ rows: string[]; cursor: number }> {
  const rows: string[] = [];
  let cursor = since;
  for (;;) {
    const page = await pull(cursor);
    rows.push(...page.changes.map((c) => c.row_id));
    cursor = page.next_cursor;
    if (!page.has_more) return { rows, cursor };
  }
}

async function seqOf(rowId: string): Promise<number> {
  const { rows } = await hub().admin.query<{ seq: string }>('SELECT seq FROM hub.change WHERE row_id = $1', [rowId]);
  return Number(rows[0]!.seq);
}

const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

describe('a transaction that commits after later ones', () => {
  it('is still delivered by the next pull', { timeout: HOLD_OPEN_MS * 4 + 10_000 }, async () => {
    const start = (await pullToEnd(0)).cursor;
    const slow = change(practice, { device_id: `slow-${randomUUID()}`, device_seq: 1 });
    const fast = [1, 2].map((seq) => change(practice, { device_id: `fast-${randomUUID()}`, device_seq: seq }));

    const db = await openPushTransaction();
    try {
      await pushIn(db, slow); // takes its seq now, commits later
      for (const entry of fast) expect((await client.rpc('sync_push', { batch: [entry] })).error).toBeNull();
      expect(await seqOf(fast[0]!.row_id)).toBeGreaterThan(0);

      // The client keeps pulling while the slow transaction is open.
      let cursor = start;
      const seen: string[] = [];
      const until = Date.now() + HOLD_OPEN_MS;
      while (Date.now() < until) {
        const got = await pullToEnd(cursor);
        seen.push(...got.rows);
        cursor = got.cursor;
        await sleep(250);
      }
      expect(seen).not.toContain(slow.row_id);

      await db.query('COMMIT');
      const slowSeq = await seqOf(slow.row_id);
      expect(slowSeq).toBeLessThan(await seqOf(fast[0]!.row_id)); // it really was behind them

      const after = await pullToEnd(cursor);
      seen.push(...after.rows);
      expect(seen).toContain(slow.row_id);
      expect(seen.filter((id) => [slow, ...fast].some((e) => e.row_id === id)).sort())
        .toEqual([slow, ...fast].map((e) => e.row_id).sort()); // each exactly once
    } finally {
      await db.query('ROLLBACK').catch(() => undefined);
      await db.end();
    }
  });

  it('is delivered even when an older transaction took a later seq and was already served', { timeout: HOLD_OPEN_MS * 4 + 10_000 }, async () => {
    // T_A gets its transaction id first; T_B then pushes (seq n) and stays
    // open; T_A pushes (seq n+1) and commits. A seq-ordered cursor would hand
    // out n+1, move past n, and lose T_B's change when it commits.
    const start = (await pullToEnd(0)).cursor;
    const a = change(practice, { device_id: `a-${randomUUID()}`, device_seq: 1 });
    const b = change(practice, { device_id: `b-${randomUUID()}`, device_seq: 1 });
    const txA = await openPushTransaction();
    const txB = await openPushTransaction();
    try {
      await txA.query('SELECT pg_current_xact_id()');
      await pushIn(txB, b);
      await pushIn(txA, a);
      await txA.query('COMMIT');
      expect(await seqOf(a.row_id)).toBeGreaterThan(0);

      const during = await pullToEnd(start);
      expect(during.rows).toContain(a.row_id);
      expect(during.rows).not.toContain(b.row_id);

      await sleep(HOLD_OPEN_MS);
      await txB.query('COMMIT');
      expect(await seqOf(b.row_id)).toBeLessThan(await seqOf(a.row_id));

      const after = await pullToEnd(during.cursor);
      expect(after.rows).toContain(b.row_id);
      expect(after.rows).not.toContain(a.row_id);
    } finally {
      for (const tx of [txA, txB]) {
        await tx.query('ROLLBACK').catch(() => undefined);
        await tx.end();
      }
    }
  });
});
