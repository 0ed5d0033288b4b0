/**
 * Vaccinations through the real core: recording (validated, once, its facts
 * immutable in SQLite), the patient's list, the due and overdue list around
 * its boundaries and the practice's time zone, the certificate PDF, roles,
 * and the audit and outbox rows.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import { expectApiError } from '../helpers/expect-error';
import { pdfText } from '../helpers/pdf-text';
import { FELINE_HOSPITAL, openTestPractice, type TestPractice } from '../helpers/practice';

// 2026-12-02T03:30Z is still 1 December, 22:30, in New York (the hospital's zone).
const clock = { now: Date.parse('2026-12-02T03:30:00Z') };
let cats: TestPractice;
let vet: ApiClient;
let biscuit: string;
let tiger: string;

const count = (table: string, where = '1 = 1') => cats.core.db.sqlite.prepare(`SELECT count(*) FROM ${table} WHERE ${where}`).pluck().get() as number;
const record = (patientId: string, vaccineName: string, givenAt: string, nextDueOn: string | null, extra: Record<string, unknown> = {}) =>
  vet.call('vaccinations.record', { patientId, vaccineName, givenAt, nextDueOn, ...extra });

beforeEach(async () => {
  clock.now = Date.parse('2026-12-02T03:30:00Z');
  cats = await openTestPractice(FELINE_HOSPITAL, () => clock.now);
  vet = await cats.staffClient('doctor', 'dr.lee@lenox.test');
  ({ patientId: biscuit } = await cats.admin.call('patients.register', {
    account: { newAccount: { firstName: 'Mia', lastName: 'Jones', phonePrimary: '212 555 0101', email: 'mia@example.test' } },
    patient: { firstName: 'Biscuit', species: 'Cat' },
  }));
  ({ patientId: tiger } = await cats.admin.call('patients.register', {
    account: { newAccount: { firstName: 'Sam', lastName: 'Okafor', phonePrimary: '212 555 0202' } },
    patient: { firstName: 'Tiger', species: 'Cat' },
  }));
});
afterEach(() => cats.close());

describe('recording a vaccination', () => {
  it('stores lot, site, manufacturer, who gave it and the next due date, with its audit and outbox rows', async () => {
    const before = count('sync_log');
    const given = await vet.call('vaccinations.record', {
      patientId: biscuit,
      vaccineName: 'FVRCP',
      vaccineType: 'Core',
      manufacturer: 'Zoetis',
      lotNumber: 'A1234',
      site: 'Right forelimb',
      nextDueOn: '2027-12-01',
    });
    expect(given).toMatchObject({ givenAt: '2026-12-02T03:30:00.000Z', givenByName: 'Test doctor', lotNumber: 'A1234', nextDueOn: '2027-12-01' });
    expect(count('sync_log') - before).toBe(2); // the vaccination and its audit entry
    expect(count('audit_log', `entity_type = 'vaccination' AND entity_id = '${given.id}'`)).toBe(1);
    expect(await vet.call('vaccinations.forPatient', { patientId: biscuit })).toEqual([given]);
    expect(() => cats.core.db.sqlite.prepare('UPDATE vaccination SET lot_number = ? WHERE id = ?').run('B9', given.id)).toThrow(/cannot be changed/);
    expect(() => cats.core.db.sqlite.prepare('DELETE FROM vaccination WHERE id = ?').run(given.id)).toThrow(/never deleted/);
  });

  it('refuses a next due date before the dose (in practice time), a dose in the future, and non-clinicians', async () => {
    // Given 22:30 on 1 December in New York: due on 1 December is allowed, 30 November is not.
    expect((await record(biscuit, 'Rabies', '2026-12-02T03:30:00Z', '2026-12-01')).nextDueOn).toBe('2026-12-01');
    const early = await expectApiError(record(biscuit, 'Rabies', '2026-12-02T03:30:00Z', '2026-11-30'), 'validation');
    expect(early.fields?.nextDueOn).toMatch(/cannot be due before/);
    await expectApiError(record(biscuit, 'Rabies', '2026-12-03T03:30:00Z', null), 'validation');
    await expectApiError(record(biscuit, ' ', '2026-12-01T03:30:00Z', null), 'validation');
    await expectApiError(record(biscuit, 'Rabies', '2026-12-01T03:30:00Z', '2026-02-30'), 'validation');
    const desk = await cats.staffClient('receptionist');
    await expectApiError(desk.call('vaccinations.record', { patientId: biscuit, vaccineName: 'FeLV' }), 'forbidden');
    await expectApiError(desk.call('vaccinations.due', {}), 'forbidden');
    expect(count('vaccination')).toBe(1);
  });
});

describe('the due and overdue list', () => {
  it('includes overdue and due up to the window end, both ends included, and nothing after', async () => {
    await record(biscuit, 'FVRCP', '2025-11-30T15:00:00Z', '2026-11-30'); // overdue by 1 (asOf 2026-12-01)
    await record(biscuit, 'Rabies', '2025-12-01T15:00:00Z', '2026-12-01'); // due today
    await record(tiger, 'FVRCP', '2025-12-31T15:00:00Z', '2026-12-31'); // due in 30 days: the last day of the window
    await record(tiger, 'FeLV', '2026-01-01T15:00:00Z', '2027-01-01'); // 31 days: outside
    const due = await vet.call('vaccinations.due', { windowDays: 30 });
    expect(due.asOf).toBe('2026-12-01'); // practice time, not the UTC date (2 December)
    expect(due.entries.map((e) => [e.patientName, e.vaccineName, e.nextDueOn, e.state, e.daysUntilDue])).toEqual([
      ['Biscuit (Jones)', 'FVRCP', '2026-11-30', 'overdue', -1],
      ['Biscuit (Jones)', 'Rabies', '2026-12-01', 'due', 0],
      ['Tiger (Okafor)', 'FVRCP', '2026-12-31', 'due', 30],
    ]);
    expect(due.entries[0]).toMatchObject({ contactName: 'Mia Jones', phone: '212 555 0101', email: 'mia@example.test', species: 'Cat' });
    expect((await vet.call('vaccinations.due', { windowDays: 31 })).entries).toHaveLength(4);
    expect((await vet.call('vaccinations.due', { windowDays: 30, state: 'overdue' })).entries.map((e) => e.vaccineName)).toEqual(['FVRCP']);
    expect((await vet.call('vaccinations.due', { windowDays: 30, species: 'Dog' })).entries).toEqual([]);

    // An hour and a half later it is 2 December in New York: today's dose turns overdue, and the window moves a day.
    clock.now = Date.parse('2026-12-02T05:00:00Z');
    const later = await vet.call('vaccinations.due', { windowDays: 30 });
    expect(later.asOf).toBe('2026-12-02');
    expect(later.entries.map((e) => [e.vaccineName, e.state, e.daysUntilDue])).toEqual([
      ['FVRCP', 'overdue', -2],
      ['Rabies', 'overdue', -1],
      ['FVRCP', 'due', 29],
      ['FeLV', 'due', 30],
    ]);
    expect((await vet.call('vaccinations.due', { asOf: '2026-11-29', windowDays: 0 })).entries).toEqual([]);
  });

  it('drops a dose once its booster is given, and leaves an empty list empty', async () => {
    expect((await vet.call('vaccinations.due', {})).entries).toEqual([]);
    await record(biscuit, 'FVRCP', '2025-11-01T15:00:00Z', '2026-11-01');
    expect((await vet.call('vaccinations.due', {})).entries).toHaveLength(1);
    await record(biscuit, 'fvrcp', '2026-12-01T20:00:00Z', '2027-12-01');
    expect((await vet.call('vaccinations.due', {})).entries).toEqual([]);
    // A deceased patient is not reminded about.
    await record(tiger, 'Rabies', '2025-11-01T15:00:00Z', '2026-11-01');
    const chart = await cats.admin.call('patients.chart', { patientId: tiger });
    await cats.admin.call('patients.update', {
      patientId: tiger,
      expectedUpdatedAt: chart.patient.updatedAt,
      patient: { ...(chart.patient as unknown as Record<string, unknown>), status: 'deceased', deceasedDate: '2026-11-20' } as never,
    });
    expect((await vet.call('vaccinations.due', {})).entries).toEqual([]);
  });
});

describe('merged patients', () => {
  it("count a merged record's doses under the survivor, whose booster clears them", async () => {
    await record(tiger, 'FVRCP', '2025-11-20T15:00:00Z', '2026-11-20');
    await cats.admin.call('duplicates.merge', { survivorId: biscuit, mergedId: tiger });
    const due = await vet.call('vaccinations.due', {});
    expect(due.entries.map((e) => [e.patientId, e.patientName, e.vaccineName, e.state])).toEqual([[biscuit, 'Biscuit (Jones)', 'FVRCP', 'overdue']]);
    expect((await vet.call('vaccinations.forPatient', { patientId: tiger })).map((v) => v.vaccineName)).toEqual(['FVRCP']);
    await record(biscuit, 'FVRCP', '2026-12-01T20:00:00Z', '2027-12-01');
    expect((await vet.call('vaccinations.due', {})).entries).toEqual([]);
  });
});

describe('the vaccination certificate', () => {
  it('is a PDF listing every dose with its practice-local date, lot and who gave it', async () => {
    await record(biscuit, 'FVRCP', '2026-12-02T03:30:00Z', '2027-12-01', { lotNumber: 'A1234', manufacturer: 'Zoetis' });
    await record(biscuit, 'Rabies', '2025-06-01T14:00:00Z', null);
    const file = await vet.call('vaccinations.certificate', { patientId: biscuit });
    expect(file.fileName).toBe('vaccination-certificate-Biscuit-Jones.pdf');
    const pdf = await pdfText(file.pdfBase64);
    expect(pdf.pages).toBe(1);
    expect(pdf.lines).toEqual(
      expect.arrayContaining([
        'Lenox Cat Hospital',
        'Vaccination certificate',
        'Patient: Biscuit (Jones)',
        'Owner / account: Mia Jones',
        '2026-12-01  FVRCP',
        'Zoetis · lot A1234',
        'Given by Test doctor    Next due 2027-12-01',
        '2025-06-01  Rabies',
      ]),
    );
  });
});
