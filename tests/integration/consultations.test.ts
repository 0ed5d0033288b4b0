/**
 * The consultation on a real SQLite file through the API boundary: starting
 * from the queue, validations, billable-only codes, one primary diagnosis,
 * audit and outbox rows, and rollback of a failed operation.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import { expectApiError } from '../helpers/expect-error';
import { openReception, type ReceptionPractice } from '../helpers/reception';

let rx: ReceptionPractice;
let doctor: ApiClient;
beforeEach(async () => {
  rx = await openReception(Date.parse('2026-11-25T07:45:00Z'));
  doctor = rx.client();
  doctor.setToken((await doctor.call('auth.signIn', { email: 'dr.mokoena@rosebank.test', password: 'a long enough password' })).token);
}, 60_000);
afterEach(() => rx.close());

const count = (sql: string, ...params: unknown[]) => (rx.core.db.sqlite.prepare(sql).get(...params) as { n: number }).n;
const walkIn = async (patient = 0) => rx.admin.call('visits.walkIn', { patientId: rx.patients[patient]!, serviceTypeId: rx.serviceId });

describe('starting a consultation from the queue', () => {
  it('moves a waiting visit to in progress and starts a draft in one transaction, with audit and outbox rows', async () => {
    const visit = await walkIn();
    expect(visit.status).toBe('WAITING');
    const c = await doctor.call('consultations.start', { visitId: visit.visitId });
    expect(c).toMatchObject({ visitId: visit.visitId, patientId: rx.patients[0], status: 'draft', practitionerId: rx.doctorId, practitionerName: 'Dr Mokoena', canSign: true, species: null });
    expect(c.protocols.map((p) => p.name)).toEqual(['Chronic condition review', 'General consultation', 'Upper respiratory tract infection']);
    const board = await rx.admin.call('queue.day', { day: '2026-11-25' });
    expect(board.entries.find((e) => e.visitId === visit.visitId)?.status).toBe('IN_PROGRESS');

    expect(count(`SELECT count(*) AS n FROM audit_log WHERE entity_type = 'consultation' AND action = 'create' AND entity_id = ?`, c.id)).toBe(1);
    expect(count(`SELECT count(*) AS n FROM audit_log WHERE entity_type = 'visit' AND entity_id = ? AND action = 'update'`, visit.visitId)).toBe(2); // CALLED, IN_PROGRESS
    expect(count(`SELECT count(*) AS n FROM sync_log WHERE table_name = 'consultation' AND row_id = ? AND op = 'insert'`, c.id)).toBe(1);
    expect(count(`SELECT count(*) AS n FROM sync_log WHERE table_name = 'protocol' AND op = 'insert'`)).toBe(3);

    // Starting again opens the same consultation, and the opening is audited.
    const again = await doctor.call('consultations.start', { visitId: visit.visitId });
    expect(again.id).toBe(c.id);
    expect((await doctor.call('consultations.forVisit', { visitId: visit.visitId }))?.id).toBe(c.id);
    expect(count(`SELECT count(*) AS n FROM audit_log WHERE entity_type = 'consultation' AND action = 'read' AND entity_id = ?`, c.id)).toBe(2);
    expect(count(`SELECT count(*) AS n FROM consultation`)).toBe(1);
    expect(count(`SELECT count(*) AS n FROM sync_log WHERE table_name = 'protocol'`)).toBe(3);
  });

  it('refuses roles without clinical rights, and visits that are not open', async () => {
    const visit = await walkIn();
    const receptionist = await rx.staffClient('receptionist');
    await expectApiError(receptionist.call('consultations.start', { visitId: visit.visitId }), 'forbidden');
    await expectApiError(receptionist.call('consultations.forVisit', { visitId: visit.visitId }), 'forbidden');
    await rx.admin.call('visits.move', { visitId: visit.visitId, to: 'CANCELLED' });
    const closed = await expectApiError(doctor.call('consultations.start', { visitId: visit.visitId }), 'conflict');
    expect(closed.message).toMatch(/This visit is cancelled/);
    expect(count(`SELECT count(*) AS n FROM consultation`)).toBe(0);
    await expectApiError(doctor.call('consultations.start', { visitId: '0190b2a4-0000-7000-8000-000000000000' }), 'not_found');
  });

  it('rolls back everything when a write in the operation fails', async () => {
    const visit = await walkIn();
    const before = count(`SELECT count(*) AS n FROM sync_log`);
    rx.core.db.sqlite.exec(`CREATE TRIGGER injected_failure BEFORE INSERT ON consultation BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
    await expectApiError(doctor.call('consultations.start', { visitId: visit.visitId }), 'internal');
    rx.core.db.sqlite.exec(`DROP TRIGGER injected_failure`);
    expect(count(`SELECT count(*) AS n FROM sync_log`)).toBe(before);
    expect(count(`SELECT count(*) AS n FROM protocol`)).toBe(0);
    const board = await rx.admin.call('queue.day', { day: '2026-11-25' });
    expect(board.entries.find((e) => e.visitId === visit.visitId)?.status).toBe('WAITING');
  });
});

describe('recording the consultation', () => {
  it('saves the note, rejects impossible vitals (nothing written) and flags unusual ones', async () => {
    const c = await doctor.call('consultations.start', { visitId: (await walkIn()).visitId });
    const saved = await doctor.call('consultations.saveDraft', { consultationId: c.id, chiefComplaint: 'Ear ache', subjective: 'Left ear sore for 3 days' });
    expect(saved).toMatchObject({ chiefComplaint: 'Ear ache', subjective: 'Left ear sore for 3 days', objective: null });
    // A field left out keeps its text.
    expect(await doctor.call('consultations.saveDraft', { consultationId: c.id, objective: 'Canal red' })).toMatchObject({ subjective: 'Left ear sore for 3 days', objective: 'Canal red' });

    const bad = await expectApiError(doctor.call('consultations.recordVitals', { consultationId: c.id, temperature_c: 385, heart_rate_bpm: 80 }), 'validation');
    expect(bad.fields).toEqual({ temperature_c: 'Not possible for an adult: must be 25–45 °C' });
    const bp = await expectApiError(doctor.call('consultations.recordVitals', { consultationId: c.id, bp_systolic: 80, bp_diastolic: 95 }), 'validation');
    expect(bp.fields).toEqual({ bp_diastolic: 'Diastolic must be lower than systolic' });
    const pain = await expectApiError(doctor.call('consultations.recordVitals', { consultationId: c.id, pain_score: 4.5 }), 'validation');
    expect(pain.fields).toEqual({ pain_score: 'Must be a whole number' });
    await expectApiError(doctor.call('consultations.recordVitals', { consultationId: c.id }), 'conflict');
    expect(count(`SELECT count(*) AS n FROM vital_signs`)).toBe(0);

    const view = await doctor.call('consultations.recordVitals', { consultationId: c.id, temperature_c: 39.1, heart_rate_bpm: 72, weight_kg: 70.5, pain_score: 3 });
    expect(view.vitals).toHaveLength(1);
    expect(view.vitals[0]!.values).toMatchObject({ temperature_c: 39.1, heart_rate_bpm: 72, weight_kg: 70.5, pain_score: 3, bp_systolic: null });
    expect(view.vitals[0]!.unusual).toEqual({ temperature_c: 'Unusual for an adult (usual 36.1–37.8 °C)' });
    expect(view.vitals[0]!.recordedBy).toBe('Dr Mokoena');
    expect(count(`SELECT count(*) AS n FROM sync_log WHERE table_name = 'vital_signs'`)).toBe(1);
    expect(count(`SELECT count(*) AS n FROM audit_log WHERE entity_type = 'vital_signs'`)).toBe(1);
  });

  it('codes only billable ICD-10-CM codes, keeps one primary diagnosis, and takes free text', async () => {
    const c = await doctor.call('consultations.start', { visitId: (await walkIn()).visitId });
    const category = await expectApiError(doctor.call('consultations.codeDiagnosis', { consultationId: c.id, codeSystem: 'ICD-10', code: 'H60.9', isPrimary: true }), 'validation');
    expect(category.fields).toEqual({ code: 'H60.9 is a category, not a billable code: choose one of the codes under it.' });
    const unknown = await expectApiError(doctor.call('consultations.codeDiagnosis', { consultationId: c.id, codeSystem: 'ICD-10', code: 'Q99.99' }), 'validation');
    expect(unknown.fields).toEqual({ code: 'Q99.99 is not an ICD-10-CM code.' });
    await expectApiError(doctor.call('consultations.codeDiagnosis', { consultationId: c.id, codeSystem: 'ICD-10' }), 'validation');
    expect(count(`SELECT count(*) AS n FROM consultation_diagnosis`)).toBe(0);

    await doctor.call('consultations.codeDiagnosis', { consultationId: c.id, codeSystem: 'ICD-10', code: 'H6091', isPrimary: true });
    const view = await doctor.call('consultations.codeDiagnosis', { consultationId: c.id, codeSystem: 'ICD-10', code: 'i10', isPrimary: true, status: 'chronic' });
    expect(view.diagnoses.map((d) => [d.code, d.description, d.isPrimary, d.status])).toEqual([
      ['I10', 'Essential (primary) hypertension', true, 'chronic'],
      ['H60.91', 'Unspecified otitis externa, right ear', false, 'active'],
    ]);
    const free = await doctor.call('consultations.codeDiagnosis', { consultationId: c.id, codeSystem: 'FREE_TEXT', description: 'Swimmer\u2019s ear' });
    expect(free.diagnoses.at(-1)).toMatchObject({ codeSystem: 'FREE_TEXT', code: null, description: 'Swimmer\u2019s ear', isPrimary: false });
    // Coding counts toward this practice's ranking.
    expect(count(`SELECT uses AS n FROM icd10_usage WHERE code = 'I10'`)).toBe(1);
  }, 60_000);

  it('adds procedures with code, quantity and price in minor units', async () => {
    const c = await doctor.call('consultations.start', { visitId: (await walkIn()).visitId });
    const zero = await expectApiError(doctor.call('consultations.addProcedure', { consultationId: c.id, codeSystem: 'CPT', code: '69210', description: 'Removal of impacted cerumen', quantity: 0 }), 'validation');
    expect(zero.fields).toEqual({ quantity: 'At least 1' });
    const view = await doctor.call('consultations.addProcedure', { consultationId: c.id, codeSystem: 'CPT', code: '69210', description: 'Removal of impacted cerumen', quantity: 2, unitPriceMinor: 35_000 });
    expect(view.procedures).toEqual([{ id: expect.any(String), codeSystem: 'CPT', code: '69210', description: 'Removal of impacted cerumen', quantity: 2, unitPriceMinor: 35_000 }]);
    expect(count(`SELECT count(*) AS n FROM sync_log WHERE table_name = 'consultation_procedure'`)).toBe(1);
  });

  it('changes a draft diagnosis (status, primary) and takes diagnoses and procedures off as tombstones; none of it once signed', async () => {
    const c = await doctor.call('consultations.start', { visitId: (await walkIn()).visitId });
    await doctor.call('consultations.codeDiagnosis', { consultationId: c.id, codeSystem: 'FREE_TEXT', description: 'Otitis externa', isPrimary: true });
    const two = await doctor.call('consultations.codeDiagnosis', { consultationId: c.id, codeSystem: 'FREE_TEXT', description: 'Eczema of the ear canal' });
    const [otitis, eczema] = two.diagnoses;
    const switched = await doctor.call('consultations.changeDiagnosis', { diagnosisId: eczema!.id, isPrimary: true, status: 'chronic' });
    expect(switched.diagnoses.map((d) => [d.description, d.isPrimary, d.status])).toEqual([
      ['Eczema of the ear canal', true, 'chronic'],
      ['Otitis externa', false, 'active'],
    ]);
    await expectApiError(doctor.call('consultations.changeDiagnosis', { diagnosisId: otitis!.id }), 'validation');
    const withProcedure = await doctor.call('consultations.addProcedure', { consultationId: c.id, codeSystem: 'PRACTICE', code: 'EAR1', description: 'Ear syringing' });
    const removed = await doctor.call('consultations.removeRow', { kind: 'diagnosis', id: otitis!.id });
    expect(removed.diagnoses.map((d) => d.description)).toEqual(['Eczema of the ear canal']);
    const noProcedure = await doctor.call('consultations.removeRow', { kind: 'procedure', id: withProcedure.procedures[0]!.id });
    expect(noProcedure.procedures).toEqual([]);
    // Tombstones, captured and audited: the rows stay.
    expect(count(`SELECT count(*) AS n FROM consultation_diagnosis WHERE id = ? AND deleted_at IS NOT NULL`, otitis!.id)).toBe(1);
    expect(count(`SELECT count(*) AS n FROM audit_log WHERE entity_type = 'consultation_procedure' AND action = 'delete'`)).toBe(1);
    expect(count(`SELECT count(*) AS n FROM sync_log WHERE table_name = 'consultation_diagnosis' AND row_id = ? AND op = 'update' AND json_extract(changes, '$.deleted_at') IS NOT NULL`, otitis!.id)).toBe(1);
    await expectApiError(doctor.call('consultations.removeRow', { kind: 'diagnosis', id: otitis!.id }), 'not_found');

    await doctor.call('consultations.sign', { consultationId: c.id });
    await expectApiError(doctor.call('consultations.changeDiagnosis', { diagnosisId: eczema!.id, status: 'resolved' }), 'conflict');
    await expectApiError(doctor.call('consultations.removeRow', { kind: 'diagnosis', id: eczema!.id }), 'conflict');
    const receptionist = await rx.staffClient('receptionist');
    await expectApiError(receptionist.call('consultations.removeRow', { kind: 'diagnosis', id: eczema!.id }), 'forbidden');
    expect(count(`SELECT count(*) AS n FROM consultation_diagnosis WHERE deleted_at IS NULL AND status = 'chronic'`)).toBe(1);
  });
});
