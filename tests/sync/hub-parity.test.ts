/**
 * The hub merges exactly as the devices do (ARCHITECTURE §4: all replicas
 * converge byte-identically). Two or three desks of one practice make random
 * edits, status moves, payments and registrations, pushing their outboxes to
 * a real hub (embedded Postgres, supabase-js) and pulling from it now and
 * then; at the end every desk pushes and then pulls everything. Every synced
 * table on every desk must then equal the hub's hub.row_state, column by
 * column, as JSON values.
 */
import fc from 'fast-check';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalDatabase } from '../../electron/db/database';
import { insertSynced, updateSynced } from '../../electron/db/synced-rows';
import { appointmentStatus, APPOINTMENT_STATUSES, visitStatus, VISIT_STATUSES } from '../../shared/domain/reception-status';
import { SYNCED_TABLE_NAMES } from '../../sync/engine/table-rules';
import type { PushEntry } from '../../sync/hub/contract';
import { useHub } from '../helpers/hub';
import { tempDir } from '../helpers/temp-dir';
import { listConflicts, resolveConflict } from '../../electron/services/conflicts';
import { actorOn } from './devices';
import { deviceTables, hubTables, pullAll, pushAll } from './hub-sync';
import { buildPracticeTemplate } from './practice-template';

// HUB_PARITY_RUNS=300 for a longer soak.
const RUNS = Number(process.env.HUB_PARITY_RUNS ?? 30);
const START = Date.parse('2026-11-25T07:00:00Z');

const hub = useHub();
let work: { path: string; remove(): void };
let template: string;
let practiceId: string;
let adminId: string;
let seedEntries: PushEntry[];
let member: SupabaseClient;
let deskNo = 0;

beforeAll(async () => {
  work = tempDir('practice-desk-hub-parity-');
  ({ practiceId, adminId, path: template, entries: seedEntries } = await buildPracticeTemplate(work.path, START));
  await hub().createPractice(practiceId, 'Parity Practice');
  // The desks push the practice's setup too: an admin's hub account (hub 0010 checks the role per table).
  ({ client: member } = await hub().member('desk@parity.test', practiceId, 'admin'));
}, 120_000);
afterAll(() => work?.remove());

/** An empty hub stream holding only the seed desk's changes, as every run starts. */
async function resetHub(): Promise<void> {
  await hub().admin.query('TRUNCATE hub.change, hub.row_state');
  for (let i = 0; i < seedEntries.length; i += 500) {
    const { error } = await member.rpc('sync_push', { batch: seedEntries.slice(i, i + 500) });
    expect(error).toBeNull();
  }
}

async function openDesk(clock: { now: number }, skew: number): Promise<LocalDatabase> {
  const path = join(work.path, `desk${++deskNo}.sqlite`);
  copyFileSync(template, path);
  return LocalDatabase.open(path, { now: () => clock.now + skew });
}

const push = (db: LocalDatabase) => pushAll(db, member, 40);
const pull = (db: LocalDatabase) => pullAll(db, member, 100);

async function expectParity(desks: LocalDatabase[]): Promise<void> {
  const expected = await hubTables(hub(), practiceId);
  for (const db of desks) {
    expect(db.sqlite.prepare('SELECT count(*) FROM sync_unapplied').pluck().get()).toBe(0);
    const actual = deviceTables(db);
    for (const table of SYNCED_TABLE_NAMES) expect(actual[table], `${db.deviceId} ${table}`).toEqual(expected[table]);
    // The same changes raise the same conflicts, with the same ids, on every desk.
    expect(conflictsOf(db), db.deviceId).toEqual(conflictsOf(desks[0]!));
  }
}

const conflictsOf = (db: LocalDatabase) => db.sqlite.prepare('SELECT * FROM sync_conflict ORDER BY id').all();
let resolutions = 0;
let raised = 0;

/** Resolve every open conflict on a desk, alternating a pick and (for text) a combination. */
function settleAll(db: LocalDatabase, seed: number): number {
  const actor = actorOn(db, adminId, practiceId);
  const open = listConflicts(db, actor);
  open.forEach((conflict, i) => {
    const combine = (seed + i) % 2 === 0 && conflict.kind === 'clinical-text';
    const version = conflict.versions[(seed + i) % conflict.versions.length]!;
    resolveConflict(db, actor, combine
      ? { conflictId: conflict.id, choice: 'combine', text: conflict.versions.map((v) => v.value ?? '').join(' / ') }
      : { conflictId: conflict.id, choice: 'keep', version: version.hlc });
  });
  resolutions += open.length;
  return open.length;
}

function pickRow(db: LocalDatabase, table: string, pick: number): Record<string, unknown> {
  const ids = db.sqlite.prepare(`SELECT id FROM "${table}" ORDER BY id`).pluck().all() as string[];
  return db.sqlite.prepare(`SELECT * FROM "${table}" WHERE id = ?`).get(ids[pick % ids.length]) as Record<string, unknown>;
}

const desk = fc.integer({ min: 0, max: 2 });
const text = fc.constantFrom('Alpha', 'Bravo', 'Charlie', null);
const operation = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('editPatient' as const), desk, pick: fc.nat(), field: fc.constantFrom('first_name', 'notes', 'alerts'), value: text }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('editAccount' as const), desk, pick: fc.nat(), field: fc.constantFrom('city', 'email', 'notes'), value: text }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('moveVisit' as const), desk, pick: fc.nat(), to: fc.constantFrom(...VISIT_STATUSES) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('moveAppointment' as const), desk, pick: fc.nat(), to: fc.constantFrom(...APPOINTMENT_STATUSES) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('pay' as const), desk, pick: fc.nat(), amount: fc.integer({ min: -500, max: 5000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('register' as const), desk, name: fc.constantFrom('Zola', 'Yusuf') }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('sync' as const), desk, pushOnly: fc.boolean() }) },
  // Two desks on the same patients' notes, so clinical text conflicts (bases on the hub) come up often.
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('editPatient' as const), desk, pick: fc.integer({ min: 0, max: 1 }), field: fc.constant('notes' as const), value: text }) },
  // Settle a conflict the desk shows (a pick, or a combined text): its bases must merge on the hub as on the desks.
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('resolve' as const), desk, pick: fc.nat(), combine: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 5000 }) }) },
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

function edit(db: LocalDatabase, op: Exclude<Operation, { kind: 'sync' | 'tick' }>, deskIndex: number): void {
  db.transaction(adminId, () => {
    switch (op.kind) {
      case 'resolve': {
        const actor = actorOn(db, adminId, practiceId);
        const open = listConflicts(db, actor);
        const conflict = open[op.pick % Math.max(1, open.length)];
        if (!conflict) return;
        const version = conflict.versions[op.pick % conflict.versions.length]!;
        resolveConflict(db, actor, op.combine && conflict.kind === 'clinical-text'
          ? { conflictId: conflict.id, choice: 'combine', text: conflict.versions.map((v) => v.value ?? '').join(' / ') }
          : { conflictId: conflict.id, choice: 'keep', version: version.hlc });
        resolutions += 1;
        break;
      }
      case 'editPatient': {
        const row = pickRow(db, 'patient', op.pick);
        updateSynced(db, 'patient', row.id as string, { [op.field]: op.field === 'first_name' ? (op.value ?? 'Unnamed') : op.value });
        break;
      }
      case 'editAccount': {
        const row = pickRow(db, 'account', op.pick);
        updateSynced(db, 'account', row.id as string, { [op.field]: op.value });
        break;
      }
      case 'moveVisit': {
        const row = pickRow(db, 'visit', op.pick);
        if (!visitStatus.canMove(row.status as never, op.to)) return;
        updateSynced(db, 'visit', row.id as string, { status: op.to, status_changed_at: db.isoNow() });
        break;
      }
      case 'moveAppointment': {
        const row = pickRow(db, 'appointment', op.pick);
        if (!appointmentStatus.canMove(row.status as never, op.to)) return;
        updateSynced(db, 'appointment', row.id as string, { status: op.to, status_changed_at: db.isoNow() });
        break;
      }
      case 'pay': {
        if (op.amount === 0) return;
        const visit = pickRow(db, 'visit', op.pick);
        const patient = db.sqlite.prepare('SELECT account_id FROM patient WHERE id = ?').get(visit.patient_id) as { account_id: string };
        const share = Math.trunc(op.amount / 2);
        insertSynced(db, 'payment', practiceId, {
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
          receipt_number: `R-${deskIndex}`,
        });
        break;
      }
      case 'register': {
        const accountId = insertSynced(db, 'account', practiceId, { first_name: op.name, last_name: 'New', phone_primary: '021 000 1111' });
        insertSynced(db, 'patient', practiceId, { account_id: accountId, kind: 'human', first_name: op.name, last_name: 'New' });
        break;
      }
    }
  });
}

describe('the hub merges as the devices do', () => {
  it('a visit COMPLETED under an older clock beats CALLED under a newer one, on the hub too', async () => {
    await resetHub();
    const clock = { now: START + 3_600_000 };
    const a = await openDesk(clock, 0);
    const b = await openDesk(clock, 30_000); // B's clock runs 30 s ahead: its every change is newer
    try {
      const visitId = pickRow(a, 'visit', 0).id as string;
      expect(pickRow(a, 'visit', 0).status).toBe('WAITING');
      for (const to of ['CALLED', 'IN_PROGRESS', 'PENDING_PAYMENT', 'COMPLETED'] as const) {
        clock.now += 1;
        a.transaction(adminId, () => updateSynced(a, 'visit', visitId, { status: to, status_changed_at: a.isoNow() }));
      }
      clock.now += 1;
      b.transaction(adminId, () => updateSynced(b, 'visit', visitId, { status: 'CALLED', status_changed_at: b.isoNow() }));
      await push(a);
      await push(b);
      await pull(a);
      await pull(b);

      // Last-writer-wins alone would pick B's CALLED: it carries the newest clock.
      const { rows: newest } = await hub().admin.query<{ status: string }>(
        `SELECT changes ->> 'status' AS status FROM hub.change
         WHERE practice_id = $1 AND table_name = 'visit' AND row_id = $2 AND changes ? 'status' ORDER BY hlc DESC LIMIT 1`,
        [practiceId, visitId],
      );
      expect(newest[0]?.status).toBe('CALLED');
      const { rows } = await hub().admin.query<{ data: { status: string } }>(
        `SELECT data FROM hub.row_state WHERE practice_id = $1 AND table_name = 'visit' AND row_id = $2`,
        [practiceId, visitId],
      );
      expect(rows[0]?.data.status).toBe('COMPLETED');
      expect(pickRow(a, 'visit', 0).status).toBe('COMPLETED');
      expect(pickRow(b, 'visit', 0).status).toBe('COMPLETED');
      await expectParity([a, b]);
    } finally {
      a.close();
      b.close();
    }
  });

  it(`2–3 desks, random edits, pushes and pulls: every desk equals hub.row_state (${RUNS} runs)`, async () => {
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 3 }),
        fc.array(operation, { minLength: 5, maxLength: 40 }),
        fc.array(fc.integer({ min: -5_000, max: 50_000 }), { minLength: 3, maxLength: 3 }),
        async (deskCount, ops, skews) => {
          await resetHub();
          const clock = { now: START + 3_600_000 };
          const desks: LocalDatabase[] = [];
          try {
            // Each desk's wall clock is off by its own skew.
            for (let i = 0; i < deskCount; i++) desks.push(await openDesk(clock, skews[i]!));
            for (const op of ops) {
              if (op.kind === 'tick') {
                clock.now += op.ms;
                continue;
              }
              const index = op.desk % deskCount;
              const db = desks[index]!;
              if (op.kind === 'sync') {
                await push(db);
                if (!op.pushOnly) await pull(db);
                continue;
              }
              clock.now += 1;
              edit(db, op, index);
            }
            // Everyone pushes, then everyone pulls everything.
            for (const db of desks) await push(db);
            for (const db of desks) await pull(db);
            await expectParity(desks);
            raised += conflictsOf(desks[0]!).length;
            // One desk settles whatever is still open; once that syncs, no desk shows a conflict and all still agree.
            const settled = settleAll(desks[0]!, ops.length);
            if (settled > 0) {
              await push(desks[0]!);
              for (const db of desks) await pull(db);
              await expectParity(desks);
              for (const db of desks) expect(listConflicts(db, actorOn(db, adminId, practiceId))).toEqual([]);
            }
          } finally {
            for (const db of desks) db.close();
          }
        },
      ),
      { numRuns: RUNS },
    );
    const seconds = (performance.now() - started) / 1000;
    console.info(`hub parity: ${RUNS} runs in ${seconds.toFixed(1)} s, ${raised} conflicts raised, ${resolutions} resolved`);
  }, 60_000 + RUNS * 2_000);
});
