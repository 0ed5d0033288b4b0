/**
 * Duplicates and patient merge across devices, through the real hub
 * (embedded Postgres, supabase-js): two desks cut off from each other each
 * register the same cat (same microchip) and book it; after syncing both
 * list the same pair under the same id; a manager merges on desk 1; desk 2,
 * still offline, books a walk-in for the cat it registered; after syncing
 * every row is under the survivor on both desks, the old id redirects, and
 * the hub and both desks hold identical synced tables.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalDatabase } from '../../electron/db/database';
import { duplicatePairId } from '../../electron/db/duplicate-pairs';
import type { Actor } from '../../electron/services/actor';
import { bookAppointment } from '../../electron/services/booking';
import { listDuplicates } from '../../electron/services/patient-merge';
import { findPatients, openChart, registerPatient } from '../../electron/services/patients';
import { registerWalkIn } from '../../electron/services/queue';
import { registerPatientInput } from '../../shared/schemas/patient';
import { bookAppointmentInput, walkInInput } from '../../shared/schemas/reception';
import { entriesToPush } from '../../sync/engine/outbox';
import { SYNCED_TABLE_NAMES } from '../../sync/engine/table-rules';
import { useHub } from '../helpers/hub';
import { FELINE_HOSPITAL, openTestPractice, type TestPractice } from '../helpers/practice';
import { actorOn, openReplica, type Replica } from './devices';
import { deviceTables, hubTables, pullAll, pushAll } from './hub-sync';

const hub = useHub();
const clock = { now: Date.parse('2026-11-25T14:00:00Z') };
const CHIP = '985000000000777';

let desk1: TestPractice;
let desk2: Replica;
let member: SupabaseClient;
let practiceId = '';
let actor1: Actor;
let actor2: Actor;
let doctorId = '';
let serviceId = '';

/** Both desks push, then both pull, until neither has anything left to send. */
async function syncBoth(): Promise<void> {
  const dbs = [desk1.core.db, desk2.db];
  for (let round = 0; round < 5; round++) {
    for (const db of dbs) await pushAll(db, member);
    for (const db of dbs) await pullAll(db, member);
    if (dbs.every((db) => entriesToPush(db, 1).length === 0)) return;
  }
  throw new Error('the desks did not settle');
}

function registerCat(db: LocalDatabase, actor: Actor, owner: [string, string, string]): string {
  return registerPatient(
    db,
    actor,
    registerPatientInput.parse({
      account: { newAccount: { firstName: owner[0], lastName: owner[1], phonePrimary: owner[2] } },
      patient: { firstName: 'Whiskers', species: 'Cat', microchipNumber: CHIP },
      acknowledgeDuplicates: true,
    }),
  ).patientId;
}

function book(db: LocalDatabase, actor: Actor, patientId: string, start: string): string {
  return bookAppointment(db, actor, bookAppointmentInput.parse({ patientId, practitionerId: doctorId, serviceTypeId: serviceId, start })).appointmentIds[0]!;
}

const appointmentsOf = (db: LocalDatabase, patientId: string) =>
  db.sqlite.prepare('SELECT id FROM appointment WHERE patient_id = ? ORDER BY id').pluck().all(patientId) as string[];

beforeAll(async () => {
  desk1 = await openTestPractice(FELINE_HOSPITAL, () => clock.now);
  const admin = desk1.admin;
  const session = await admin.call('auth.session', {});
  practiceId = session.practice.id;
  await admin.call('staff.add', { email: 'dr.lee@lenox.test', displayName: 'Dr Lee', password: 'a long enough password', role: 'doctor' });
  doctorId = (await admin.call('staff.list', {})).find((s) => s.role === 'doctor')!.userId;
  ({ id: serviceId } = await admin.call('reception.saveServiceType', {
    fields: { name: 'Check-up', durationMinutes: 30, priceMinor: 6_500, practitionerShareBp: 5_000 },
  }));
  const workingHours = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: '08:00', end: '18:00' }));
  await admin.call('reception.savePractitioner', { userId: doctorId, serviceTypeIds: [serviceId], workingHours });

  await hub().createPractice(practiceId, FELINE_HOSPITAL.practice.name);
  ({ client: member } = await hub().member('desk@lenox.test', practiceId, 'admin'));
  await pushAll(desk1.core.db, member);
  desk2 = await openReplica(() => clock.now);
  await pullAll(desk2.db, member);
  actor1 = actorOn(desk1.core.db, session.user.id, practiceId);
  actor2 = actorOn(desk2.db, session.user.id, practiceId);
}, 120_000);

afterAll(() => {
  desk2?.close();
  desk1?.close();
});

describe('the same cat registered on two desks', () => {
  let survivor = '';
  let merged = '';
  let pairId = '';
  let walkInVisit = '';

  it('applies on both desks and is listed as the same pair, with the same id, on each', async () => {
    // Cut off from each other, each desk registers the cat and books it.
    survivor = registerCat(desk1.core.db, actor1, ['Olga', 'Petrova', '212 555 0101']);
    book(desk1.core.db, actor1, survivor, '2026-11-26T10:00');
    merged = registerCat(desk2.db, actor2, ['Olga', 'Petrov', '646 555 0199']);
    book(desk2.db, actor2, merged, '2026-11-26T11:00');
    await syncBoth();

    for (const db of [desk1.core.db, desk2.db]) expect(db.sqlite.prepare('SELECT count(*) FROM sync_unapplied').pluck().get()).toBe(0);
    pairId = duplicatePairId(survivor, merged);
    const onDesk1 = await desk1.admin.call('duplicates.list', {});
    const onDesk2 = listDuplicates(desk2.db, actor2);
    expect(onDesk1.map((p) => [p.id, p.reasons])).toEqual([[pairId, ['microchip']]]);
    expect(onDesk2).toEqual(onDesk1);
  });

  it('merged by a manager on desk 1 while desk 2 books the merged cat offline: every row ends under the survivor everywhere', async () => {
    const manager = await desk1.staffClient('manager');
    const view = await manager.call('duplicates.compare', { patientAId: survivor, patientBId: merged });
    expect(view.b.counts.appointments).toBe(1);
    await manager.call('duplicates.merge', { survivorId: survivor, mergedId: merged, keep: { accountId: 'survivor' } });

    // Desk 2 has not heard of the merge yet.
    walkInVisit = registerWalkIn(desk2.db, actor2, walkInInput.parse({ patientId: merged, serviceTypeId: serviceId })).visitId;
    await syncBoth();

    for (const db of [desk1.core.db, desk2.db]) {
      const actor = db === desk2.db ? actor2 : actor1;
      expect(findPatients(db, actor, { query: 'Whiskers', limit: 10, includeInactive: true }).map((h) => h.patientId)).toEqual([survivor]);
      expect(appointmentsOf(db, survivor)).toHaveLength(2);
      expect(appointmentsOf(db, merged)).toEqual([]);
      expect(db.sqlite.prepare('SELECT patient_id FROM visit WHERE id = ?').pluck().get(walkInVisit)).toBe(survivor);
      expect(db.sqlite.prepare('SELECT count(*) FROM visit WHERE patient_id = ?').pluck().get(merged)).toBe(0);
      expect(db.sqlite.prepare('SELECT patient_id FROM queue_card WHERE visit_id = ?').pluck().get(walkInVisit)).toBe(survivor);
      const chart = openChart(db, actor, merged);
      expect([chart.patient.id, chart.redirectedFrom]).toEqual([survivor, merged]);
      expect(listDuplicates(db, actor)).toEqual([]);
      expect(db.sqlite.prepare('SELECT count(*) FROM sync_unapplied').pluck().get()).toBe(0);
    }
  });

  it('leaves the hub and both desks identical in every synced table', async () => {
    await syncBoth(); // the chart openings above were audited
    const hubState = await hubTables(hub(), practiceId);
    const one = deviceTables(desk1.core.db);
    const two = deviceTables(desk2.db);
    for (const table of SYNCED_TABLE_NAMES) {
      expect(one[table], `desk 1 ${table}`).toEqual(hubState[table]);
      expect(two[table], `desk 2 ${table}`).toEqual(hubState[table]);
    }
    expect((hubState.patient![merged] as { merged_into_id: string }).merged_into_id).toBe(survivor);
  });
});
