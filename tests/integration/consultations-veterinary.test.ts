/**
 * A consultation at a feline hospital: vitals judged against a cat's ranges,
 * the practice's veterinary templates, free-text diagnoses beside ICD-10,
 * and the weight history the chart draws.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectApiError } from '../helpers/expect-error';
import { FELINE_HOSPITAL, openTestPractice, type TestPractice } from '../helpers/practice';

let vet: TestPractice;
let patientId: string;
let serviceTypeId: string;
beforeAll(async () => {
  vet = await openTestPractice(FELINE_HOSPITAL);
  ({ id: serviceTypeId } = await vet.admin.call('reception.saveServiceType', { fields: { name: 'Check-up', durationMinutes: 20, priceMinor: 6_500, practitionerShareBp: 5_000 } }));
  ({ patientId } = await vet.admin.call('patients.register', {
    account: { newAccount: { firstName: 'Sam', lastName: 'Okafor', phonePrimary: '555 0100' } },
    patient: { firstName: 'Milo', species: 'Cat' },
  }));
}, 60_000);
afterAll(() => vet.close());

describe('a consultation for a cat', () => {
  it('judges vitals by a cat\u2019s ranges, offers the veterinary templates, and takes free-text diagnoses', async () => {
    const { visitId } = await vet.admin.call('visits.walkIn', { patientId, serviceTypeId });
    const c = await vet.admin.call('consultations.start', { visitId });
    expect(c.species).toBe('Cat');
    // Feline-only templates plus the ones for any species; the dog template is not offered.
    expect(c.protocols.map((p) => p.name)).toEqual(['Vomiting (cat)', 'Wellness examination']);

    const tooHeavy = await expectApiError(vet.admin.call('consultations.recordVitals', { consultationId: c.id, weight_kg: 45 }), 'validation');
    expect(tooHeavy.fields).toEqual({ weight_kg: 'Not possible for a cat: must be 0.1–20 kg' });
    const view = await vet.admin.call('consultations.recordVitals', { consultationId: c.id, heart_rate_bpm: 180, temperature_c: 39.8, weight_kg: 4.2, body_condition_score: 6, pain_score: 2 });
    // 180/min is normal for a cat (it would be flagged for a person); 39.8 °C is not.
    expect(view.vitals[0]!.unusual).toEqual({ temperature_c: 'Unusual for a cat (usual 37.7–39.2 °C)' });

    const coded = await vet.admin.call('consultations.codeDiagnosis', { consultationId: c.id, codeSystem: 'FREE_TEXT', description: 'Hairball, suspected', isPrimary: true });
    expect(coded.diagnoses).toEqual([expect.objectContaining({ codeSystem: 'FREE_TEXT', code: null, description: 'Hairball, suspected', isPrimary: true, status: 'active' })]);
    const blank = await expectApiError(vet.admin.call('consultations.codeDiagnosis', { consultationId: c.id, codeSystem: 'FREE_TEXT' }), 'validation');
    expect(blank.fields).toEqual({ description: 'Required' });
  });

  it('gives the chart the patient’s weight history, oldest first, across consultations', async () => {
    const { visitId } = await vet.admin.call('visits.walkIn', { patientId, serviceTypeId });
    const c = await vet.admin.call('consultations.start', { visitId });
    await vet.admin.call('consultations.recordVitals', { consultationId: c.id, heart_rate_bpm: 170 }); // no weight: not a point
    await vet.admin.call('consultations.recordVitals', { consultationId: c.id, weight_kg: 4.35 });
    const history = await vet.admin.call('consultations.weightHistory', { patientId });
    expect(history.map((p) => p.weightKg)).toEqual([4.2, 4.35]);
    expect(history[0]!.recordedAt <= history[1]!.recordedAt).toBe(true);
    const list = await vet.admin.call('consultations.forPatient', { patientId });
    expect(list).toHaveLength(2);
    expect(list.map((s) => s.primaryDiagnosis)).toContain('Hairball, suspected');
    await expectApiError(vet.admin.call('consultations.weightHistory', { patientId: '0190b2a4-0000-7000-8000-000000000000' }), 'not_found');
  });
});
