/**
 * Two desks of one practice, both offline, edit the same and different rows;
 * then they reconnect through a real hub (embedded Postgres, supabase-js), in
 * either order. Both desks and the hub end identical; concurrent edits of a
 * clinical text are both kept and raise one conflict, with the same id on
 * both desks; every payment is there once. Resolving the conflict on one
 * desk is a change like any other: after sync the other desk shows the
 * resolved text and the conflict resolved, and the hub agrees.
 */
import { join } from 'node:path';
import { copyFileSync } from 'node:fs';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalDatabase } from '../../electron/db/database';
import { updateSynced } from '../../electron/db/synced-rows';
import type { Actor } from '../../electron/services/actor';
import { saveChartRecord } from '../../electron/services/chart-records';
import { countConflicts, listConflicts, resolveConflict } from '../../electron/services/conflicts';
import { takePayment } from '../../electron/services/payments';
import { checkIn, moveVisit } from '../../electron/services/queue';
import type { Role } from '../../shared/domain/roles';
import { chartRecordInput } from '../../shared/schemas/patient';
import { resolveConflictInput } from '../../shared/schemas/conflicts';
import { moveVisitInput, takePaymentInput } from '../../shared/schemas/reception';
import { applyRemoteChanges } from '../../sync/engine/apply';
import { useHub } from '../helpers/hub';
import { openReception } from '../helpers/reception';
import { tempDir } from '../helpers/temp-dir';
import { actorOn, outboxOf, syncedSnapshot } from './devices';
import { conflictRows, deviceTables, hubTables, pullAll, pushAll } from './hub-sync';

const START = Date.parse('2026-11-25T07:00:00Z');
const hub = useHub();
let work: { path: string; remove(): void };
let template: string;
let practiceId: string;
let adminId: string;
let doctorId: string;
let seed: { patientId: string; historyId: string; visitId: string; appointmentId: string; secondVisitId: string };
let seedEntries: ReturnType<typeof outboxOf>;
let member: SupabaseClient;
let run = 0;

beforeAll(async () => {
  work = tempDir('practice-desk-conflicts-');
  const desk = await openReception(START);
  const session = await desk.admin.call('auth.session', {});
  practiceId = session.practice.id;
  adminId = session.user.id;
  doctorId = desk.doctorId;
  const patientId = desk.patients[0]!;
  const { id: historyId } = await desk.admin.call('chart.saveRecord', {
    kind: 'medicalHistory',
    patientId,
    fields: { condition: 'Asthma', status: 'active', notes: 'Asthma since childhood.' },
  });
  const { visitId } = await desk.admin.call('visits.walkIn', { patientId, serviceTypeId: desk.serviceId });
  const { visitId: secondVisitId } = await desk.admin.call('visits.walkIn', { patientId: desk.patients[1]!, serviceTypeId: desk.serviceId });
  const booking = await desk.admin.call('appointments.book', {
    patientId: desk.patients[2]!,
    practitionerId: desk.doctorId,
    serviceTypeId: desk.serviceId,
    start: '2026-11-25T14:00',
  });
  seed = { patientId, historyId, visitId, appointmentId: booking.appointmentIds[0]!, secondVisitId };
  seedEntries = outboxOf(desk.core.db);
  desk.close();

  // The practice as every desk holds it before going offline, without a device id (each copy makes its own).
  template = join(work.path, 'template.sqlite');
  const t = await LocalDatabase.open(template, { now: () => START });
  expect(applyRemoteChanges(t, seedEntries)).toMatchObject({ rejected: [], rowsWaiting: 0 });
  t.sqlite.prepare('DELETE FROM device').run();
  t.close();
  await hub().createPractice(practiceId, 'Rosebank Family Practice');
  // Both desks push everything the practice does, setup and clinical notes included: an admin's hub account (hub 0010).
  ({ client: member } = await hub().member('desks@rosebank.test', practiceId, 'admin'));
}, 120_000);
afterAll(() => work?.remove());

async function resetHub(): Promise<void> {
  await hub().admin.query('TRUNCATE hub.change, hub.row_state');
  const { error } = await member.rpc('sync_push', { batch: seedEntries });
  expect(error).toBeNull();
}

async function openDesk(clock: { now: number }): Promise<LocalDatabase> {
  const path = join(work.path, `desk-${++run}.sqlite`);
  copyFileSync(template, path);
  return LocalDatabase.open(path, { now: () => clock.now });
}

const as = (db: LocalDatabase, userId: string, role: Role): Actor => ({ ...actorOn(db, userId, practiceId), role });

function editHistory(db: LocalDatabase, actor: Actor, notes: string): void {
  saveChartRecord(db, actor, chartRecordInput.parse({
    kind: 'medicalHistory', patientId: seed.patientId, id: seed.historyId, fields: { condition: 'Asthma', status: 'active', notes },
  }) as never);
}

async function expectAllIdentical(desks: LocalDatabase[]): Promise<void> {
  const expected = await hubTables(hub(), practiceId);
  for (const db of desks) {
    expect(db.sqlite.prepare('SELECT count(*) FROM sync_unapplied').pluck().get()).toBe(0);
    expect(deviceTables(db)).toEqual(expected);
  }
  expect(syncedSnapshot(desks[0]!)).toEqual(syncedSnapshot(desks[1]!));
  expect(conflictRows(desks[0]!)).toEqual(conflictRows(desks[1]!));
}

describe.each([
  ['desk 1 reconnects first', [0, 1] as const],
  ['desk 2 reconnects first', [1, 0] as const],
])('two desks offline, then %s', (_name, order) => {
  it('end identical with the hub; both clinical texts kept, one conflict with one id; every payment once; a resolution syncs', async () => {
    await resetHub();
    const clock = { now: START + 3_600_000 };
    const desks = [await openDesk(clock), await openDesk(clock)];
    const [one, two] = desks as [LocalDatabase, LocalDatabase];
    try {
      const deskText = 'Asthma since childhood. Salbutamol 2 puffs as needed.';
      const laptopText = 'Asthma since childhood. Allergic to aspirin (wheeze).';
      const before = one.sqlite.prepare('SELECT count(*) FROM payment').pluck().get() as number;

      // Desk 1, offline.
      const admin1 = as(one, adminId, 'admin');
      clock.now += 1_000;
      one.transaction(adminId, () => updateSynced(one, 'patient', seed.patientId, { phone: '082 555 0101' }));
      editHistory(one, as(one, doctorId, 'doctor'), deskText);
      checkIn(one, admin1, seed.appointmentId);
      moveVisit(one, admin1, moveVisitInput.parse({ visitId: seed.visitId, to: 'CALLED' }));
      takePayment(one, admin1, takePaymentInput.parse({ visitId: seed.visitId, amountMinor: 20_000, method: 'CASH' }));

      // Desk 2, offline, a little later by its clock.
      const admin2 = as(two, adminId, 'admin');
      clock.now += 1_000;
      two.transaction(adminId, () => updateSynced(two, 'patient', seed.patientId, { email: 'thandi@example.test' }));
      editHistory(two, as(two, doctorId, 'doctor'), laptopText);
      moveVisit(two, admin2, moveVisitInput.parse({ visitId: seed.secondVisitId, to: 'CALLED' }));
      moveVisit(two, admin2, moveVisitInput.parse({ visitId: seed.visitId, to: 'CALLED' }));
      takePayment(two, admin2, takePaymentInput.parse({ visitId: seed.visitId, amountMinor: 25_000, method: 'CARD' }));

      // Reconnect: the first pushes and pulls, then the second, then the first pulls again.
      const [first, second] = [desks[order[0]]!, desks[order[1]]!];
      await pushAll(first, member);
      await pullAll(first, member);
      await pushAll(second, member);
      await pullAll(second, member);
      await pullAll(first, member);
      await expectAllIdentical(desks);

      // Demographics: both columns won.
      const patient = one.sqlite.prepare('SELECT phone, email FROM patient WHERE id = ?').get(seed.patientId);
      expect(patient).toEqual({ phone: '082 555 0101', email: 'thandi@example.test' });
      // Every payment once.
      expect(one.sqlite.prepare('SELECT count(*) FROM payment').pluck().get()).toBe(before + 2);
      expect(one.sqlite.prepare('SELECT sum(amount_minor) FROM payment WHERE visit_id = ?').pluck().get(seed.visitId)).toBe(45_000);
      expect(one.sqlite.prepare('SELECT status FROM appointment WHERE id = ?').pluck().get(seed.appointmentId)).toBe('CHECKED_IN');

      // One conflict, the same on both desks, with both texts; the field shows the newer one meanwhile.
      const open = conflictRows(one).filter((c) => c.state === 'open');
      expect(open).toHaveLength(1);
      expect(open[0]).toMatchObject({ table_name: 'medical_history', row_id: seed.historyId, column_name: 'notes', kind: 'clinical-text' });
      const doctor1 = as(one, doctorId, 'doctor');
      const [shown] = listConflicts(one, doctor1);
      expect(shown!.id).toBe(open[0]!.id);
      expect(shown!.versions.map((v) => v.value)).toEqual([deskText, laptopText]);
      expect(shown!.versions.every((v) => v.authorName === 'Dr Mokoena')).toBe(true);
      expect(shown!.patientId).toBe(seed.patientId);
      expect(listConflicts(two, as(two, doctorId, 'doctor')).map((c) => c.id)).toEqual([shown!.id]);
      expect(one.sqlite.prepare('SELECT notes FROM medical_history WHERE id = ?').pluck().get(seed.historyId)).toBe(laptopText);

      // Clinical text is settled by a clinician: a manager neither sees it nor may settle it.
      const manager1 = as(one, adminId, 'manager');
      expect(listConflicts(one, manager1)).toEqual([]);
      expect(countConflicts(one, manager1)).toEqual({ open: 0 });
      expect(() => resolveConflict(one, manager1, resolveConflictInput.parse({ conflictId: shown!.id, choice: 'keep', version: shown!.versions[0]!.hlc }))).toThrow(
        expect.objectContaining({ kind: 'forbidden' }),
      );

      // Desk 1's doctor combines both; desk 2 sees it after sync.
      const combined = 'Asthma since childhood. Salbutamol 2 puffs as needed. Allergic to aspirin (wheeze).';
      clock.now += 1_000;
      const resolved = resolveConflict(one, doctor1, resolveConflictInput.parse({ conflictId: shown!.id, choice: 'combine', text: combined }));
      expect(resolved).toMatchObject({ id: shown!.id, state: 'resolved', resolvedValue: combined, resolvedByName: 'Dr Mokoena' });
      expect(countConflicts(one, doctor1)).toEqual({ open: 0 });
      await pushAll(one, member);
      await pullAll(two, member);
      await pullAll(one, member);
      expect(two.sqlite.prepare('SELECT notes FROM medical_history WHERE id = ?').pluck().get(seed.historyId)).toBe(combined);
      expect(conflictRows(two)).toEqual([expect.objectContaining({ id: shown!.id, state: 'resolved', resolved_by: doctorId })]);
      expect(listConflicts(two, as(two, doctorId, 'doctor'))).toEqual([]);
      await expectAllIdentical(desks);
      // The resolution is audited on the desk that made it.
      const audit = one.sqlite.prepare("SELECT after_json FROM audit_log WHERE entity_type = 'medical_history' ORDER BY at DESC LIMIT 1").pluck().get() as string;
      expect(JSON.parse(audit)).toEqual({ notes: combined, conflictId: shown!.id, choice: 'combine' });
    } finally {
      for (const db of desks) db.close();
    }
  });
});

describe('two different end states of a visit', () => {
  it('raise a status conflict on both desks; a manager keeps the one not shown, and the hub agrees', async () => {
    await resetHub();
    const clock = { now: START + 3_600_000 };
    const desks = [await openDesk(clock), await openDesk(clock)];
    const [one, two] = desks as [LocalDatabase, LocalDatabase];
    try {
      const admin1 = as(one, adminId, 'admin');
      clock.now += 1_000;
      takePayment(one, admin1, takePaymentInput.parse({ visitId: seed.visitId, amountMinor: 45_000, method: 'CARD' }));
      for (const to of ['CALLED', 'IN_PROGRESS', 'PENDING_PAYMENT'] as const) moveVisit(one, admin1, moveVisitInput.parse({ visitId: seed.visitId, to }));
      expect(one.sqlite.prepare('SELECT status FROM visit WHERE id = ?').pluck().get(seed.visitId)).toBe('COMPLETED');
      clock.now += 1_000;
      moveVisit(two, as(two, adminId, 'admin'), moveVisitInput.parse({ visitId: seed.visitId, to: 'CANCELLED' }));

      await pushAll(one, member);
      await pushAll(two, member);
      await pullAll(one, member);
      await pullAll(two, member);
      await expectAllIdentical(desks);

      // Until someone decides, every node shows the same one (the smaller name).
      expect(two.sqlite.prepare('SELECT status FROM visit WHERE id = ?').pluck().get(seed.visitId)).toBe('CANCELLED');
      const manager2 = as(two, adminId, 'manager');
      const [shown] = listConflicts(two, manager2);
      expect(shown).toMatchObject({ kind: 'status', table: 'visit', column: 'status', rowId: seed.visitId });
      expect(shown!.versions.map((v) => v.value)).toEqual(['COMPLETED', 'CANCELLED']);
      expect(listConflicts(one, as(one, adminId, 'manager')).map((c) => c.id)).toEqual([shown!.id]);
      // Not a clinician's call.
      expect(listConflicts(two, as(two, doctorId, 'doctor'))).toEqual([]);
      expect(() => resolveConflictInput.parse({ conflictId: shown!.id, choice: 'combine', text: 'x' })).not.toThrow();
      expect(() => resolveConflict(two, manager2, resolveConflictInput.parse({ conflictId: shown!.id, choice: 'combine', text: 'x' }))).toThrow();

      clock.now += 1_000;
      const completed = shown!.versions.find((v) => v.value === 'COMPLETED')!;
      resolveConflict(two, manager2, resolveConflictInput.parse({ conflictId: shown!.id, choice: 'keep', version: completed.hlc }));
      expect(two.sqlite.prepare('SELECT status FROM visit WHERE id = ?').pluck().get(seed.visitId)).toBe('COMPLETED');
      await pushAll(two, member);
      await pullAll(one, member);
      await pullAll(two, member);
      await expectAllIdentical(desks);
      expect(one.sqlite.prepare('SELECT status FROM visit WHERE id = ?').pluck().get(seed.visitId)).toBe('COMPLETED');
      const { rows } = await hub().admin.query<{ status: string }>(
        "SELECT data ->> 'status' AS status FROM hub.row_state WHERE practice_id = $1 AND table_name = 'visit' AND row_id = $2",
        [practiceId, seed.visitId],
      );
      expect(rows[0]?.status).toBe('COMPLETED');
      expect(conflictRows(one)).toEqual([expect.objectContaining({ id: shown!.id, state: 'resolved', resolved_value: '"COMPLETED"' })]);
    } finally {
      for (const db of desks) db.close();
    }
  });
});
