/**
 * Random desk work for the sync property tests: edits of patients and
 * accounts, status moves, payments and registrations, made through the data
 * layer on one desk's database as the services would (one transaction each,
 * captured). Each test adds its own ways for changes to travel.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { LocalDatabase } from '../../electron/db/database';
import { insertSynced, updateSynced } from '../../electron/db/synced-rows';
import { applyRemoteChanges, type ApplyResult } from '../../sync/engine/apply';
import type { PushEntry } from '../../sync/hub/contract';
import { appointmentStatus, APPOINTMENT_STATUSES, visitStatus, VISIT_STATUSES } from '../../shared/domain/reception-status';

/** A small deterministic generator, so one fast-check seed replays one run exactly. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Which of the three desks. */
export const desk = fc.integer({ min: 0, max: 2 });
const text = fc.constantFrom('Alpha', 'Bravo', 'Charlie', 'Delta', null);

/** The desk work, weighted, for `fc.oneof` next to a test's own ways of moving changes. */
export const DESK_WORK = [
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('editPatient' as const), device: desk, pick: fc.nat(), field: fc.constantFrom('first_name', 'notes', 'alerts', 'insurer', 'phone'), value: text }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('editAccount' as const), device: desk, pick: fc.nat(), field: fc.constantFrom('city', 'email', 'notes', 'last_name', 'phone_secondary'), value: text }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('moveVisit' as const), device: desk, pick: fc.nat(), to: fc.constantFrom(...VISIT_STATUSES) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('moveAppointment' as const), device: desk, pick: fc.nat(), to: fc.constantFrom(...APPOINTMENT_STATUSES) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('pay' as const), device: desk, pick: fc.nat(), amount: fc.integer({ min: -500, max: 5000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('register' as const), device: desk, name: fc.constantFrom('Zola', 'Yusuf', 'Xena') }) },
] as const;
export type DeskWork = (typeof DESK_WORK)[number]['arbitrary'] extends fc.Arbitrary<infer T> ? T : never;

export interface WorkContext {
  practiceId: string;
  adminId: string;
  /** "table/id" of every row a desk created: none may be missing anywhere at the end. */
  committed: Set<string>;
}

function pickRow(db: LocalDatabase, table: string, pick: number): Record<string, unknown> | undefined {
  const ids = db.sqlite.prepare(`SELECT id FROM "${table}" ORDER BY id`).pluck().all() as string[];
  if (ids.length === 0) return undefined;
  return db.sqlite.prepare(`SELECT * FROM "${table}" WHERE id = ?`).get(ids[pick % ids.length]) as Record<string, unknown>;
}

/** One piece of desk work on `db`, in one transaction (skipped if the move is not legal from where the row is). */
export function doDeskWork(db: LocalDatabase, op: DeskWork, ctx: WorkContext): void {
  db.transaction(ctx.adminId, () => {
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
        const id = insertSynced(db, 'payment', ctx.practiceId, {
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
          received_by: ctx.adminId,
          received_at: db.isoNow(),
          receipt_number: `R-${op.device}`,
        });
        ctx.committed.add(`payment/${id}`);
        break;
      }
      case 'register': {
        const accountId = insertSynced(db, 'account', ctx.practiceId, { first_name: op.name, last_name: 'New', phone_primary: '021 000 1111' });
        const patientId = insertSynced(db, 'patient', ctx.practiceId, { account_id: accountId, kind: 'human', first_name: op.name, last_name: 'New' });
        ctx.committed.add(`account/${accountId}`).add(`patient/${patientId}`);
        break;
      }
    }
  });
}

/**
 * Deliver `entries` to `db` as a LAN hub or a peer might: a random subset
 * (or everything), some twice, shuffled, in random pages. Every change must
 * be accepted; the result of each page is returned.
 */
export function deliverShuffled(db: LocalDatabase, entries: readonly PushEntry[], random: () => number, everything: boolean): ApplyResult[] {
  let batch = everything ? [...entries] : entries.filter(() => random() < 0.6);
  batch = batch.flatMap((e) => (random() < 0.15 ? [e, e] : [e]));
  for (let i = batch.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [batch[i], batch[j]] = [batch[j]!, batch[i]!];
  }
  const pageSize = 1 + Math.floor(random() * 40);
  const results: ApplyResult[] = [];
  for (let i = 0; i < batch.length; i += pageSize) {
    const result = applyRemoteChanges(db, batch.slice(i, i + pageSize));
    expect(result.rejected).toEqual([]);
    results.push(result);
  }
  return results;
}
