/**
 * Keeping the medication catalogue through the real core (SQLite file,
 * services, router): add, edit, retire and restore with their audit and
 * outbox rows; validation and the duplicate refusal; who may change it;
 * retired items leave the prescribe search; issued prescriptions never
 * change; a failed operation leaves nothing behind.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import type { MedicationFields } from '../../shared/schemas/catalogue';
import { expectApiError } from '../helpers/expect-error';
import { openReception, type ReceptionPractice } from '../helpers/reception';

let rx: ReceptionPractice;
let doctor: ApiClient;

const count = (table: string, where = '1 = 1', ...params: unknown[]) => rx.core.db.sqlite.prepare(`SELECT count(*) FROM ${table} WHERE ${where}`).pluck().get(...params) as number;
const fingerprint = () => ['medication', 'sync_log', 'audit_log'].map((table) => count(table));
const audits = (id: string) =>
  (rx.core.db.sqlite.prepare(`SELECT action, before_json, after_json FROM audit_log WHERE entity_type = 'medication' AND entity_id = ? ORDER BY device_seq`).all(id) as {
    action: string;
    before_json: string | null;
    after_json: string | null;
  }[]).map((a) => ({ action: a.action, before: a.before_json && JSON.parse(a.before_json), after: a.after_json && JSON.parse(a.after_json) }));
const searchNames = async (query: string) => (await doctor.call('medications.search', { query })).map((m) => m.name);

const PREDNISOLONE: MedicationFields = {
  name: 'Prednisolone 5 mg tablets',
  genericName: 'prednisolone',
  activeIngredients: 'prednisolone',
  form: 'Tablet',
  strength: '5 mg',
  route: 'Oral',
  category: 'Corticosteroid',
  schedule: 'S3',
  defaultDose: '1 tablet',
  defaultFrequency: 'Once daily in the morning',
};

beforeEach(async () => {
  rx = await openReception(Date.parse('2026-11-25T07:45:00Z'));
  doctor = rx.client();
  doctor.setToken((await doctor.call('auth.signIn', { email: 'dr.mokoena@rosebank.test', password: 'a long enough password' })).token);
});
afterEach(() => rx.close());

describe('adding and editing', () => {
  it('adds a medication (UUIDv7, one outbox row, audited), listed by name and found by the prescribe search', async () => {
    const before = fingerprint();
    const added = await doctor.call('medications.add', { fields: PREDNISOLONE });
    expect(added.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(added).toMatchObject({ name: 'Prednisolone 5 mg tablets', strength: '5 mg', form: 'Tablet', isControlled: false, schedule: 'S3', active: true, nappiCode: null });
    expect(fingerprint()).toEqual([before[0]! + 1, before[1]! + 2, before[2]! + 1]); // the row; its outbox row and the audit row's
    expect(audits(added.id)).toEqual([{ action: 'create', before: null, after: expect.objectContaining({ name: 'Prednisolone 5 mg tablets', is_controlled: 0, is_active: 1 }) }]);

    const list = await doctor.call('medications.list', {});
    expect(list.map((m) => m.name)).toEqual([...list.map((m) => m.name)].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    expect(list.find((m) => m.id === added.id)).toEqual(added);
    expect((await doctor.call('medications.list', { query: 'predniso' })).map((m) => m.id)).toEqual([added.id]);
    expect(await searchNames('predniso')).toEqual(['Prednisolone 5 mg tablets']);
  });

  it('edits only the columns that changed, audited with before and after', async () => {
    const added = await doctor.call('medications.add', { fields: PREDNISOLONE });
    const seq = rx.core.db.sqlite.prepare('SELECT max(seq) FROM sync_log').pluck().get() as number;
    const edited = await doctor.call('medications.update', { id: added.id, fields: { ...PREDNISOLONE, defaultDose: '2 tablets', nappiCode: '700123-001' } });
    expect(edited).toMatchObject({ defaultDose: '2 tablets', nappiCode: '700123-001', name: PREDNISOLONE.name });
    const outbox = rx.core.db.sqlite.prepare(`SELECT table_name, changes FROM sync_log WHERE seq > ? AND table_name = 'medication'`).all(seq) as { changes: string }[];
    expect(outbox).toHaveLength(1);
    expect(Object.keys(JSON.parse(outbox[0]!.changes) as object).sort()).toEqual(['default_dose', 'nappi_code', 'updated_at']);
    expect(audits(added.id)[1]).toEqual({ action: 'update', before: { default_dose: '1 tablet', nappi_code: null }, after: { default_dose: '2 tablets', nappi_code: '700123-001' } });

    // Saving unchanged writes nothing.
    const unchanged = fingerprint();
    await doctor.call('medications.update', { id: added.id, fields: { ...PREDNISOLONE, defaultDose: '2 tablets', nappiCode: '700123-001' } });
    expect(fingerprint()).toEqual(unchanged);
  });

  it('refuses a missing name and a controlled drug without a schedule, per field, writing nothing', async () => {
    const before = fingerprint();
    const refused = await expectApiError(doctor.call('medications.add', { fields: { ...PREDNISOLONE, name: '  ', isControlled: true, schedule: '' } }), 'validation');
    expect(refused.fields).toEqual({ 'fields.name': 'Required', 'fields.schedule': 'A controlled drug needs its schedule (e.g. S5)' });
    const added = await doctor.call('medications.add', { fields: PREDNISOLONE });
    const edit = await expectApiError(doctor.call('medications.update', { id: added.id, fields: { ...PREDNISOLONE, isControlled: true, schedule: null } }), 'validation');
    expect(Object.keys(edit.fields ?? {})).toEqual(['fields.schedule']);
    await expectApiError(doctor.call('medications.update', { id: '01900000-0000-7000-8000-000000000000', fields: PREDNISOLONE }), 'not_found');
    expect(fingerprint()).toEqual([before[0]! + 1, before[1]! + 2, before[2]! + 1]);
    expect(await doctor.call('medications.add', { fields: { ...PREDNISOLONE, name: 'Tramadol 100 mg tablets', strength: '100 mg', isControlled: true, schedule: 'S6' } })).toMatchObject({
      isControlled: true,
      schedule: 'S6',
    });
  });

  it('refuses a second active medication with the same name, strength and form (case and spacing aside)', async () => {
    const starter = (await doctor.call('medications.search', { query: 'paracetamol 500' }))[0]!;
    expect(starter).toMatchObject({ strength: '500 mg', form: 'Tablet' });
    const before = fingerprint();
    const twin = { ...PREDNISOLONE, name: 'PARACETAMOL  500 mg Tablets', strength: '500 MG', form: 'tablet' };
    const refused = await expectApiError(doctor.call('medications.add', { fields: twin }), 'conflict');
    expect(refused.message).toBe('Paracetamol 500 mg tablets is already in the catalogue with this strength and form');
    expect(refused.fields).toHaveProperty(['fields.name']);
    expect(fingerprint()).toEqual(before);
    // Another strength or form is another drug.
    await doctor.call('medications.add', { fields: { ...twin, form: 'Effervescent tablet' } });

    // An edit into a twin is refused too; so is restoring a retired one whose twin is active.
    const pred = await doctor.call('medications.add', { fields: PREDNISOLONE });
    await expectApiError(doctor.call('medications.update', { id: pred.id, fields: twin }), 'conflict');
    await doctor.call('medications.setActive', { id: starter.id, active: false });
    const replacement = await doctor.call('medications.add', { fields: twin });
    expect(replacement.active).toBe(true);
    await expectApiError(doctor.call('medications.setActive', { id: starter.id, active: true }), 'conflict');
    expect((await doctor.call('medications.list', { query: 'paracetamol' })).find((m) => m.id === starter.id)?.active).toBe(false);
  });
});

describe('retiring and restoring', () => {
  it('keeps the row, flagged in the list, gone from the search until restored; each step audited', async () => {
    const added = await doctor.call('medications.add', { fields: PREDNISOLONE });
    const retired = await doctor.call('medications.setActive', { id: added.id, active: false });
    expect(retired.active).toBe(false);
    expect(count('medication', 'id = ? AND deleted_at IS NULL', added.id)).toBe(1);
    expect(await searchNames('prednisolone')).toEqual([]);
    expect((await doctor.call('medications.list', { query: 'prednisolone' })).map((m) => [m.id, m.active])).toEqual([[added.id, false]]);

    // Retiring again changes nothing.
    const again = fingerprint();
    await doctor.call('medications.setActive', { id: added.id, active: false });
    expect(fingerprint()).toEqual(again);

    expect((await doctor.call('medications.setActive', { id: added.id, active: true })).active).toBe(true);
    expect(await searchNames('prednisolone')).toEqual(['Prednisolone 5 mg tablets']);
    expect(audits(added.id).map((a) => [a.action, a.before, a.after])).toEqual([
      ['create', null, expect.anything()],
      ['update', { is_active: 1 }, { is_active: 0 }],
      ['update', { is_active: 0 }, { is_active: 1 }],
    ]);
  });
});

describe('prescriptions already issued', () => {
  it('keep the drug as issued when it is edited or retired; a retired drug cannot be prescribed anew', async () => {
    const patientId = rx.patients[0]!;
    const added = await doctor.call('medications.add', { fields: PREDNISOLONE });
    const issued = await doctor.call('prescriptions.prescribe', { patientId, items: [{ medicationId: added.id, dose: '1 tablet', frequency: 'Daily', quantity: 10 }] });
    await doctor.call('medications.update', { id: added.id, fields: { ...PREDNISOLONE, name: 'Prednisolone 10 mg tablets', strength: '10 mg', form: 'Scored tablet', schedule: 'S4' } });
    await doctor.call('medications.setActive', { id: added.id, active: false });

    const [listed] = await doctor.call('prescriptions.forPatient', { patientId });
    expect(listed).toEqual(issued);
    expect(listed!.items[0]).toMatchObject({ medicationId: added.id, medicationName: 'Prednisolone 5 mg tablets', strength: '5 mg', form: 'Tablet', schedule: 'S3' });

    const refused = await expectApiError(doctor.call('prescriptions.prescribe', { patientId, items: [{ medicationId: added.id, dose: '1 tablet', frequency: 'Daily', quantity: 10 }] }), 'validation');
    expect(refused.fields).toEqual({ 'items.0.medicationId': 'Prednisolone 10 mg tablets is retired from the catalogue: restore it before prescribing it' });
  });
});

describe('who may change the catalogue', () => {
  it('refuses a nurse and a receptionist in the core, whatever the UI shows; the nurse may still read it', async () => {
    const nurse = await rx.staffClient('nurse');
    const receptionist = await rx.staffClient('receptionist');
    const before = fingerprint();
    const someId = (await doctor.call('medications.list', {}))[0]!.id;
    for (const client of [nurse, receptionist]) {
      await expectApiError(client.call('medications.add', { fields: PREDNISOLONE }), 'forbidden');
      await expectApiError(client.call('medications.update', { id: someId, fields: PREDNISOLONE }), 'forbidden');
      await expectApiError(client.call('medications.setActive', { id: someId, active: false }), 'forbidden');
    }
    expect(fingerprint()).toEqual(before);
    expect((await nurse.call('medications.list', {})).length).toBeGreaterThan(10);
    await expectApiError(receptionist.call('medications.list', {}), 'forbidden');
    // The administrator holds the permission too.
    expect((await rx.admin.call('medications.add', { fields: PREDNISOLONE })).active).toBe(true);
  });
});

describe('a failure half-way', () => {
  it('leaves the database as it was: no row, no outbox entry, no audit row', async () => {
    const added = await doctor.call('medications.add', { fields: PREDNISOLONE });
    const before = fingerprint();
    rx.core.db.sqlite.exec(`CREATE TEMP TRIGGER fail_audit BEFORE INSERT ON audit_log WHEN NEW.entity_type = 'medication'
      BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    try {
      await expectApiError(doctor.call('medications.add', { fields: { ...PREDNISOLONE, name: 'Dexamethasone 4 mg tablets', strength: '4 mg' } }), 'internal');
      await expectApiError(doctor.call('medications.update', { id: added.id, fields: { ...PREDNISOLONE, defaultDose: '3 tablets' } }), 'internal');
      await expectApiError(doctor.call('medications.setActive', { id: added.id, active: false }), 'internal');
    } finally {
      rx.core.db.sqlite.exec('DROP TRIGGER fail_audit');
    }
    expect(fingerprint()).toEqual(before);
    expect((await doctor.call('medications.list', { query: 'prednisolone' }))[0]).toEqual(added);
  });
});
