/**
 * Signing: who may sign, and that a signed consultation and its rows cannot
 * change — refused by the services and by the SQLite triggers for raw SQL —
 * while addenda (append-only) stay the correction path.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import type { ConsultationView } from '../../shared/api/consultation-types';
import { expectApiError } from '../helpers/expect-error';
import { openReception, type ReceptionPractice } from '../helpers/reception';

let rx: ReceptionPractice;
let doctor: ApiClient;
let c: ConsultationView;
beforeEach(async () => {
  rx = await openReception(Date.parse('2026-11-25T07:45:00Z'));
  doctor = rx.client();
  doctor.setToken((await doctor.call('auth.signIn', { email: 'dr.mokoena@rosebank.test', password: 'a long enough password' })).token);
  const visit = await rx.admin.call('visits.walkIn', { patientId: rx.patients[0]!, serviceTypeId: rx.serviceId });
  c = await doctor.call('consultations.start', { visitId: visit.visitId });
  await doctor.call('consultations.saveDraft', { consultationId: c.id, chiefComplaint: 'Ear ache', assessment: 'Otitis externa' });
  await doctor.call('consultations.recordVitals', { consultationId: c.id, temperature_c: 37.2 });
  await doctor.call('consultations.codeDiagnosis', { consultationId: c.id, codeSystem: 'FREE_TEXT', description: 'Otitis externa', isPrimary: true });
  await doctor.call('consultations.addProcedure', { consultationId: c.id, codeSystem: 'PRACTICE', code: 'EAR1', description: 'Ear syringing' });
}, 60_000);
afterEach(() => rx.close());

const raw = (sql: string, ...params: unknown[]) => () => rx.core.db.sqlite.prepare(sql).run(...params);

describe('signing a consultation', () => {
  it('is for its practitioner or a doctor; a nurse cannot sign a colleague\u2019s note', async () => {
    const nurse = await rx.staffClient('nurse');
    expect((await nurse.call('consultations.forVisit', { visitId: c.visitId }))?.canSign).toBe(false);
    const refused = await expectApiError(nurse.call('consultations.sign', { consultationId: c.id }), 'conflict');
    expect(refused.message).toBe('Only the consultation\u2019s practitioner or a doctor can sign it.');
    const receptionist = await rx.staffClient('receptionist');
    await expectApiError(receptionist.call('consultations.sign', { consultationId: c.id }), 'forbidden');
    expect((await doctor.call('consultations.forVisit', { visitId: c.visitId }))?.status).toBe('draft');
  });

  it('makes the note and its rows immutable in the service, with a clear error, and nothing changes', async () => {
    const signed = await doctor.call('consultations.sign', { consultationId: c.id });
    expect(signed).toMatchObject({ status: 'signed', signedBy: 'Dr Mokoena', canSign: false, signedAt: '2026-11-25T07:45:00.000Z' });
    const before = rx.core.db.sqlite.prepare('SELECT count(*) AS n FROM sync_log').get();
    const message = 'This consultation is signed and cannot be changed. Add an addendum instead.';
    for (const call of [
      doctor.call('consultations.saveDraft', { consultationId: c.id, assessment: 'Otitis media' }),
      doctor.call('consultations.recordVitals', { consultationId: c.id, temperature_c: 38 }),
      doctor.call('consultations.codeDiagnosis', { consultationId: c.id, codeSystem: 'FREE_TEXT', description: 'Eczema' }),
      doctor.call('consultations.addProcedure', { consultationId: c.id, codeSystem: 'PRACTICE', code: 'X', description: 'Y' }),
    ]) {
      expect((await expectApiError(call, 'conflict')).message).toBe(message);
    }
    expect((await expectApiError(doctor.call('consultations.sign', { consultationId: c.id }), 'conflict')).message).toBe('This consultation is already signed.');
    expect(rx.core.db.sqlite.prepare('SELECT count(*) AS n FROM sync_log').get()).toEqual(before);
    const after = await doctor.call('consultations.forVisit', { visitId: c.visitId });
    expect(after).toMatchObject({ assessment: 'Otitis externa', status: 'signed' });
    expect([after!.vitals.length, after!.diagnoses.length, after!.procedures.length]).toEqual([1, 1, 1]);
  });

  it('is enforced by SQLite triggers for raw SQL too, including the sync engine\u2019s writes', async () => {
    await doctor.call('consultations.sign', { consultationId: c.id });
    const db = rx.core.db;
    const signedError = /the consultation is signed: it cannot be changed; add an addendum instead/;
    expect(raw(`UPDATE consultation SET assessment = 'changed' WHERE id = ?`, c.id)).toThrow(signedError);
    expect(raw(`UPDATE consultation SET status = 'draft', signed_at = NULL WHERE id = ?`, c.id)).toThrow(signedError);
    expect(raw(`UPDATE consultation SET deleted_at = '2026-11-25T08:00:00Z' WHERE id = ?`, c.id)).toThrow(signedError);
    expect(raw(`DELETE FROM consultation WHERE id = ?`, c.id)).toThrow(/never deleted/);
    // The sync engine (capture off) may write the merge of the text, which differs from the signed text only when an edit
    // that never saw the signature came in (a conflict then, migration 0015), and so may a clinician settling that conflict;
    // nothing else about a signed note changes, whoever writes.
    expect(() => db.withoutCapture(raw(`UPDATE consultation SET status = 'draft' WHERE id = ?`, c.id))).toThrow(signedError);
    expect(() => db.withSettling(raw(`UPDATE consultation SET practitioner_id = NULL WHERE id = ?`, c.id))).toThrow(signedError);
    expect(() => db.withoutCapture(raw(`UPDATE consultation SET plan = 'merged text' WHERE id = ?`, c.id))).not.toThrow();
    expect(() => db.withSettling(raw(`UPDATE consultation SET plan = NULL WHERE id = ?`, c.id))).not.toThrow();
    for (const table of ['vital_signs', 'consultation_diagnosis', 'consultation_procedure']) {
      expect(raw(`UPDATE ${table} SET updated_at = '2030-01-01T00:00:00Z' WHERE consultation_id = ?`, c.id), table).toThrow(signedError);
      expect(raw(`DELETE FROM ${table} WHERE consultation_id = ?`, c.id), table).toThrow(/never deleted/);
      // A patient merge may file them under the survivor (0014), and change nothing else while doing so.
      expect(raw(`UPDATE ${table} SET patient_id = ?, updated_at = '2030-01-01T00:00:00Z', created_at = '2020-01-01T00:00:00Z' WHERE consultation_id = ?`, rx.patients[1]!, c.id), table).toThrow(signedError);
      expect(raw(`UPDATE ${table} SET patient_id = ?, updated_at = '2030-01-01T00:00:00Z' WHERE consultation_id = ?`, rx.patients[1]!, c.id), table).not.toThrow();
    }
    expect(raw(`UPDATE consultation SET patient_id = ?, assessment = 'changed' WHERE id = ?`, rx.patients[1]!, c.id)).toThrow(signedError);
    expect(raw(`UPDATE consultation SET patient_id = ? WHERE id = ?`, rx.patients[1]!, c.id)).not.toThrow();
    expect(
      raw(
        `INSERT INTO vital_signs (id, practice_id, created_at, updated_at, consultation_id, patient_id, temperature_c, recorded_at)
         VALUES ('0190b2a4-0000-7000-8000-0000000000aa', ?, '2026-11-25T08:00:00Z', '2026-11-25T08:00:00Z', ?, ?, 38, '2026-11-25T08:00:00Z')`,
        rx.core.db.sqlite.prepare('SELECT practice_id FROM consultation').pluck().get(),
        c.id,
        c.patientId,
      ),
    ).toThrow(signedError);
    const row = db.sqlite.prepare('SELECT assessment, plan, status, deleted_at FROM consultation WHERE id = ?').get(c.id);
    expect(row).toEqual({ assessment: 'Otitis externa', plan: null, status: 'signed', deleted_at: null });
  });

  it('takes addenda, append-only, with author and time, audited and in the outbox', async () => {
    await doctor.call('consultations.sign', { consultationId: c.id });
    rx.clock.now += 5 * 60_000;
    await expectApiError(doctor.call('consultations.addAddendum', { consultationId: c.id, text: '   ' }), 'validation');
    const nurse = await rx.staffClient('nurse');
    const view = await nurse.call('consultations.addAddendum', { consultationId: c.id, text: 'Correction: it was the right ear.' });
    expect(view.addenda).toEqual([{ id: expect.any(String), author: 'Test nurse', writtenAt: '2026-11-25T07:50:00.000Z', text: 'Correction: it was the right ear.' }]);
    const id = view.addenda[0]!.id;
    expect(raw(`UPDATE consultation_addendum SET text = 'rewritten' WHERE id = ?`, id)).toThrow(/append-only/);
    const db = rx.core.db.sqlite;
    expect(db.prepare(`SELECT count(*) AS n FROM sync_log WHERE table_name = 'consultation_addendum' AND row_id = ?`).get(id)).toEqual({ n: 1 });
    expect(db.prepare(`SELECT count(*) AS n FROM audit_log WHERE entity_type = 'consultation_addendum' AND entity_id = ?`).get(id)).toEqual({ n: 1 });
    expect(db.prepare(`SELECT count(*) AS n FROM audit_log WHERE entity_type = 'consultation' AND entity_id = ? AND after_json LIKE '%signed%'`).get(c.id)).toEqual({ n: 1 });
  });
});
