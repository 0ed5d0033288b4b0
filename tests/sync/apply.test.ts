import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LocalDatabase } from '../../electron/db/database';
import { searchPatients } from '../../electron/db/patient-search';
import { insertSynced } from '../../electron/db/synced-rows';
import { editPatient, openChart } from '../../electron/services/patients';
import { takePayment } from '../../electron/services/payments';
import { moveVisit } from '../../electron/services/queue';
import { bookingRefFor } from '../../shared/domain/numbering';
import { updatePatientInput } from '../../shared/schemas/patient';
import { applyRemoteChanges } from '../../sync/engine/apply';
import type { PushEntry } from '../../sync/hub/contract';
import { openReception, type ReceptionPractice } from '../helpers/reception';
import { actorOn, openReplica, outboxOf, searchDocs, syncedSnapshot, type Replica } from './devices';

let a: ReceptionPractice;
let replicas: Replica[];
let practiceId: string;
let adminId: string;

beforeEach(async () => {
  a = await openReception();
  replicas = [];
  const session = await a.admin.call('auth.session', {});
  practiceId = session.practice.id;
  adminId = session.user.id;
});
afterEach(() => {
  replicas.forEach((r) => r.close());
  a.close();
});

async function replica(): Promise<LocalDatabase> {
  const r = await openReplica(() => a.clock.now);
  replicas.push(r);
  return r.db;
}

/** Everything each device wrote, delivered to the other (repeats are harmless). */
function exchange(x: LocalDatabase, y: LocalDatabase): void {
  expect(applyRemoteChanges(y, outboxOf(x)).rejected).toEqual([]);
  expect(applyRemoteChanges(x, outboxOf(y)).rejected).toEqual([]);
}

function patientRow(db: LocalDatabase, id: string): Record<string, unknown> {
  return db.sqlite.prepare('SELECT * FROM patient WHERE id = ?').get(id) as Record<string, unknown>;
}

function editOn(db: LocalDatabase, patientId: string, change: Record<string, unknown>): void {
  const actor = actorOn(db, adminId, practiceId);
  const chart = openChart(db, actor, patientId);
  const input = updatePatientInput.parse({ patientId, patient: { ...chart.patient, ...change } });
  editPatient(db, actor, patientId, input.patient);
}

const tick = (ms = 1000) => {
  a.clock.now += ms;
};

describe('applying remote changes', () => {
  it('gives a fresh device the same synced tables, writes nothing to its outbox, and keeps its patient finder right', async () => {
    const walkIn = await a.admin.call('visits.walkIn', { patientId: a.patients[0]!, serviceTypeId: a.serviceId });
    await a.admin.call('payments.take', { visitId: walkIn.visitId, amountMinor: 10_000, method: 'CASH' });
    const b = await replica();
    const entries = outboxOf(a.core.db);
    let applied = 0;
    for (let i = 0; i < entries.length; i += 25) {
      const page = applyRemoteChanges(b, entries.slice(i, i + 25), { pullCursor: i + 25 });
      expect(page).toMatchObject({ rejected: [], deferred: 0, duplicates: 0 });
      applied += page.applied;
    }
    expect(applied).toBe(entries.length);
    expect(syncedSnapshot(b)).toEqual(syncedSnapshot(a.core.db));
    expect(b.sqlite.prepare('SELECT count(*) FROM sync_log').pluck().get()).toBe(0);
    expect(b.sqlite.prepare("SELECT value FROM sync_meta WHERE key = 'pull_cursor'").pluck().get()).toBe(String(Math.ceil(entries.length / 25) * 25));
    // The search index's triggers are not capture triggers: they fire for synced-in rows too.
    expect(searchDocs(b)).toEqual(searchDocs(a.core.db));
    expect(searchPatients(b, practiceId, 'thandi', 10, true).map((h) => h.patientId)).toEqual([a.patients[0]]);
    expect(searchPatients(b, practiceId, '5550002', 10, true).map((h) => h.patientId)).toEqual([a.patients[1]]);
    // ...and after a synced-in edit of the account holder.
    await a.admin.call('accounts.update', {
      accountId: (await a.admin.call('patients.chart', { patientId: a.patients[2]! })).account.id,
      account: { firstName: 'Aisha', lastName: 'Patel-Khan', phonePrimary: '011 555 0099' },
    });
    applyRemoteChanges(b, outboxOf(a.core.db));
    expect(searchPatients(b, practiceId, 'khan', 10, true).map((h) => h.patientId)).toEqual([a.patients[2]]);
    expect(searchPatients(b, practiceId, '5550099', 10, true).map((h) => h.patientId)).toEqual([a.patients[2]]);
    expect(searchDocs(b)).toEqual(searchDocs(a.core.db));
    // The clock has seen A's changes: B's next change sorts after all of them.
    const newestA = outboxOf(a.core.db).at(-1)!.hlc;
    expect(b.clock.tick() > newestA).toBe(true);
  });

  it('keeps both edits when two devices change different columns of one patient', async () => {
    const b = await replica();
    applyRemoteChanges(b, outboxOf(a.core.db));
    const patientId = a.patients[0]!;
    tick();
    editOn(a.core.db, patientId, { phone: '082 111 2222' });
    editOn(b, patientId, { email: 'thandi@example.test' });
    exchange(a.core.db, b);
    for (const db of [a.core.db, b]) expect(patientRow(db, patientId)).toMatchObject({ phone: '082 111 2222', email: 'thandi@example.test' });
    expect(syncedSnapshot(b)).toEqual(syncedSnapshot(a.core.db));
  });

  it('lets the later clock win when two devices change the same column, whichever arrives first', async () => {
    const b = await replica();
    applyRemoteChanges(b, outboxOf(a.core.db));
    const patientId = a.patients[1]!;
    tick();
    editOn(b, patientId, { phone: '082 000 0001' }); // earlier
    tick();
    editOn(a.core.db, patientId, { phone: '082 000 0002' }); // later
    // B hears first, then A.
    applyRemoteChanges(b, outboxOf(a.core.db));
    applyRemoteChanges(a.core.db, outboxOf(b));
    for (const db of [a.core.db, b]) expect(patientRow(db, patientId).phone).toBe('082 000 0002');
    expect(syncedSnapshot(b)).toEqual(syncedSnapshot(a.core.db));
  });

  it('merges statuses to the furthest state: COMPLETED on one desk beats CALLED on another at a later clock', async () => {
    const walkIn = await a.admin.call('visits.walkIn', { patientId: a.patients[0]!, serviceTypeId: a.serviceId });
    const b = await replica();
    applyRemoteChanges(b, outboxOf(a.core.db));
    tick();
    for (const to of ['CALLED', 'IN_PROGRESS', 'PENDING_PAYMENT'] as const) await a.admin.call('visits.move', { visitId: walkIn.visitId, to });
    await a.admin.call('payments.take', { visitId: walkIn.visitId, amountMinor: 45_000, method: 'CARD' });
    const statusOn = (db: LocalDatabase) => db.sqlite.prepare('SELECT status FROM visit WHERE id = ?').pluck().get(walkIn.visitId);
    expect(statusOn(a.core.db)).toBe('COMPLETED'); // paid in full: finishing completed it
    tick(5000);
    moveVisit(b, actorOn(b, adminId, practiceId), { visitId: walkIn.visitId, to: 'CALLED' });
    expect(statusOn(b)).toBe('CALLED');
    const lastVisitHlc = (db: LocalDatabase) =>
      db.sqlite.prepare("SELECT hlc FROM sync_log WHERE table_name = 'visit' AND row_id = ? ORDER BY seq DESC LIMIT 1").pluck().get(walkIn.visitId) as string;
    expect(lastVisitHlc(b) > lastVisitHlc(a.core.db)).toBe(true);
    exchange(a.core.db, b);
    for (const db of [a.core.db, b]) expect(statusOn(db)).toBe('COMPLETED');
    expect(syncedSnapshot(b)).toEqual(syncedSnapshot(a.core.db));
  });

  it('keeps every payment from every device exactly once, however often they are delivered', async () => {
    const walkIn = await a.admin.call('visits.walkIn', { patientId: a.patients[2]!, serviceTypeId: a.serviceId });
    const b = await replica();
    applyRemoteChanges(b, outboxOf(a.core.db));
    tick();
    await a.admin.call('payments.take', { visitId: walkIn.visitId, amountMinor: 10_000, method: 'CASH' });
    takePayment(b, actorOn(b, adminId, practiceId), { visitId: walkIn.visitId, amountMinor: 20_000, method: 'CARD', reference: null });
    exchange(a.core.db, b);
    exchange(a.core.db, b);
    exchange(b, a.core.db);
    for (const db of [a.core.db, b]) {
      const amounts = db.sqlite.prepare('SELECT amount_minor FROM payment WHERE visit_id = ? ORDER BY amount_minor').pluck().all(walkIn.visitId);
      expect(amounts).toEqual([10_000, 20_000]);
    }
    expect(syncedSnapshot(b)).toEqual(syncedSnapshot(a.core.db));
  });

  it('is unmoved by duplicated and reordered deliveries', async () => {
    const walkIn = await a.admin.call('visits.walkIn', { patientId: a.patients[1]!, serviceTypeId: a.serviceId });
    await a.admin.call('visits.move', { visitId: walkIn.visitId, to: 'CALLED' });
    editOn(a.core.db, a.patients[1]!, { notes: 'Prefers mornings' });
    const entries = outboxOf(a.core.db);
    const b = await replica();
    const scrambled = [...entries].reverse().flatMap((e, i) => (i % 3 === 0 ? [e, e] : [e]));
    let applied = 0;
    let duplicates = 0;
    for (let i = 0; i < scrambled.length; i += 17) {
      const page = applyRemoteChanges(b, scrambled.slice(i, i + 17));
      expect(page.rejected).toEqual([]);
      applied += page.applied + page.deferred;
      duplicates += page.duplicates;
    }
    expect(applied).toBe(entries.length);
    expect(duplicates).toBe(scrambled.length - entries.length);
    expect(b.sqlite.prepare('SELECT count(*) FROM sync_unapplied').pluck().get()).toBe(0);
    expect(syncedSnapshot(b)).toEqual(syncedSnapshot(a.core.db));
    // Delivering it all again changes nothing.
    const again = applyRemoteChanges(b, entries);
    expect(again).toMatchObject({ applied: 0, duplicates: entries.length, rowsWritten: 0 });
    // A's own changes coming back are ignored.
    expect(applyRemoteChanges(a.core.db, entries)).toMatchObject({ applied: 0, duplicates: entries.length, rowsWritten: 0 });
  });

  it('holds a child that arrives before its parent, and writes it once the parent lands in a later page', async () => {
    const { patientId } = await a.admin.call('patients.register', {
      account: { newAccount: { firstName: 'Lerato', lastName: 'Dube', phonePrimary: '011 555 0042' } },
      patient: { firstName: 'Lerato', lastName: 'Dube' },
      allergies: [{ allergen: 'Latex', severity: 'moderate' }],
    });
    editOn(a.core.db, patientId, { phone: '082 999 0000' });
    const entries = outboxOf(a.core.db);
    const b = await replica();
    const isChild = (e: PushEntry) => e.row_id === patientId || e.table_name === 'allergy';
    const children = entries.filter(isChild);
    const first = applyRemoteChanges(b, children);
    expect(first.deferred).toBe(children.length);
    expect(first.applied).toBe(0);
    const waiting = b.sqlite.prepare('SELECT table_name, reason FROM sync_unapplied ORDER BY table_name').all() as { table_name: string; reason: string }[];
    expect(waiting.map((w) => w.table_name)).toEqual(['allergy', 'patient']);
    expect(waiting.every((w) => /FOREIGN KEY/.test(w.reason))).toBe(true);
    expect(patientRow(b, patientId)).toBeUndefined();

    const rest = applyRemoteChanges(b, entries.filter((e) => !isChild(e)));
    expect(rest).toMatchObject({ rejected: [], rowsWaiting: 0 });
    expect(b.sqlite.prepare('SELECT count(*) FROM sync_unapplied').pluck().get()).toBe(0);
    expect(patientRow(b, patientId)).toMatchObject({ first_name: 'Lerato', phone: '082 999 0000' });
    expect(syncedSnapshot(b)).toEqual(syncedSnapshot(a.core.db));
    expect(searchPatients(b, practiceId, 'lerato', 10, true).map((h) => h.patientId)).toEqual([patientId]);
  });

  it('waits for the insert when only updates of a row have arrived', async () => {
    editOn(a.core.db, a.patients[0]!, { notes: 'Needs an interpreter' });
    const entries = outboxOf(a.core.db);
    const b = await replica();
    const patientUpdates = entries.filter((e) => e.row_id === a.patients[0] && e.op === 'update');
    expect(applyRemoteChanges(b, patientUpdates)).toMatchObject({ deferred: patientUpdates.length, rowsWaiting: 1 });
    expect(b.sqlite.prepare('SELECT reason FROM sync_unapplied').pluck().get()).toMatch(/waiting for the insert/);
    applyRemoteChanges(b, entries);
    expect(patientRow(b, a.patients[0]!).notes).toBe('Needs an interpreter');
    expect(syncedSnapshot(b)).toEqual(syncedSnapshot(a.core.db));
  });

  it('rejects malformed changes with a reason and applies the rest of the page', async () => {
    const entries = outboxOf(a.core.db);
    const good = entries[0]!;
    const payment = { ...good, table_name: 'payment', op: 'update' as const };
    const bad: unknown[] = [
      { ...good, device_seq: 900_001, table_name: 'user_credential' },
      { ...good, device_seq: 900_002, hlc: 'yesterday' },
      { ...good, device_seq: 900_003, op: 'delete' },
      { ...good, device_seq: 900_004, changes: ['not', 'an', 'object'] },
      { ...good, device_seq: 900_005, changes: { name: { nested: true } } },
      { ...payment, device_seq: 900_006 },
      { ...good, device_seq: 900_007, device_id: 'someone-else' },
      { ...good, device_seq: 900_008, table_name: 'visit', op: 'update', changes: { status: 'TELEPORTED' } },
      { ...good, device_seq: 900_009, changes: { ...good.changes, id: 'another-row' } },
      'not even an object',
    ];
    const b = await replica();
    const page = [...entries.slice(0, 10), ...bad, ...entries.slice(10)];
    const result = applyRemoteChanges(b, page);
    expect(result.applied).toBe(entries.length);
    expect(result.rejected.map((r) => r.change)).toEqual(bad);
    const reasons = result.rejected.map((r) => r.reason);
    expect(reasons[0]).toMatch(/table_name: not a synced table/);
    expect(reasons[1]).toMatch(/hlc: not a hybrid logical clock/);
    expect(reasons[2]).toMatch(/^op:/);
    expect(reasons[3]).toMatch(/^changes/);
    expect(reasons[4]).toMatch(/^changes\.name/);
    expect(reasons[5]).toMatch(/payment is append-only/);
    expect(reasons[6]).toMatch(/HLC was not made by device_id/);
    expect(reasons[7]).toMatch(/changes\.status: not a visit status/);
    expect(reasons[8]).toMatch(/changes\.id is not row_id/);
    expect(reasons[9]).toBeTruthy();
    expect(syncedSnapshot(b)).toEqual(syncedSnapshot(a.core.db));
    // A different change claiming an already-received (device, seq) is refused, the stored one kept.
    const forged = { ...good, changes: { ...good.changes, name: 'Forged' } };
    expect(applyRemoteChanges(b, [forged]).rejected[0]?.reason).toMatch(/already received with different content/);
  });

  it('settles a booking-reference clash by the rule on both desks (the higher id moves), instead of failing or holding the page', async () => {
    const b = await replica();
    applyRemoteChanges(b, outboxOf(a.core.db));
    const booking = (db: LocalDatabase) =>
      db.transaction(adminId, () =>
        insertSynced(db, 'appointment', practiceId, {
          booking_ref: 'RB-CLASH',
          patient_id: a.patients[0]!,
          practitioner_id: a.doctorId,
          room_id: null,
          service_type_id: a.serviceId,
          start_at: '2026-11-26T08:00:00.000Z',
          end_at: '2026-11-26T08:30:00.000Z',
          clinic_day: '2026-11-26',
          status: 'CONFIRMED',
          source: 'PHONE',
          notes: null,
          cancel_reason: null,
          override_reason: null,
          recurrence_id: null,
          recurrence_index: null,
          created_by: adminId,
          status_changed_at: db.isoNow(),
        }),
      );
    const fromA = booking(a.core.db);
    const fromB = booking(b);
    expect(fromB > fromA).toBe(true);
    const refOf = (db: LocalDatabase, id: string) => db.sqlite.prepare('SELECT booking_ref FROM appointment WHERE id = ?').pluck().get(id);
    const outboxBefore = outboxOf(b).length;

    // B holds the reference with the higher id: B's own appointment moves, as a change of B's that syncs.
    const result = applyRemoteChanges(b, outboxOf(a.core.db));
    expect(result).toMatchObject({ rejected: [], rowsWaiting: 0, deferred: 0 });
    expect([refOf(b, fromA), refOf(b, fromB)]).toEqual(['RB-CLASH', bookingRefFor(fromB, 1)]);
    expect(outboxOf(b).slice(outboxBefore)).toEqual([expect.objectContaining({ table_name: 'appointment', row_id: fromB, op: 'update', changes: expect.objectContaining({ booking_ref: bookingRefFor(fromB, 1) }) })]);

    // A meets B's original booking first (the higher id arriving): A moves it to the same reference.
    applyRemoteChanges(a.core.db, outboxOf(b).slice(0, outboxBefore));
    expect([refOf(a.core.db, fromA), refOf(a.core.db, fromB)]).toEqual(['RB-CLASH', bookingRefFor(fromB, 1)]);
    expect(a.core.db.sqlite.prepare('SELECT count(*) FROM sync_unapplied').pluck().get()).toBe(0);
    // Then B's own move arrives: the same value, and both desks hold the same rows.
    applyRemoteChanges(a.core.db, outboxOf(b));
    applyRemoteChanges(b, outboxOf(a.core.db));
    expect(syncedSnapshot(a.core.db).appointment).toEqual(syncedSnapshot(b).appointment);
  });

  it('lets an edit made on top of a day-fast desk\'s version win, on both desks, without dragging the clock a day ahead', async () => {
    const fast = await openReplica(() => a.clock.now + 24 * 3_600_000); // this desk's clock is a day fast
    replicas.push(fast);
    const b = fast.db;
    exchange(a.core.db, b);
    tick();
    editOn(b, a.patients[0]!, { firstName: 'Thandiwe' }); // stamped tomorrow
    exchange(b, a.core.db);
    expect(patientRow(a.core.db, a.patients[0]!).first_name).toBe('Thandiwe');
    tick();
    // The reception desk corrects it, on top of the fast desk's version.
    editOn(a.core.db, a.patients[0]!, { firstName: 'Thandi' });
    const last = outboxOf(a.core.db).filter((e) => e.table_name === 'patient').at(-1)!;
    const fastStamp = outboxOf(b).filter((e) => e.table_name === 'patient').at(-1)!.hlc;
    expect(last.hlc > fastStamp).toBe(true);
    exchange(a.core.db, b);
    expect(patientRow(a.core.db, a.patients[0]!).first_name).toBe('Thandi');
    expect(patientRow(b, a.patients[0]!).first_name).toBe('Thandi');
    expect(syncedSnapshot(b)).toEqual(syncedSnapshot(a.core.db));
    // Other rows are still stamped on this desk's own clock, not tomorrow's.
    tick();
    editOn(a.core.db, a.patients[1]!, { firstName: 'Piet' });
    expect(Date.parse(outboxOf(a.core.db).filter((e) => e.table_name === 'patient').at(-1)!.hlc.slice(0, 24))).toBeLessThan(a.clock.now + 120_000);
  });
});
