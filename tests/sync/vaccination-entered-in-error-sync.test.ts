/**
 * A vaccination marked "entered in error" between two desks through the real
 * hub (embedded Postgres, gateway, supabase-js): a dose recorded on one desk
 * and marked on the other arrives marked; and a dose both desks mark while
 * apart, each with its own who/when/why, ends with the later mark on both
 * desks and the hub (last writer wins), nothing left waiting.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../electron/services/actor';
import { enterVaccinationInError, recordVaccination, vaccinationsDue, vaccinationsForPatient } from '../../electron/services/vaccinations';
import { enterVaccinationInErrorInput, recordVaccinationInput, vaccinationsDueInput } from '../../shared/schemas/prescribing';
import { entriesToPush } from '../../sync/engine/outbox';
import { useHub } from '../helpers/hub';
import { FELINE_HOSPITAL, openTestPractice, type TestPractice } from '../helpers/practice';
import { actorOn, openReplica, type Replica } from './devices';
import { deviceTables, hubTables, pullAll, pushAll } from './hub-sync';

const hub = useHub();
const clock = { now: Date.parse('2026-11-25T14:00:00Z') };

let deskA: TestPractice;
let deskB: Replica;
let member: SupabaseClient;
let practiceId = '';
let catId = '';
let lee: Actor;
let patel: Actor;

const dbs = () => [deskA.core.db, deskB.db];
async function syncBoth(): Promise<void> {
  for (let round = 0; round < 5; round++) {
    for (const db of dbs()) await pushAll(db, member);
    for (const db of dbs()) await pullAll(db, member);
    if (dbs().every((db) => entriesToPush(db, 1).length === 0)) return;
  }
  throw new Error('the desks did not settle');
}
const vaccinationRow = (id: string) => dbs().map((db) => db.sqlite.prepare('SELECT * FROM vaccination WHERE id = ?').get(id));
const mark = (actor: Actor, vaccinationId: string, reason: string) =>
  enterVaccinationInError(actor === lee ? deskA.core.db : deskB.db, actor, enterVaccinationInErrorInput.parse({ vaccinationId, reason }));

beforeAll(async () => {
  deskA = await openTestPractice(FELINE_HOSPITAL, () => clock.now);
  const admin = deskA.admin;
  practiceId = (await admin.call('auth.session', {})).practice.id;
  await admin.call('staff.add', { email: 'dr.lee@lenox.test', displayName: 'Dr Lee', password: 'a long enough password', role: 'doctor' });
  await admin.call('staff.add', { email: 'dr.patel@lenox.test', displayName: 'Dr Patel', password: 'a long enough password', role: 'doctor' });
  const staff = await admin.call('staff.list', {});
  ({ patientId: catId } = await admin.call('patients.register', {
    account: { newAccount: { firstName: 'Mia', lastName: 'Jones', phonePrimary: '212 555 0101' } },
    patient: { firstName: 'Biscuit', species: 'Cat' },
  }));
  await hub().createPractice(practiceId, FELINE_HOSPITAL.practice.name);
  ({ client: member } = await hub().member('desk@lenox.test', practiceId, 'admin'));
  await pushAll(deskA.core.db, member);
  deskB = await openReplica(() => clock.now);
  await pullAll(deskB.db, member);
  lee = actorOn(deskA.core.db, staff.find((s) => s.displayName === 'Dr Lee')!.userId, practiceId);
  patel = actorOn(deskB.db, staff.find((s) => s.displayName === 'Dr Patel')!.userId, practiceId);
}, 120_000);

afterAll(() => {
  deskB?.close();
  deskA?.close();
});

describe('a vaccination entered in error, across desks', () => {
  it('recorded on one desk, marked on the other, arrives marked', async () => {
    const first = recordVaccination(deskA.core.db, lee, recordVaccinationInput.parse({ patientId: catId, vaccineName: 'FVRCP', givenAt: '2025-11-20T15:00:00Z', nextDueOn: '2026-11-20' }));
    const booster = recordVaccination(deskA.core.db, lee, recordVaccinationInput.parse({ patientId: catId, vaccineName: 'FVRCP', lotNumber: 'L-2', nextDueOn: '2026-12-10' }));
    await syncBoth();
    clock.now += 60_000;
    mark(patel, booster.id, 'Given to another cat');
    await syncBoth();

    const [onA, onB] = vaccinationRow(booster.id);
    expect(onA).toEqual(onB);
    expect(onA).toMatchObject({ entered_in_error_by: patel.userId, entered_in_error_reason: 'Given to another cat', lot_number: 'L-2' });
    const seenOnA = vaccinationsForPatient(deskA.core.db, lee, catId).find((v) => v.id === booster.id)!;
    expect(seenOnA.enteredInError).toEqual({ at: '2026-11-25T14:01:00.000Z', byName: 'Dr Patel', reason: 'Given to another cat' });
    // Desk A's due list falls back to the dose before the one marked.
    const due = vaccinationsDue(deskA.core.db, lee, vaccinationsDueInput.parse({ asOf: '2026-11-25' }));
    expect(due.entries.map((e) => [e.vaccinationId, e.state])).toEqual([[first.id, 'overdue']]);
  }, 60_000);

  it('marked on both desks while apart: both and the hub end with the later mark', async () => {
    const dose = recordVaccination(deskB.db, patel, recordVaccinationInput.parse({ patientId: catId, vaccineName: 'Rabies', lotNumber: 'R-7', nextDueOn: '2027-11-25' }));
    await syncBoth();
    clock.now += 60_000;
    mark(lee, dose.id, 'Never given');
    clock.now += 1_000;
    mark(patel, dose.id, 'Recorded twice');
    await syncBoth();

    const [onA, onB] = vaccinationRow(dose.id);
    expect(onA).toEqual(onB);
    expect(onA).toMatchObject({ entered_in_error_at: '2026-11-25T14:02:01.000Z', entered_in_error_by: patel.userId, entered_in_error_reason: 'Recorded twice' });
    for (const db of dbs()) expect(db.sqlite.prepare('SELECT count(*) FROM sync_unapplied').pluck().get()).toBe(0);
    const tablesA = deviceTables(deskA.core.db).vaccination;
    expect(deviceTables(deskB.db).vaccination).toEqual(tablesA);
    expect((await hubTables(hub(), practiceId)).vaccination).toEqual(tablesA);
    expect(Object.keys(tablesA!)).toHaveLength(3);
  }, 60_000);
});
