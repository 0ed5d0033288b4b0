import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectApiError } from '../helpers/expect-error';
import { openReception, type ReceptionPractice } from '../helpers/reception';

let rx: ReceptionPractice;
beforeAll(async () => {
  rx = await openReception();
}, 60_000);
afterAll(() => rx.close());

const count = (table: string) => (rx.core.db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const potassium = { testName: 'Potassium', testCode: '2823-3', value: '5.9', unit: 'mmol/L', referenceLow: 3.5, referenceHigh: 5.1, resultedAt: '2026-11-25T07:30:00.000Z' };

describe('lab results', () => {
  it('records a result with its flag worked out from the range, audited and captured in one transaction', async () => {
    const patientId = rx.patients[0]!;
    const [outbox, audit] = [count('sync_log'), count('audit_log')];
    const result = await rx.admin.call('labs.record', { patientId, fields: potassium });
    expect(result).toMatchObject({ testName: 'Potassium', value: '5.9', numericValue: 5.9, flag: 'high', status: 'final', correctsId: null, correctedById: null });
    expect(count('audit_log')).toBe(audit + 1);
    // The result row and the audit row, each captured.
    expect(count('sync_log')).toBe(outbox + 2);
    const low = await rx.admin.call('labs.record', { patientId, fields: { ...potassium, value: '3.1' } });
    expect(low.flag).toBe('low');
    const text = await rx.admin.call('labs.record', { patientId, fields: { testName: 'FeLV antigen', value: 'negative', resultedAt: '2026-11-25T07:40:00.000Z' } });
    expect(text).toMatchObject({ flag: 'normal', numericValue: null });
    const chosen = await rx.admin.call('labs.record', { patientId, fields: { testName: 'Urine culture', value: 'E. coli >10^5', flag: 'abnormal', resultedAt: '2026-11-25T07:50:00.000Z' } });
    expect(chosen.flag).toBe('abnormal');
  });

  it('refuses bad input with field messages and writes nothing', async () => {
    const patientId = rx.patients[1]!;
    const walkIn = await rx.admin.call('visits.walkIn', { patientId: rx.patients[2]!, serviceTypeId: rx.serviceId });
    const [outbox, rows] = [count('sync_log'), count('lab_result')];
    const e1 = await expectApiError(rx.admin.call('labs.record', { patientId, fields: { ...potassium, testName: ' ' } }), 'validation');
    expect(e1.fields).toMatchObject({ 'fields.testName': 'Required' });
    const e2 = await expectApiError(rx.admin.call('labs.record', { patientId, fields: { ...potassium, referenceLow: 6 } }), 'validation');
    expect(e2.fields?.['fields.referenceHigh']).toMatch(/low end/);
    await expectApiError(rx.admin.call('labs.record', { patientId, fields: { ...potassium, resultedAt: 'yesterday' } }), 'validation');
    await expectApiError(rx.admin.call('labs.record', { patientId, fields: { ...potassium, flag: 'weird' as never } }), 'validation');
    // A visit of another patient.
    const e3 = await expectApiError(rx.admin.call('labs.record', { patientId, visitId: walkIn.visitId, fields: potassium }), 'validation');
    expect(e3.fields).toEqual({ visitId: 'That visit is not one of this patient’s' });
    await expectApiError(rx.admin.call('labs.record', { patientId: '01890000-0000-7000-8000-000000000000', fields: potassium }), 'not_found');
    expect([count('sync_log'), count('lab_result')]).toEqual([outbox, rows]);
  });

  it('is immutable: a correction is a new row; the database refuses edits and deletes', async () => {
    const patientId = rx.patients[1]!;
    const first = await rx.admin.call('labs.record', { patientId, fields: potassium });
    const fixed = await rx.admin.call('labs.record', { patientId, correctsId: first.id, fields: { ...potassium, value: '4.9' } });
    expect(fixed).toMatchObject({ correctsId: first.id, flag: 'normal' });
    const list = await rx.admin.call('labs.forPatient', { patientId });
    expect(list.find((r) => r.id === first.id)).toMatchObject({ value: '5.9', correctedById: fixed.id });
    const again = await expectApiError(rx.admin.call('labs.record', { patientId, correctsId: first.id, fields: potassium }), 'validation');
    expect(again.fields?.correctsId).toMatch(/already been corrected/);
    const db = rx.core.db;
    expect(() => db.transaction(null, () => db.sqlite.prepare(`UPDATE lab_result SET value = '1.0' WHERE id = ?`).run(first.id))).toThrow(/immutable/);
    expect(() => db.transaction(null, () => db.sqlite.prepare(`UPDATE lab_result SET deleted_at = 'x' WHERE id = ?`).run(first.id))).toThrow(/immutable/);
    expect(() => db.transaction(null, () => db.sqlite.prepare(`DELETE FROM lab_result WHERE id = ?`).run(first.id))).toThrow(/never deleted/);
    // Correcting another patient's result is refused.
    await expectApiError(rx.admin.call('labs.record', { patientId: rx.patients[0]!, correctsId: fixed.id, fields: potassium }), 'not_found');
  });

  it('needs clinical rights', async () => {
    const reception = await rx.staffClient('receptionist');
    await expectApiError(reception.call('labs.record', { patientId: rx.patients[0]!, fields: potassium }), 'forbidden');
    await expectApiError(reception.call('labs.forPatient', { patientId: rx.patients[0]! }), 'forbidden');
    const nurse = await rx.staffClient('nurse');
    expect((await nurse.call('labs.forPatient', { patientId: rx.patients[0]! })).length).toBe(4);
  });
});
