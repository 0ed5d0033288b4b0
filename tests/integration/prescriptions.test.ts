/**
 * Prescribing through the real core (SQLite file, services, router): the
 * catalogue, allergy refusal and override, the controlled-drug licence rule,
 * roles, cancel (the row stays), immutability in SQLite itself, the PDF,
 * rollback, and the audit and outbox rows each issue writes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import type { AllergyRefusal, MedicationView } from '../../shared/api/prescribing-types';
import { PRESCRIPTION_NUMBER } from '../../shared/domain/prescription-number';
import { expectApiError } from '../helpers/expect-error';
import { pdfText } from '../helpers/pdf-text';
import { FELINE_HOSPITAL, openTestPractice } from '../helpers/practice';
import { openReception, type ReceptionPractice } from '../helpers/reception';

let rx: ReceptionPractice;
let doctor: ApiClient; // licensed
let unlicensed: ApiClient;
let patientId: string;

const signIn = async (email: string) => {
  const c = rx.client();
  c.setToken((await c.call('auth.signIn', { email, password: 'a long enough password' })).token);
  return c;
};
const medication = async (query: string): Promise<MedicationView> => (await doctor.call('medications.search', { query }))[0]!;
const count = (table: string, where = '1 = 1') => (rx.core.db.sqlite.prepare(`SELECT count(*) FROM ${table} WHERE ${where}`).pluck().get() as number);
const item = (m: MedicationView, extra: Record<string, unknown> = {}) => ({ medicationId: m.id, dose: '1 tablet', frequency: 'Twice daily', duration: '7 days', quantity: 14, ...extra });

beforeEach(async () => {
  rx = await openReception(Date.parse('2026-11-25T07:45:00Z'));
  await rx.admin.call('staff.add', { email: 'dr.naidoo@rosebank.test', displayName: 'Dr Naidoo', password: 'a long enough password', role: 'doctor', licenceNumber: 'MP 0123456' });
  doctor = await signIn('dr.naidoo@rosebank.test');
  unlicensed = await signIn('dr.mokoena@rosebank.test');
  patientId = rx.patients[0]!;
  await rx.admin.call('chart.saveRecord', { kind: 'allergy', patientId, fields: { allergen: 'Penicillin', severity: 'severe', reaction: 'Hives' } });
});
afterEach(() => rx.close());

describe('the medication catalogue', () => {
  it('starts with a starter list for the practice kind, searchable by name or ingredient', async () => {
    const all = await doctor.call('medications.search', {});
    expect(all.length).toBeGreaterThanOrEqual(10);
    expect((await doctor.call('medications.search', { query: 'amox' })).map((m) => m.name)).toEqual([
      'Amoxicillin 500 mg capsules',
      'Amoxicillin/clavulanic acid 875/125 mg tablets',
    ]);
    expect((await doctor.call('medications.search', { query: 'codeine' }))[0]).toMatchObject({ isControlled: true, schedule: 'S5' });
    expect(await doctor.call('medications.search', { query: 'zzz-nothing' })).toEqual([]);
  });

  it('gives a feline-only hospital no dog-only items', async () => {
    const cats = await openTestPractice(FELINE_HOSPITAL);
    try {
      const names = (await cats.admin.call('medications.search', { limit: 100 })).map((m) => m.name);
      expect(names).toContain('Meloxicam 0.5 mg/ml oral suspension (cats)');
      expect(names.some((n) => n.includes('(dogs)'))).toBe(false);
      expect(names).not.toContain('Tramadol 50 mg capsules');
    } finally {
      cats.close();
    }
  });
});

describe('issuing a prescription', () => {
  it('numbers it, snapshots the drug, and writes one audit row and an outbox row per row', async () => {
    const { visitId } = await rx.admin.call('visits.walkIn', { patientId, serviceTypeId: rx.serviceId });
    const paracetamol = await medication('paracetamol 500');
    const outboxBefore = count('sync_log');
    const issued = await doctor.call('prescriptions.prescribe', { patientId, visitId, items: [item(paracetamol, { instructions: 'With water' })] });
    expect(issued.prescriptionNumber).toMatch(PRESCRIPTION_NUMBER);
    expect(issued).toMatchObject({ status: 'active', visitId, prescriberName: 'Dr Naidoo', prescriberLicence: 'MP 0123456' });
    expect(issued.items).toEqual([expect.objectContaining({ medicationName: 'Paracetamol 500 mg tablets', quantity: 14, refills: 0, instructions: 'With water' })]);
    expect(count('sync_log') - outboxBefore).toBe(3); // prescription, item, audit entry
    expect(count('sync_log', `table_name = 'prescription' AND row_id = '${issued.id}'`)).toBe(1);
    expect(count('audit_log', `entity_type = 'prescription' AND entity_id = '${issued.id}' AND action = 'create'`)).toBe(1);
    expect(await doctor.call('prescriptions.forPatient', { patientId })).toEqual([issued]);
  });

  it('refuses a drug matching a recorded allergy, then issues it with the override reason recorded', async () => {
    const amoxicillin = await medication('amoxicillin 500');
    const before = count('sync_log');
    const refused = await expectApiError(doctor.call('prescriptions.prescribe', { patientId, items: [item(amoxicillin)] }), 'conflict');
    expect(refused.message).toMatch(/Amoxicillin 500 mg capsules matches a recorded allergy \(Penicillin\)/);
    expect((refused.detail as AllergyRefusal).allergyWarnings).toEqual([{ item: 0, medicationName: 'Amoxicillin 500 mg capsules', allergens: ['Penicillin'] }]);
    expect(refused.fields).toHaveProperty(['items.0.allergyOverrideReason']);
    expect(count('prescription')).toBe(0);
    expect(count('sync_log')).toBe(before);

    const issued = await doctor.call('prescriptions.prescribe', {
      patientId,
      items: [item(amoxicillin, { allergyOverrideReason: 'Tolerated amoxicillin in 2024; reaction was to flucloxacillin' })],
    });
    expect(issued.items[0]!.allergyOverrideReason).toBe('Tolerated amoxicillin in 2024; reaction was to flucloxacillin');
    const audit = rx.core.db.sqlite.prepare(`SELECT after_json FROM audit_log WHERE entity_id = ?`).pluck().get(issued.id) as string;
    expect(JSON.parse(audit)).toMatchObject({ allergyOverrides: [{ item: 0, allergens: ['Penicillin'] }] });

    // A drug without a match keeps no override reason even if one was typed.
    const ok = await doctor.call('prescriptions.prescribe', { patientId, items: [item(await medication('metformin'), { allergyOverrideReason: 'n/a' })] });
    expect(ok.items[0]!.allergyOverrideReason).toBeNull();
  });

  it('does not warn once the allergy is removed from the chart', async () => {
    const [allergy] = (await rx.admin.call('patients.chart', { patientId })).allergies;
    await rx.admin.call('chart.removeRecord', { kind: 'allergy', id: allergy!.id, reason: 'Entered on the wrong patient' });
    const issued = await doctor.call('prescriptions.prescribe', { patientId, items: [item(await medication('amoxicillin 500'))] });
    expect(issued.status).toBe('active');
  });

  it('checks before issuing, writing nothing: allergy warnings and controlled refusals per item', async () => {
    const ids = [(await medication('paracetamol 500')).id, (await medication('amoxicillin 500')).id, (await medication('tramadol')).id];
    const before = count('sync_log');
    expect(await unlicensed.call('prescriptions.check', { patientId, medicationIds: ids })).toEqual({
      allergyWarnings: [{ item: 1, medicationName: 'Amoxicillin 500 mg capsules', allergens: ['Penicillin'] }],
      controlledRefusals: [{ item: 2, medicationName: 'Tramadol 50 mg capsules', message: expect.stringMatching(/controlled drug \(S6\)/) }],
    });
    expect((await doctor.call('prescriptions.check', { patientId, medicationIds: ids })).controlledRefusals).toEqual([]);
    expect(count('sync_log')).toBe(before);
    await expectApiError((await rx.staffClient('receptionist')).call('prescriptions.check', { patientId, medicationIds: ids }), 'forbidden');
  });

  it('refuses a controlled drug from a prescriber without a licence number, and issues it for a licensed one', async () => {
    const tramadol = await medication('tramadol');
    const refused = await expectApiError(unlicensed.call('prescriptions.prescribe', { patientId, items: [item(tramadol)] }), 'validation');
    expect(refused.fields?.['items.0.medicationId']).toMatch(/controlled drug \(S6\).*licence number/);
    expect(count('prescription')).toBe(0);
    const issued = await doctor.call('prescriptions.prescribe', { patientId, items: [item(tramadol)] });
    expect(issued.items[0]).toMatchObject({ isControlled: true, schedule: 'S6' });
    expect(issued.prescriberLicence).toBe('MP 0123456');
  });

  it('lets clinicians prescribe and no one else', async () => {
    const paracetamol = await medication('paracetamol');
    const reception = await rx.staffClient('receptionist');
    await expectApiError(reception.call('prescriptions.prescribe', { patientId, items: [item(paracetamol)] }), 'forbidden');
    await expectApiError(reception.call('prescriptions.forPatient', { patientId }), 'forbidden');
    await expectApiError(reception.call('medications.search', {}), 'forbidden');
    await expectApiError((await rx.staffClient('billing')).call('prescriptions.prescribe', { patientId, items: [item(paracetamol)] }), 'forbidden');
    expect(count('prescription')).toBe(0);
  });

  it('refuses bad input with per-field messages and writes nothing', async () => {
    const paracetamol = await medication('paracetamol');
    const bad = await expectApiError(doctor.call('prescriptions.prescribe', { patientId, items: [item(paracetamol, { quantity: 0, dose: ' ' })] }), 'validation');
    expect(Object.keys(bad.fields ?? {}).sort()).toEqual(['items.0.dose', 'items.0.quantity']);
    await expectApiError(doctor.call('prescriptions.prescribe', { patientId, items: [] }), 'validation');
    const otherVisit = await rx.admin.call('visits.walkIn', { patientId: rx.patients[1]!, serviceTypeId: rx.serviceId });
    await expectApiError(doctor.call('prescriptions.prescribe', { patientId, visitId: otherVisit.visitId, items: [item(paracetamol)] }), 'conflict');
    const unknown = await expectApiError(
      doctor.call('prescriptions.prescribe', { patientId, items: [item(paracetamol), item(paracetamol, { medicationId: '01900000-0000-7000-8000-000000000000' })] }),
      'validation',
    );
    expect(unknown.fields).toHaveProperty(['items.1.medicationId']);
    expect(count('prescription')).toBe(0);
  });

  it('rolls the whole issue back when a write fails half-way (prescription, items, audit, outbox)', async () => {
    const paracetamol = await medication('paracetamol');
    const before = { outbox: count('sync_log'), audit: count('audit_log') };
    rx.core.db.sqlite.exec(`CREATE TEMP TRIGGER fail_second_item BEFORE INSERT ON prescription_item WHEN NEW.position = 1
      BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    await expectApiError(doctor.call('prescriptions.prescribe', { patientId, items: [item(paracetamol), item(paracetamol)] }), 'internal');
    rx.core.db.sqlite.exec('DROP TRIGGER fail_second_item');
    expect([count('prescription'), count('prescription_item'), count('sync_log'), count('audit_log')]).toEqual([0, 0, before.outbox, before.audit]);
  });
});

describe('after issue', () => {
  it('cancels (the row stays, listed as cancelled), and never edits: SQLite refuses changes too', async () => {
    const issued = await doctor.call('prescriptions.prescribe', { patientId, items: [item(await medication('paracetamol'))] });
    const cancelled = await doctor.call('prescriptions.cancel', { prescriptionId: issued.id, reason: 'Wrong strength; reissued' });
    expect(cancelled).toMatchObject({ id: issued.id, status: 'cancelled', cancelReason: 'Wrong strength; reissued', prescriptionNumber: issued.prescriptionNumber });
    expect((await doctor.call('prescriptions.forPatient', { patientId })).map((p) => p.status)).toEqual(['cancelled']);
    expect(count('audit_log', `entity_id = '${issued.id}' AND action = 'update'`)).toBe(1);
    await expectApiError(doctor.call('prescriptions.cancel', { prescriptionId: issued.id, reason: 'again' }), 'conflict');
    await expectApiError(doctor.call('prescriptions.cancel', { prescriptionId: issued.id, reason: ' ' }), 'validation');

    const db = rx.core.db.sqlite;
    expect(() => db.prepare(`UPDATE prescription SET status = 'active' WHERE id = ?`).run(issued.id)).toThrow(/cannot be changed/);
    expect(() => db.prepare(`UPDATE prescription SET prescriber_licence = 'X' WHERE id = ?`).run(issued.id)).toThrow(/cannot be changed/);
    expect(() => db.prepare(`UPDATE prescription_item SET dose = '2 tablets' WHERE prescription_id = ?`).run(issued.id)).toThrow(/cannot be changed/);
    expect(() => db.prepare(`DELETE FROM prescription WHERE id = ?`).run(issued.id)).toThrow(/never deleted/);
    const active = await doctor.call('prescriptions.prescribe', { patientId, items: [item(await medication('paracetamol'))] });
    expect(() => db.prepare(`UPDATE prescription SET issued_at = '2020-01-01T00:00:00.000Z' WHERE id = ?`).run(active.id)).toThrow(/cannot be changed/);
  });

  it('prints to a PDF with the practice, patient, prescriber and licence, number, date and items', async () => {
    const tramadol = await medication('tramadol');
    const issued = await doctor.call('prescriptions.prescribe', { patientId, items: [item(tramadol, { instructions: 'Do not drive' }), item(await medication('paracetamol'))] });
    const file = await doctor.call('prescriptions.pdf', { prescriptionId: issued.id });
    expect(file.fileName).toBe(`prescription-${issued.prescriptionNumber}.pdf`);
    const pdf = await pdfText(file.pdfBase64);
    expect(pdf.pages).toBe(1);
    expect(pdf.title).toBe(`Prescription ${issued.prescriptionNumber}`);
    expect(pdf.lines).toEqual(
      expect.arrayContaining([
        'Rosebank Family Practice',
        `Prescription ${issued.prescriptionNumber}`,
        'Issued 2026-11-25 09:45',
        'Patient: Thandi Nkosi',
        'Prescriber: Dr Naidoo',
        'Licence: MP 0123456',
        '1. Tramadol 50 mg capsules, Capsule',
        'Controlled drug (S6)',
        '1 tablet, Twice daily, for 7 days',
        'Do not drive',
        '2. Paracetamol 500 mg tablets, Tablet',
      ]),
    );
    await doctor.call('prescriptions.cancel', { prescriptionId: issued.id, reason: 'Patient declined' });
    expect((await pdfText((await doctor.call('prescriptions.pdf', { prescriptionId: issued.id })).pdfBase64)).lines).toContain('CANCELLED');
  });
});
