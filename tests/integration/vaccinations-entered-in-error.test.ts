/**
 * A vaccination "entered in error" through the real core: marked once with a
 * reason by a clinician (never by reception), audited, kept on the chart and
 * the timeline, left out of the due list (which falls back to the dose
 * before it) and the certificate; and SQLite's trigger refuses any other
 * change to the dose, a second mark and clearing the mark.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import { expectApiError } from '../helpers/expect-error';
import { pdfText } from '../helpers/pdf-text';
import { FELINE_HOSPITAL, openTestPractice, type TestPractice } from '../helpers/practice';

// 2026-12-02T03:30Z is 1 December, 22:30, in New York (the hospital's zone).
const clock = { now: Date.parse('2026-12-02T03:30:00Z') };
let cats: TestPractice;
let vet: ApiClient;
let biscuit: string;

const sqlite = () => cats.core.db.sqlite;
const record = (vaccineName: string, givenAt: string, nextDueOn: string | null, extra: Record<string, unknown> = {}) =>
  vet.call('vaccinations.record', { patientId: biscuit, vaccineName, givenAt, nextDueOn, ...extra });
const dueList = async () => (await vet.call('vaccinations.due', { windowDays: 30 })).entries.map((e) => [e.vaccinationId, e.nextDueOn, e.state]);

beforeEach(async () => {
  clock.now = Date.parse('2026-12-02T03:30:00Z');
  cats = await openTestPractice(FELINE_HOSPITAL, () => clock.now);
  vet = await cats.staffClient('doctor', 'dr.lee@lenox.test');
  ({ patientId: biscuit } = await cats.admin.call('patients.register', {
    account: { newAccount: { firstName: 'Mia', lastName: 'Jones', phonePrimary: '212 555 0101' } },
    patient: { firstName: 'Biscuit', species: 'Cat' },
  }));
});
afterEach(() => cats.close());

describe('marking a vaccination entered in error', () => {
  it('marks it once, with who, when and why, audited and captured; keeps it on the chart and the timeline', async () => {
    const dose = await record('FVRCP', '2026-11-30T15:00:00Z', '2027-11-30', { lotNumber: 'A1234' });
    expect(dose.enteredInError).toBeNull();
    const outboxBefore = sqlite().prepare('SELECT count(*) FROM sync_log').pluck().get() as number;
    clock.now += 60_000;
    const marked = await vet.call('vaccinations.enterInError', { vaccinationId: dose.id, reason: '  Recorded on the wrong cat  ' });
    expect(marked.enteredInError).toEqual({ at: '2026-12-02T03:31:00.000Z', byName: 'Test doctor', reason: 'Recorded on the wrong cat' });
    // Everything else is as recorded.
    expect({ ...marked, enteredInError: null }).toEqual(dose);
    expect(await vet.call('vaccinations.forPatient', { patientId: biscuit })).toEqual([marked]);

    const audit = sqlite().prepare("SELECT action, user_id, patient_id, before_json, after_json FROM audit_log WHERE entity_type = 'vaccination' AND entity_id = ? ORDER BY rowid").all(dose.id) as {
      action: string;
      user_id: string;
      patient_id: string;
      before_json: string;
      after_json: string;
    }[];
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(audit[1]!.patient_id).toBe(biscuit);
    expect(JSON.parse(audit[1]!.after_json)).toEqual({ enteredInErrorAt: '2026-12-02T03:31:00.000Z', reason: 'Recorded on the wrong cat' });
    // The mark and its audit row, one transaction, both in the outbox.
    expect((sqlite().prepare('SELECT count(*) FROM sync_log').pluck().get() as number) - outboxBefore).toBe(2);
    const change = sqlite().prepare("SELECT changes FROM sync_log WHERE table_name = 'vaccination' AND row_id = ? ORDER BY seq DESC LIMIT 1").pluck().get(dose.id) as string;
    expect(Object.keys(JSON.parse(change) as object).sort()).toEqual(['entered_in_error_at', 'entered_in_error_by', 'entered_in_error_reason', 'updated_at']);

    const timeline = await vet.call('chart.timeline', { patientId: biscuit, types: ['vaccination'] });
    expect(timeline.entries.map((e) => [e.id, e.status])).toEqual([[dose.id, 'entered_in_error']]);
  });

  it('refuses a second mark, an empty reason, an unknown dose, and reception', async () => {
    const dose = await record('Rabies', '2026-11-30T15:00:00Z', null);
    const empty = await expectApiError(vet.call('vaccinations.enterInError', { vaccinationId: dose.id, reason: '   ' }), 'validation');
    expect(empty.fields?.reason).toBeTruthy();
    const desk = await cats.staffClient('receptionist');
    await expectApiError(desk.call('vaccinations.enterInError', { vaccinationId: dose.id, reason: 'Not given' }), 'forbidden');
    await expectApiError(vet.call('vaccinations.enterInError', { vaccinationId: '01900000-0000-7000-8000-00000000dead', reason: 'Not given' }), 'not_found');
    expect((await vet.call('vaccinations.forPatient', { patientId: biscuit }))[0]!.enteredInError).toBeNull();

    await vet.call('vaccinations.enterInError', { vaccinationId: dose.id, reason: 'Never given' });
    const twice = await expectApiError(vet.call('vaccinations.enterInError', { vaccinationId: dose.id, reason: 'Other reason' }), 'conflict');
    expect(twice.message).toMatch(/already marked as entered in error/);
    expect((await vet.call('vaccinations.forPatient', { patientId: biscuit }))[0]!.enteredInError?.reason).toBe('Never given');
    expect(sqlite().prepare("SELECT count(*) FROM audit_log WHERE entity_type = 'vaccination' AND action = 'update'").pluck().get()).toBe(1);
  });
});

describe('what a dose entered in error no longer counts for', () => {
  it('leaves the due list, which falls back to the dose before it, and the certificate', async () => {
    const first = await record('FVRCP', '2025-11-20T15:00:00Z', '2026-11-20', { lotNumber: 'OLD-1' });
    const booster = await record('FVRCP', '2026-11-25T15:00:00Z', '2026-12-20', { lotNumber: 'NEW-2' });
    // The booster supersedes the first dose: due on 20 December.
    expect(await dueList()).toEqual([[booster.id, '2026-12-20', 'due']]);

    await vet.call('vaccinations.enterInError', { vaccinationId: booster.id, reason: 'Given to Tiger, not Biscuit' });
    // The booster was never Biscuit's: the first dose's due date counts again, overdue.
    expect(await dueList()).toEqual([[first.id, '2026-11-20', 'overdue']]);

    const pdf = await pdfText((await vet.call('vaccinations.certificate', { patientId: biscuit })).pdfBase64);
    expect(pdf.lines).toEqual(expect.arrayContaining(['2025-11-20  FVRCP', 'lot OLD-1']));
    expect(pdf.lines.join('\n')).not.toMatch(/NEW-2|2026-11-25/);

    // The only dose marked in error: nothing due, and the certificate says none recorded.
    await vet.call('vaccinations.enterInError', { vaccinationId: first.id, reason: 'Never given' });
    expect(await dueList()).toEqual([]);
    expect((await pdfText((await vet.call('vaccinations.certificate', { patientId: biscuit })).pdfBase64)).lines).toContain('No vaccinations recorded.');
    expect((await vet.call('vaccinations.forPatient', { patientId: biscuit })).map((v) => v.id)).toEqual([booster.id, first.id]);
  });
});

describe("the trigger (any write path, not only the service's)", () => {
  it('refuses changing what was recorded, an incomplete mark, re-marking and clearing the mark (the sync engine may only replace a mark)', async () => {
    const dose = await record('FeLV', '2026-11-30T15:00:00Z', '2027-11-30');
    const userId = sqlite().prepare("SELECT id FROM app_user WHERE display_name = 'Test doctor'").pluck().get() as string;
    const update = (set: string, ...params: unknown[]) => () => sqlite().prepare(`UPDATE vaccination SET ${set} WHERE id = ?`).run(...params, dose.id);
    const refused = /a recorded vaccination cannot be changed/;

    for (const column of ['vaccine_name', 'lot_number', 'site', 'given_at', 'next_due_on', 'notes', 'given_by_name', 'manufacturer']) {
      const value = column === 'next_due_on' ? '2028-01-01' : column === 'given_at' ? '2026-11-29T15:00:00.000Z' : 'changed';
      expect(update(`${column} = ?`, value), column).toThrow(refused);
    }
    // A mark is whole: a reason that says something, and who.
    expect(update("entered_in_error_at = '2026-12-01T00:00:00.000Z', entered_in_error_by = ?, entered_in_error_reason = ' '", userId)).toThrow(refused);
    expect(update("entered_in_error_at = '2026-12-01T00:00:00.000Z', entered_in_error_reason = 'Never given'")).toThrow(refused);
    expect(update("entered_in_error_reason = 'Never given'")).toThrow(refused);
    // Marking and a fact together is still a change of the fact.
    expect(update("entered_in_error_at = '2026-12-01T00:00:00.000Z', entered_in_error_by = ?, entered_in_error_reason = 'x', lot_number = 'L'", userId)).toThrow(refused);

    await vet.call('vaccinations.enterInError', { vaccinationId: dose.id, reason: 'Never given' });
    expect(update('entered_in_error_at = NULL, entered_in_error_by = NULL, entered_in_error_reason = NULL')).toThrow(refused);
    expect(update("entered_in_error_reason = 'A better reason'")).toThrow(refused);
    expect(update("entered_in_error_at = '2026-12-05T00:00:00.000Z'")).toThrow(refused);
    expect(update("lot_number = 'L'")).toThrow(refused);
    expect(sqlite().prepare('SELECT entered_in_error_reason FROM vaccination WHERE id = ?').pluck().get(dose.id)).toBe('Never given');
    expect(() => sqlite().prepare('DELETE FROM vaccination WHERE id = ?').run(dose.id)).toThrow(/never deleted/);

    // The sync engine (capture off) may bring in another desk's mark, last writer wins; it may not clear one or change a fact.
    const db = cats.core.db;
    expect(() => db.withoutCapture(update("entered_in_error_reason = 'Duplicate record', entered_in_error_at = '2026-12-05T00:00:00.000Z'"))).not.toThrow();
    expect(() => db.withoutCapture(update('entered_in_error_at = NULL, entered_in_error_by = NULL, entered_in_error_reason = NULL'))).toThrow(refused);
    expect(() => db.withoutCapture(update("entered_in_error_reason = ''"))).toThrow(refused);
    expect(() => db.withoutCapture(update("lot_number = 'L'"))).toThrow(refused);
    expect(sqlite().prepare('SELECT entered_in_error_reason FROM vaccination WHERE id = ?').pluck().get(dose.id)).toBe('Duplicate record');
  });
});
