/**
 * The duplicates list and patient merge on one desk (real SQLite file, the
 * real core and router): pairs found for each reason, dismissal, a merge that
 * moves every child row and leaves a redirect, atomicity, and roles.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { duplicatePairId } from '../../electron/db/duplicate-pairs';
import { PATIENT_CHILD_TABLES } from '../../electron/db/patient-merge';
import { expectApiError } from '../helpers/expect-error';
import { FELINE_HOSPITAL, openTestPractice, type TestPractice } from '../helpers/practice';
import { openReception, type ReceptionPractice } from '../helpers/reception';
import { SAMPLE_PNG } from '../helpers/sample-files';
import { syncedSnapshot } from '../sync/devices';

const open: { close(): void }[] = [];
afterEach(() => open.splice(0).forEach((p) => p.close()));

async function reception(): Promise<ReceptionPractice> {
  const rx = await openReception();
  open.push(rx);
  return rx;
}

async function cats(): Promise<TestPractice> {
  const p = await openTestPractice(FELINE_HOSPITAL);
  open.push(p);
  return p;
}

/** Thandi Nkosi registered a second time, under a new account with the same phone (acknowledging the warning). */
async function registerThandiAgain(rx: ReceptionPractice, extra: Record<string, unknown> = {}): Promise<string> {
  const { patientId } = await rx.admin.call('patients.register', {
    account: { newAccount: { firstName: 'Thandi', lastName: 'Nkosi', phonePrimary: '011-555-0001' } },
    patient: { firstName: 'Thandi', lastName: 'Nkosi', dateOfBirth: '1985-05-05', ...extra },
    acknowledgeDuplicates: true,
  });
  return patientId;
}

describe('the duplicates list', () => {
  it('finds a person registered twice by phone and by name and date of birth, under one id derived from the pair', async () => {
    const rx = await reception();
    const first = rx.patients[0]!;
    const second = await registerThandiAgain(rx);
    const pairs = await rx.admin.call('duplicates.list', {});
    expect(pairs).toHaveLength(1);
    const [pair] = pairs;
    expect(pair!.id).toBe(duplicatePairId(first, second));
    expect(pair!.id).toBe(duplicatePairId(second, first));
    expect(pair!.reasons.sort()).toEqual(['nameAndDateOfBirth', 'phone']);
    expect([pair!.patientA.patientId, pair!.patientB.patientId].sort()).toEqual([first, second].sort());
    expect(pair!.patientA.displayName).toBe('Thandi Nkosi');
  });

  it('finds the same ID number, and not two people who only share a phone', async () => {
    const rx = await reception();
    const reg = (first: string, idNumber: string | null, phone: string) =>
      rx.admin.call('patients.register', {
        account: { newAccount: { firstName: first, lastName: 'Dube', phonePrimary: phone } },
        patient: { firstName: first, lastName: 'Dube', dateOfBirth: '1970-01-0' + (first.length % 9 || 1), idNumber },
        acknowledgeDuplicates: true,
      });
    const a = await reg('Sipho', '7001015800081', '021 444 1000');
    const b = await reg('Sibusiso', '7001015800081', '021 444 2000');
    // Siblings on one household phone: a shared phone alone is no duplicate.
    await reg('Lerato', null, '021 444 3000');
    await reg('Zanele', null, '021 444 3000');
    const pairs = await rx.admin.call('duplicates.list', {});
    expect(pairs.map((p) => [p.id, p.reasons])).toEqual([[duplicatePairId(a.patientId, b.patientId), ['idNumber']]]);
  });

  it('finds the same microchip, and the same pet added twice to its owner', async () => {
    const p = await cats();
    const owner = await p.admin.call('patients.register', {
      account: { newAccount: { firstName: 'Olga', lastName: 'Petrova', phonePrimary: '212 555 0101' } },
      patient: { firstName: 'Whiskers', species: 'Cat', microchipNumber: '985000000000123' },
    });
    const again = await p.admin.call('patients.register', {
      account: { newAccount: { firstName: 'Olga', lastName: 'Petrov', phonePrimary: '646 555 0199' } },
      patient: { firstName: 'Whisky', species: 'Cat', microchipNumber: '985000000000123' },
      acknowledgeDuplicates: true,
    });
    const sibling = await p.admin.call('patients.register', {
      account: { existingAccountId: owner.accountId },
      patient: { firstName: 'whiskers', species: 'Cat', dateOfBirth: '2020-02-02' },
      acknowledgeDuplicates: true,
    });
    const pairs = await p.admin.call('duplicates.list', {});
    const byId = new Map(pairs.map((x) => [x.id, x.reasons]));
    expect(byId.get(duplicatePairId(owner.patientId, again.patientId))).toEqual(['microchip']);
    expect(byId.get(duplicatePairId(owner.patientId, sibling.patientId))).toEqual(['phone']);
    expect(pairs).toHaveLength(2);
  });

  it('"not the same patient" hides the pair, with one synced row under the pair id, audited', async () => {
    const rx = await reception();
    const second = await registerThandiAgain(rx);
    const [pair] = await rx.admin.call('duplicates.list', {});
    const { id } = await rx.admin.call('duplicates.dismiss', { patientAId: second, patientBId: rx.patients[0]! });
    expect(id).toBe(pair!.id);
    expect(await rx.admin.call('duplicates.list', {})).toEqual([]);
    const db = rx.core.db.sqlite;
    expect(db.prepare('SELECT id FROM duplicate_dismissal').pluck().all()).toEqual([pair!.id]);
    expect(db.prepare("SELECT count(*) FROM sync_log WHERE table_name = 'duplicate_dismissal' AND row_id = ?").pluck().get(pair!.id)).toBe(1);
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE entity_type = 'duplicate_dismissal'").pluck().get()).toBe(1);
    // Dismissing again changes nothing.
    await rx.admin.call('duplicates.dismiss', { patientAId: rx.patients[0]!, patientBId: second });
    expect(db.prepare('SELECT count(*) FROM duplicate_dismissal').pluck().get()).toBe(1);
  });
});

/** Thandi twice, the second with a record in every table that points at a patient. */
async function thandiTwiceWithRecords(rx: ReceptionPractice) {
  const survivor = rx.patients[0]!;
  const merged = await registerThandiAgain(rx, { phone: '082 000 1111', notes: 'Prefers mornings' });
  const save = (kind: string, fields: Record<string, unknown>) =>
    rx.admin.call('chart.saveRecord', { kind, patientId: merged, fields } as never);
  await save('allergy', { allergen: 'Penicillin', severity: 'severe' });
  await save('emergencyContact', { name: 'Sizwe Nkosi', phone: '011 555 0100' });
  await save('medicalAid', { scheme: 'Discovery', memberNumber: '123456' });
  await save('medicalHistory', { condition: 'Asthma', status: 'chronic' });
  await save('familyHistory', { relation: 'Mother', condition: 'Diabetes' });
  const booked = await rx.admin.call('appointments.book', {
    patientId: merged,
    practitionerId: rx.doctorId,
    serviceTypeId: rx.serviceId,
    roomId: rx.roomId,
    start: '2026-11-26T09:00',
  });
  const walkIn = await rx.admin.call('visits.walkIn', { patientId: merged, serviceTypeId: rx.serviceId });
  await rx.admin.call('payments.take', { visitId: walkIn.visitId, amountMinor: 45_000, method: 'CARD' });
  // The clinical record, the consultation signed (what it says is frozen; whom it is filed under follows a merge).
  const doctor = rx.client();
  doctor.setToken((await doctor.call('auth.signIn', { email: 'dr.mokoena@rosebank.test', password: 'a long enough password' })).token);
  const consulted = await rx.admin.call('visits.walkIn', { patientId: merged, serviceTypeId: rx.serviceId });
  const c = await doctor.call('consultations.start', { visitId: consulted.visitId });
  await doctor.call('consultations.saveDraft', { consultationId: c.id, chiefComplaint: 'Wheeze', assessment: 'Asthma, mild exacerbation' });
  await doctor.call('consultations.recordVitals', { consultationId: c.id, temperature_c: 36.9 });
  await doctor.call('consultations.codeDiagnosis', { consultationId: c.id, codeSystem: 'FREE_TEXT', description: 'Asthma', isPrimary: true });
  await doctor.call('consultations.addProcedure', { consultationId: c.id, codeSystem: 'PRACTICE', code: 'NEB1', description: 'Nebulisation' });
  await doctor.call('consultations.sign', { consultationId: c.id });
  const paracetamol = (await doctor.call('medications.search', { query: 'paracetamol' }))[0]!;
  await doctor.call('prescriptions.prescribe', {
    patientId: merged, visitId: consulted.visitId,
    items: [{ medicationId: paracetamol.id, dose: '1 tablet', frequency: 'Twice daily', duration: '7 days', quantity: 14 }],
  });
  await doctor.call('vaccinations.record', { patientId: merged, vaccineName: 'Influenza', givenAt: '2026-11-25T05:30:00.000Z', nextDueOn: '2027-11-25' });
  await rx.admin.call('labs.record', { patientId: merged, fields: { testName: 'Peak flow', value: '380', unit: 'L/min', resultedAt: '2026-11-25T05:40:00.000Z' } });
  await rx.admin.call('documents.attach', { patientId: merged, fileName: 'spirometry.png', mimeType: 'image/png', contentBase64: SAMPLE_PNG.toString('base64') });
  await rx.admin.call('plans.create', { patientId: merged, title: 'Asthma action plan', steps: [{ description: 'Inhaler technique review', estimatedCostMinor: 0 }] });
  return { survivor, merged, appointmentId: booked.appointmentIds[0]!, walkInVisitId: walkIn.visitId };
}

const countFor = (rx: ReceptionPractice, table: string, patientId: string) =>
  rx.core.db.sqlite.prepare(`SELECT count(*) FROM ${table} WHERE patient_id = ?`).pluck().get(patientId) as number;

describe('merging two patients', () => {
  it('shows both side by side with their record counts and the differing fields', async () => {
    const rx = await reception();
    const { survivor, merged } = await thandiTwiceWithRecords(rx);
    const view = await rx.admin.call('duplicates.compare', { patientAId: survivor, patientBId: merged });
    expect(view.b.counts).toEqual({
      appointments: 1,
      visits: 3,
      allergies: 1,
      medicalHistory: 1,
      familyHistory: 1,
      emergencyContacts: 1,
      medicalAid: 1,
      charges: 3,
      payments: 1,
    });
    expect(view.a.counts.appointments).toBe(0);
    expect(view.differing).toEqual(['accountId', 'phone', 'notes']);
  });

  it('moves every row to the survivor, keeps the chosen values, leaves a redirect, hides the merged patient and audits it', async () => {
    const rx = await reception();
    const { survivor, merged, appointmentId } = await thandiTwiceWithRecords(rx);
    const result = await rx.admin.call('duplicates.merge', { survivorId: survivor, mergedId: merged, keep: { phone: 'merged', notes: 'merged' } });
    expect(result.moved).toMatchObject({ allergy: 1, emergency_contact: 1, medical_aid: 1, medical_history: 1, family_history: 1, appointment: 1, visit: 3, charge: 3 });
    // The clinical record too, the signed consultation and its rows included.
    expect(result.moved).toMatchObject({
      consultation: 1, vital_signs: 1, consultation_diagnosis: 1, consultation_procedure: 1,
      prescription: 1, vaccination: 1, lab_result: 1, document: 1, treatment_plan: 1,
    });

    for (const table of PATIENT_CHILD_TABLES) {
      expect(countFor(rx, table, merged), table).toBe(0);
      expect(countFor(rx, table, survivor), table).toBeGreaterThan(0);
    }
    // The payment ledger is append-only: the row keeps its patient, reads follow the redirect.
    expect(countFor(rx, 'payment', merged)).toBe(1);
    const db = rx.core.db.sqlite;
    expect(db.prepare('SELECT merged_into_id FROM patient WHERE id = ?').pluck().get(merged)).toBe(survivor);
    expect(db.prepare('SELECT phone, notes FROM patient WHERE id = ?').get(survivor)).toEqual({ phone: '082 000 1111', notes: 'Prefers mornings' });

    // Opening the old id opens the survivor; search and the account's list no longer show it.
    const chart = await rx.admin.call('patients.chart', { patientId: merged });
    expect(chart.patient.id).toBe(survivor);
    expect(chart.redirectedFrom).toBe(merged);
    expect(chart.allergies.map((a) => a.allergen)).toEqual(['Penicillin']);
    const hits = await rx.admin.call('patients.search', { query: 'Thandi' });
    expect(hits.map((h) => h.patientId)).toEqual([survivor]);
    expect(await rx.admin.call('duplicates.list', {})).toEqual([]);
    const [view] = await rx.admin.call('appointments.day', { day: '2026-11-26' });
    expect(view).toMatchObject({ id: appointmentId, patientId: survivor });

    const audits = db
      .prepare("SELECT patient_id, entity_id, after_json FROM audit_log WHERE entity_type = 'patient_merge' ORDER BY patient_id")
      .all() as { patient_id: string; entity_id: string; after_json: string }[];
    expect(audits.map((a) => a.patient_id).sort()).toEqual([survivor, merged].sort());
    for (const a of audits) {
      expect(JSON.parse(a.after_json)).toMatchObject({ survivorId: survivor, mergedId: merged, keep: { phone: 'merged', notes: 'merged' } });
    }

    // The audit log is not re-pointed; the survivor's history reads the merged patient's entries too.
    const history = await rx.admin.call('audit.list', { patientId: survivor, limit: 200 });
    expect(history.entries.some((e) => e.patientId === merged && e.entityType === 'patient' && e.action === 'create')).toBe(true);
    expect(history.entries.some((e) => e.patientId === survivor && e.entityType === 'patient' && e.action === 'create')).toBe(true);

    // A merged patient can be neither merged again nor kept, nor booked from a stale screen.
    const other = rx.patients[1]!;
    await expectApiError(rx.admin.call('duplicates.merge', { survivorId: other, mergedId: merged }), 'conflict');
    await expectApiError(rx.admin.call('duplicates.merge', { survivorId: merged, mergedId: other }), 'conflict');
    await expectApiError(rx.admin.call('visits.walkIn', { patientId: merged, serviceTypeId: rx.serviceId }), 'validation');
  });

  it('is atomic: a failure half way leaves every table and the outbox as they were', async () => {
    const rx = await reception();
    const { survivor, merged } = await thandiTwiceWithRecords(rx);
    const db = rx.core.db.sqlite;
    const before = { ...syncedSnapshot(rx.core.db), outbox: db.prepare('SELECT * FROM sync_log ORDER BY seq').all() };
    // A real failure, injected into the database: moving the visits (after the allergies and appointment) aborts.
    db.exec("CREATE TEMP TRIGGER fail_visit BEFORE UPDATE OF patient_id ON visit BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
    await expectApiError(rx.admin.call('duplicates.merge', { survivorId: survivor, mergedId: merged, keep: { phone: 'merged' } }), 'internal');
    expect({ ...syncedSnapshot(rx.core.db), outbox: db.prepare('SELECT * FROM sync_log ORDER BY seq').all() }).toEqual(before);
    db.exec('DROP TRIGGER fail_visit');
    await rx.admin.call('duplicates.merge', { survivorId: survivor, mergedId: merged });
    expect(countFor(rx, 'visit', merged)).toBe(0);
  });

  it('is for managers and administrators: reception may not list, dismiss or merge', async () => {
    const rx = await reception();
    const second = await registerThandiAgain(rx);
    const receptionist = await rx.staffClient('receptionist');
    await expectApiError(receptionist.call('duplicates.list', {}), 'forbidden');
    await expectApiError(receptionist.call('duplicates.dismiss', { patientAId: rx.patients[0]!, patientBId: second }), 'forbidden');
    await expectApiError(receptionist.call('duplicates.compare', { patientAId: rx.patients[0]!, patientBId: second }), 'forbidden');
    await expectApiError(receptionist.call('duplicates.merge', { survivorId: rx.patients[0]!, mergedId: second }), 'forbidden');
    expect(rx.core.db.sqlite.prepare('SELECT merged_into_id FROM patient WHERE id = ?').pluck().get(second)).toBeNull();
    const manager = await rx.staffClient('manager');
    expect(await manager.call('duplicates.list', {})).toHaveLength(1);
    await manager.call('duplicates.merge', { survivorId: rx.patients[0]!, mergedId: second });
    expect(await manager.call('duplicates.list', {})).toEqual([]);
  });
});
