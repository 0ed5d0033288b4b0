/**
 * The sync property test through the hub (issue 4's proof). Three desks of
 * one practice, each clock off by up to a day either way, do random desk work
 * while their changes travel every way the product allows: pushed to the
 * real hub (embedded Postgres, gateway, supabase-js) in random batches, pulled
 * in random pages, pulled again from an older cursor (duplicates), relayed
 * desk to desk as a LAN hub would (a random subset, some twice, shuffled) —
 * and a desk killed mid-push: the hub stored the batch, the desk died before
 * saving the acknowledgement, and restarts from its file. A desk that does
 * none of this for a while is partitioned. At the end every desk pushes and
 * pulls everything: every synced table must be identical on the three desks
 * and equal to the hub's row_state, and no committed row may be missing
 * anywhere.
 */
import fc from 'fast-check';
import type { SupabaseClient } from '@supabase/supabase-js';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalDatabase } from '../../electron/db/database';
import { readCounter, setPullCursor } from '../../sync/engine/meta';
import { entriesToPush } from '../../sync/engine/outbox';
import { SYNCED_TABLE_NAMES } from '../../sync/engine/table-rules';
import type { PushEntry } from '../../sync/hub/contract';
import { useHub } from '../helpers/hub';
import { tempDir } from '../helpers/temp-dir';
import { deliverShuffled, DESK_WORK, desk, doDeskWork, prng } from './desk-operations';
import { inboxOf, outboxOf, syncedSnapshot } from './devices';
import { deviceTables, hubTables, pullAll, pushAll } from './hub-sync';
import { buildPracticeTemplate } from './practice-template';

// CI runs 200 cases; `npm run soak` sets HUB_CONVERGENCE_RUNS for more.
const RUNS = Number(process.env.HUB_CONVERGENCE_RUNS ?? 200);
const DAY_MS = 24 * 3_600_000;
const START = Date.parse('2026-11-25T07:00:00Z');

const hub = useHub();
let work: { path: string; remove(): void };
let template: string;
let practiceId: string;
let adminId: string;
let seedEntries: PushEntry[];
let member: SupabaseClient;
let fileNo = 0;
const stats = { cases: 0, operations: 0, pushes: 0, pulls: 0, crashes: 0, rewinds: 0, relays: 0 };

beforeAll(async () => {
  work = tempDir('practice-desk-hub-convergence-');
  ({ practiceId, adminId, path: template, entries: seedEntries } = await buildPracticeTemplate(work.path, START));
  await hub().createPractice(practiceId, 'Convergence Practice');
  // The desks push the practice's setup too: an admin's hub account (hub 0010 checks the role per table).
  ({ client: member } = await hub().member('desk@convergence.test', practiceId, 'admin'));
}, 120_000);
afterAll(() => work?.remove());

const operation = fc.oneof(
  ...DESK_WORK,
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('push' as const), device: desk, batch: fc.integer({ min: 1, max: 30 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('pull' as const), device: desk, page: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('crashMidPush' as const), device: desk, batch: fc.integer({ min: 1, max: 30 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rewind' as const), device: desk, to: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('relay' as const), from: desk, to: desk, seed: fc.integer() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 5000 }) }) },
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

interface Desk {
  path: string;
  skew: number;
  db: LocalDatabase;
  /** Every pull cursor this desk has held (the hub only accepts cursors it gave out, or 0). */
  cursors: number[];
}

async function resetHub(): Promise<void> {
  await hub().admin.query('TRUNCATE hub.change, hub.row_state');
  for (let i = 0; i < seedEntries.length; i += 500) {
    const { error } = await member.rpc('sync_push', { batch: seedEntries.slice(i, i + 500) });
    expect(error).toBeNull();
  }
}

/** One batch to the hub from a desk that dies before it saves the answer. */
async function pushAndDie(d: Desk, size: number): Promise<void> {
  const batch = entriesToPush(d.db, size);
  if (batch.length === 0) return;
  const { error } = await member.rpc('sync_push', { batch });
  expect(error).toBeNull();
}

async function run(desks: Desk[], op: Operation, clock: { now: number }, committed: Set<string>): Promise<void> {
  switch (op.kind) {
    case 'tick':
      clock.now += op.ms;
      return;
    case 'push':
      stats.pushes += 1;
      return pushAll(desks[op.device]!.db, member, op.batch);
    case 'pull': {
      stats.pulls += 1;
      const d = desks[op.device]!;
      await pullAll(d.db, member, op.page);
      d.cursors.push(readCounter(d.db, 'pull_cursor'));
      return;
    }
    case 'crashMidPush': {
      stats.crashes += 1;
      const d = desks[op.device]!;
      await pushAndDie(d, op.batch);
      d.db.close();
      d.db = await LocalDatabase.open(d.path, { now: () => clock.now + d.skew });
      return;
    }
    case 'rewind': {
      stats.rewinds += 1;
      // Back to a cursor held earlier: everything after it comes again.
      const d = desks[op.device]!;
      d.db.transaction(null, () => setPullCursor(d.db, d.cursors[op.to % d.cursors.length]!));
      return;
    }
    case 'relay': {
      if (op.from === op.to) return;
      stats.relays += 1;
      const from = desks[op.from]!.db;
      deliverShuffled(desks[op.to]!.db, [...outboxOf(from), ...inboxOf(from)], prng(op.seed), false);
      return;
    }
    default:
      clock.now += 1;
      doDeskWork(desks[op.device]!.db, op, { practiceId, adminId, committed });
  }
}

describe('desks and the hub converge', () => {
  it(`3 desks ±24 h, random work, pushes, pulls, relays, rewinds and crashes mid-push: identical everywhere, nothing lost (${RUNS} cases)`, async () => {
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 5, maxLength: 40 }), fc.array(fc.integer({ min: -DAY_MS, max: DAY_MS }), { minLength: 3, maxLength: 3 }), async (ops, skews) => {
        await resetHub();
        const clock = { now: START + 3_600_000 };
        const committed = new Set<string>();
        const desks: Desk[] = [];
        try {
          for (const skew of skews) {
            const path = join(work.path, `desk${++fileNo}.sqlite`);
            copyFileSync(template, path);
            desks.push({ path, skew, db: await LocalDatabase.open(path, { now: () => clock.now + skew }), cursors: [0] });
          }
          stats.cases += 1;
          stats.operations += ops.length;
          for (const op of ops) await run(desks, op, clock, committed);
          // Everyone online until nothing is left to send.
          for (let round = 0; round < 2; round++) {
            for (const d of desks) await pushAll(d.db, member);
            for (const d of desks) await pullAll(d.db, member);
          }

          const reference = syncedSnapshot(desks[0]!.db);
          for (const d of desks.slice(1)) expect(syncedSnapshot(d.db)).toEqual(reference);
          const onHub = await hubTables(hub(), practiceId);
          for (const d of desks) {
            expect(d.db.sqlite.prepare('SELECT count(*) FROM sync_unapplied').pluck().get()).toBe(0);
            expect(deviceTables(d.db)).toEqual(onHub);
          }
          for (const key of committed) {
            const [table, id] = key.split('/') as [string, string];
            expect(SYNCED_TABLE_NAMES).toContain(table);
            expect(onHub[table]![id]).toBeDefined();
          }
        } finally {
          for (const d of desks) d.db.close();
        }
      }),
      { numRuns: RUNS },
    );
    const seconds = (performance.now() - started) / 1000;
    console.info(`hub convergence: ${stats.cases} cases, ${stats.operations} operations in ${seconds.toFixed(1)} s`, stats);
  }, 120_000 + RUNS * 2_000);
});
