/**
 * The sync property test (STYLE §13): three desks of one practice make random
 * edits, status moves and payments while random subsets of their changes
 * travel between random pairs — duplicated, reordered, relayed, split into
 * pages. Once everyone has everything, every synced table must be
 * byte-identical on all three, and no committed row may be missing anywhere.
 */
import fc from 'fast-check';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalDatabase } from '../../electron/db/database';
import type { PushEntry } from '../../sync/hub/contract';
import { tempDir } from '../helpers/temp-dir';
import { buildPracticeTemplate, rowIdsOf } from './practice-template';
import { deliverShuffled, DESK_WORK, desk, doDeskWork, prng } from './desk-operations';
import { inboxOf, outboxOf, searchDocs, syncedSnapshot } from './devices';

// CI runs 200 cases; `npm run soak -- --runs 2000` runs more (it sets CONVERGENCE_RUNS).
const RUNS = Number(process.env.CONVERGENCE_RUNS ?? 200);
/** Desk clocks may be off by up to a day either way. */
const DAY_MS = 24 * 3_600_000;
const START = Date.parse('2026-11-25T07:00:00Z');

let work: { path: string; remove(): void };
let template: string;
let practiceId: string;
let adminId: string;
let seedRows: Record<string, string[]>;
const stats = { operations: 0, pages: 0, applied: 0, duplicates: 0, deferred: 0, conflicts: 0 };

beforeAll(async () => {
  work = tempDir('practice-desk-convergence-');
  ({ practiceId, adminId, path: template, rowIds: seedRows } = await buildPracticeTemplate(work.path, START));
}, 120_000);
afterAll(() => work?.remove());


const operation = fc.oneof(
  ...DESK_WORK,
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('exchange' as const), from: desk, to: desk, seed: fc.integer(), relay: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 5000 }) }) },
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

interface Desk {
  db: LocalDatabase;
}

function deliver(db: LocalDatabase, entries: PushEntry[], random: () => number, everything: boolean): void {
  for (const result of deliverShuffled(db, entries, random, everything)) {
    stats.pages += 1;
    stats.applied += result.applied;
    stats.duplicates += result.duplicates;
    stats.deferred += result.deferred;
    stats.conflicts += result.conflicts.length;
  }
}

function run(desks: Desk[], op: Operation, clock: { now: number }, committed: Set<string>): void {
  if (op.kind === 'tick') {
    clock.now += op.ms;
    return;
  }
  if (op.kind === 'exchange') {
    if (op.from === op.to) return;
    const from = desks[op.from]!.db;
    const entries = op.relay ? [...outboxOf(from), ...inboxOf(from)] : outboxOf(from);
    deliver(desks[op.to]!.db, entries, prng(op.seed), false);
    return;
  }
  clock.now += 1;
  doDeskWork(desks[op.device]!.db, op, { practiceId, adminId, committed });
}

describe('replicas converge', () => {
  it(`3 desks, random edits and deliveries: identical synced tables, nothing lost (${RUNS} runs)`, async () => {
    let runNo = 0;
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 5, maxLength: 50 }), fc.array(fc.integer({ min: -DAY_MS, max: DAY_MS }), { minLength: 3, maxLength: 3 }), async (ops, skews) => {
        const clock = { now: START + 3_600_000 };
        const desks: Desk[] = [];
        const committed = new Set<string>();
        try {
          for (let i = 0; i < 3; i++) {
            const path = join(work.path, `run${++runNo}-desk${i}.sqlite`);
            copyFileSync(template, path);
            // Each desk's wall clock is off by its own skew (up to a day either way).
            const skew = skews[i]!;
            desks.push({ db: await LocalDatabase.open(path, { now: () => clock.now + skew }) });
          }
          stats.operations += ops.length;
          for (const op of ops) run(desks, op, clock, committed);
          // Everyone gets everything.
          for (const [i, desk] of desks.entries()) {
            const others = desks.filter((_, j) => j !== i).flatMap((d) => outboxOf(d.db));
            deliver(desk.db, others, prng(i + 1), true);
          }
          const reference = syncedSnapshot(desks[0]!.db);
          for (const desk of desks.slice(1)) expect(syncedSnapshot(desk.db)).toEqual(reference);
          const docs = searchDocs(desks[0]!.db);
          for (const desk of desks) {
            expect(searchDocs(desk.db)).toEqual(docs);
            expect(desk.db.sqlite.prepare('SELECT count(*) FROM sync_unapplied').pluck().get()).toBe(0);
            const ids = rowIdsOf(desk.db);
            for (const [table, rows] of Object.entries(seedRows)) for (const id of rows) expect(ids[table]).toContain(id);
            for (const key of committed) {
              const [table, id] = key.split('/') as [string, string];
              expect(ids[table]).toContain(id);
            }
          }
        } finally {
          for (const desk of desks) desk.db.close();
        }
      }),
      { numRuns: RUNS },
    );
    const seconds = (performance.now() - started) / 1000;
    console.info(`convergence: ${RUNS} cases, ${stats.operations} operations in ${seconds.toFixed(1)} s`, stats);
  }, 120_000 + RUNS * 1_000);
});
