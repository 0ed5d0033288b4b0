/**
 * Prescription numbers made on two device database files while cut off from
 * each other, synced through the real hub (embedded Postgres, gateway,
 * supabase-js): every number is unique, both desks and the hub end with the
 * same prescriptions, items and vaccinations, and a prescription both desks
 * cancelled while apart ends cancelled everywhere (nothing left waiting).
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalDatabase } from '../../electron/db/database';
import type { Actor } from '../../electron/services/actor';
import { cancelPrescription, findMedications, prescribe } from '../../electron/services/prescribing';
import { recordVaccination } from '../../electron/services/vaccinations';
import { PRESCRIPTION_NUMBER } from '../../shared/domain/prescription-number';
import { cancelPrescriptionInput, medicationSearchInput, prescribeInput, recordVaccinationInput } from '../../shared/schemas/prescribing';
import { entriesToPush } from '../../sync/engine/outbox';
import { useHub } from '../helpers/hub';
import { FELINE_HOSPITAL, openTestPractice, type TestPractice } from '../helpers/practice';
import { actorOn, openReplica, type Replica } from '../sync/devices';
import { deviceTables, hubTables, pullAll, pushAll } from '../sync/hub-sync';

const hub = useHub();
const clock = { now: Date.parse('2026-11-25T14:00:00Z') };
const TABLES = ['medication', 'prescription', 'prescription_item', 'vaccination'];
const PER_DESK = 15;

let desk1: TestPractice;
let desk2: Replica;
let member: SupabaseClient;
let practiceId = '';
let catId = '';
let doctor1: Actor;
let doctor2: Actor;

async function syncBoth(): Promise<void> {
  const dbs = [desk1.core.db, desk2.db];
  for (let round = 0; round < 5; round++) {
    for (const db of dbs) await pushAll(db, member);
    for (const db of dbs) await pullAll(db, member);
    if (dbs.every((db) => entriesToPush(db, 1).length === 0)) return;
  }
  throw new Error('the desks did not settle');
}

const issue = (db: LocalDatabase, actor: Actor, medicationId: string) =>
  prescribe(db, actor, prescribeInput.parse({ patientId: catId, items: [{ medicationId, dose: '0.05 mg/kg', frequency: 'Once daily', quantity: 1 }] }));
const only = (tables: Record<string, Record<string, unknown>>) => Object.fromEntries(TABLES.map((t) => [t, tables[t]]));

beforeAll(async () => {
  desk1 = await openTestPractice(FELINE_HOSPITAL, () => clock.now);
  const admin = desk1.admin;
  practiceId = (await admin.call('auth.session', {})).practice.id;
  await admin.call('staff.add', { email: 'dr.lee@lenox.test', displayName: 'Dr Lee', password: 'a long enough password', role: 'doctor', licenceNumber: 'VET 4471' });
  const doctorId = (await admin.call('staff.list', {})).find((s) => s.role === 'doctor')!.userId;
  ({ patientId: catId } = await admin.call('patients.register', {
    account: { newAccount: { firstName: 'Mia', lastName: 'Jones', phonePrimary: '212 555 0101' } },
    patient: { firstName: 'Biscuit', species: 'Cat' },
  }));
  await hub().createPractice(practiceId, FELINE_HOSPITAL.practice.name);
  ({ client: member } = await hub().member('desk@lenox.test', practiceId, 'admin'));
  await pushAll(desk1.core.db, member);
  desk2 = await openReplica(() => clock.now);
  await pullAll(desk2.db, member);
  doctor1 = actorOn(desk1.core.db, doctorId, practiceId);
  doctor2 = actorOn(desk2.db, doctorId, practiceId);
}, 120_000);

afterAll(() => {
  desk2?.close();
  desk1?.close();
});

describe('two desks prescribing offline', () => {
  it('hand out unique numbers and converge, with the hub, on the same rows', async () => {
    // The catalogue came with the practice: both desks hold the same rows (ids derived from the practice).
    const meloxicam = findMedications(desk1.core.db, doctor1, medicationSearchInput.parse({ query: 'meloxicam' }))[0]!;
    expect(findMedications(desk2.db, doctor2, medicationSearchInput.parse({ query: 'meloxicam' }))[0]!.id).toBe(meloxicam.id);

    const made1 = Array.from({ length: PER_DESK }, () => issue(desk1.core.db, doctor1, meloxicam.id));
    const made2 = Array.from({ length: PER_DESK }, () => issue(desk2.db, doctor2, meloxicam.id));
    // Once desk 1's first prescription has reached desk 2, both cancel it while apart, each with its own reason.
    await syncBoth();
    clock.now += 60_000;
    cancelPrescription(desk1.core.db, doctor1, cancelPrescriptionInput.parse({ prescriptionId: made1[0]!.id, reason: 'Owner declined' }));
    clock.now += 1_000;
    cancelPrescription(desk2.db, doctor2, cancelPrescriptionInput.parse({ prescriptionId: made1[0]!.id, reason: 'Duplicate of another' }));
    recordVaccination(desk2.db, doctor2, recordVaccinationInput.parse({ patientId: catId, vaccineName: 'FVRCP', lotNumber: 'L-88', nextDueOn: '2027-11-25' }));
    await syncBoth();

    const numbers = [...made1, ...made2].map((p) => p.prescriptionNumber);
    expect(numbers.every((n) => PRESCRIPTION_NUMBER.test(n))).toBe(true);
    expect(new Set(numbers).size).toBe(2 * PER_DESK);
    for (const db of [desk1.core.db, desk2.db]) {
      const stored = db.sqlite.prepare('SELECT prescription_number FROM prescription ORDER BY prescription_number').pluck().all();
      expect(stored).toEqual([...numbers].sort());
      expect(db.sqlite.prepare('SELECT count(*) FROM sync_unapplied').pluck().get()).toBe(0);
      // The later cancel's who/when/why on both (last writer wins), the engine allowed to bring it over a cancelled row.
      expect(db.sqlite.prepare('SELECT status, cancel_reason FROM prescription WHERE id = ?').get(made1[0]!.id)).toEqual({
        status: 'cancelled',
        cancel_reason: 'Duplicate of another',
      });
    }
    const tables1 = only(deviceTables(desk1.core.db));
    expect(only(deviceTables(desk2.db))).toEqual(tables1);
    expect(only(await hubTables(hub(), practiceId))).toEqual(tables1);
    expect(Object.keys(tables1.prescription_item!)).toHaveLength(2 * PER_DESK);
    expect(Object.keys(tables1.vaccination!)).toHaveLength(1);
  }, 120_000);
});
