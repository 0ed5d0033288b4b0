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
import { insertSynced, updateSynced } from '../../electron/db/synced-rows';
import { appointmentStatus, APPOINTMENT_STATUSES, visitStatus, VISIT_STATUSES } from '../../shared/domain/reception-status';
import { applyRemoteChanges } from '../../sync/engine/apply';
import type { PushEntry } from '../../sync/hub/contract';
import { SYNCED_TABLE_NAMES } from '../../sync/engine/table-rules';
import { openReception } from '../helpers/reception';
import { tempDir } from '../helpers/temp-dir';
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
  // The practice as one desk set it up through the real services.
  const seed = await openReception(START);
  const admin = seed.admin;
  const session = await admin.call('auth.session', {});
  practiceId = session.practice.id;
  adminId = session.user.id;
  for (const [i, patientId] of seed.patients.entries()) {
    await admin.call('visits.walkIn', { patientId, serviceTypeId: seed.serviceId });
    await admin.call('appointments.book', {
      patientId,
      practitionerId: seed.doctorId,
      serviceTypeId: seed.serviceId,
      start: `2026-11-26T${String(8 + i).padStart(2, "0")}:00`,
    });
  }
  const entries = outboxOf(seed.core.db);
  seedRows = idsOf(seed.core.db);
  seed.close();

  // A replica holding the practice, without a device id: each copy makes its own.
  template = join(work.path, 'template.sqlite');
  const t = await LocalDatabase.open(template, { now: () => START });
  expect(applyRemoteChanges(t, entries)).toMatchObject({ rejected: [], rowsWaiting: 0 });
  t.sqlite.prepare('DELETE FROM device').run();
  t.close();
}, 120_000);
afterAll(() => work?.remove());

function idsOf(db: LocalDatabase): Record<string, string[]> {
  return Object.fromEntries(SYNCED_TABLE_NAMES.map((t) => [t, db.sqlite.prepare(`SELECT id FROM "${t}" ORDER BY id`).pluck().all() as string[]]));
}

/** A small deterministic generator, so one fast-check seed replays one run exactly. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const device = fc.integer({ min: 0, max: 2 });
const text = fc.constantFrom('Alpha', 'Bravo', 'Charlie', 'Delta', null);
const operation = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('editPatient' as const), device, pick: fc.nat(), field: fc.constantFrom('first_name', 'notes', 'alerts', 'insurer', 'phone'), value: text }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('editAccount' as const), device, pick: fc.nat(), field: fc.constantFrom('city', 'email', 'notes', 'last_name', 'phone_secondary'), value: text }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('moveVisit' as const), device, pick: fc.nat(), to: fc.constantFrom(...VISIT_STATUSES) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('moveAppointment' as const), device, pick: fc.nat(), to: fc.constantFrom(...APPOINTMENT_STATUSES) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('pay' as const), device, pick: fc.nat(), amount: fc.integer({ min: -500, max: 5000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('register' as const), device, name: fc.constantFrom('Zola', 'Yusuf', 'Xena') }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('exchange' as const), from: device, to: device, seed: fc.integer(), relay: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 5000 }) }) },
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

interface Desk {
  db: LocalDatabase;
}

function pickRow(db: LocalDatabase, table: string, pick: number): Record<string, unknown> | undefined {
  const ids = db.sqlite.prepare(`SELECT id FROM "${table}" ORDER BY id`).pluck().all() as string[];
  if (ids.length === 0) return undefined;
  return db.sqlite.prepare(`SELECT * FROM "${table}" WHERE id = ?`).get(ids[pick % ids.length]) as Record<string, unknown>;
}

/** Deliver `entries` to `db` as a hub or peer might: a random subset, some twice, shuffled, in random pages. */
function deliver(db: LocalDatabase, entries: PushEntry[], random: () => number, everything: boolean): void {
  let batch = everything ? [...entries] : entries.filter(() => random() < 0.6);
  batch = batch.flatMap((e) => (random() < 0.15 ? [e, e] : [e]));
  for (let i = batch.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [batch[i], batch[j]] = [batch[j]!, batch[i]!];
  }
  const pageSize = 1 + Math.floor(random() * 40);
  for (let i = 0; i < batch.length; i += pageSize) {
    const result = applyRemoteChanges(db, batch.slice(i, i + pageSize));
    expect(result.rejected).toEqual([]);
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
  const db = desks[op.device]!.db;
  clock.now += 1;
  db.transaction(adminId, () => {
    switch (op.kind) {
      case 'editPatient': {
        const row = pickRow(db, 'patient', op.pick)!;
        const value = op.field === 'first_name' ? (op.value ?? 'Unnamed') : op.field === 'phone' && op.value ? '082 555 0' + op.value.length : op.value;
        updateSynced(db, 'patient', row.id as string, { [op.field]: value });
        break;
      }
      case 'editAccount': {
        const row = pickRow(db, 'account', op.pick)!;
        const value = op.field === 'last_name' ? (op.value ?? 'Surname') : op.field === 'phone_secondary' && op.value ? '011 444 ' + op.value.length : op.value;
        updateSynced(db, 'account', row.id as string, { [op.field]: value });
        break;
      }
      case 'moveVisit': {
        const row = pickRow(db, 'visit', op.pick)!;
        if (!visitStatus.canMove(row.status as never, op.to)) return;
        updateSynced(db, 'visit', row.id as string, { status: op.to, status_changed_at: db.isoNow() });
        break;
      }
      case 'moveAppointment': {
        const row = pickRow(db, 'appointment', op.pick)!;
        if (!appointmentStatus.canMove(row.status as never, op.to)) return;
        updateSynced(db, 'appointment', row.id as string, { status: op.to, status_changed_at: db.isoNow() });
        break;
      }
      case 'pay': {
        if (op.amount === 0) return;
        const visit = pickRow(db, 'visit', op.pick)!;
        const patient = db.sqlite.prepare('SELECT account_id FROM patient WHERE id = ?').get(visit.patient_id) as { account_id: string };
        const share = Math.trunc(op.amount / 2);
        const id = insertSynced(db, 'payment', practiceId, {
          visit_id: visit.id as string,
          patient_id: visit.patient_id as string,
          account_id: patient.account_id,
          amount_minor: op.amount,
          method: 'CASH',
          reference: null,
          refund_of: null,
          reason: op.amount < 0 ? 'refund' : null,
          practitioner_share_minor: share,
          centre_share_minor: op.amount - share,
          received_by: adminId,
          received_at: db.isoNow(),
          receipt_number: `R-${op.device}`,
        });
        committed.add(`payment/${id}`);
        break;
      }
      case 'register': {
        const accountId = insertSynced(db, 'account', practiceId, { first_name: op.name, last_name: 'New', phone_primary: '021 000 1111' });
        const patientId = insertSynced(db, 'patient', practiceId, { account_id: accountId, kind: 'human', first_name: op.name, last_name: 'New' });
        committed.add(`account/${accountId}`).add(`patient/${patientId}`);
        break;
      }
    }
  });
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
            const ids = idsOf(desk.db);
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
