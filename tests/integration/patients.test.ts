import { afterEach, describe, expect, it } from 'vitest';
import type { DuplicateCandidate } from '../../shared/api/types';
import type { RegisterPatientInput } from '../../shared/schemas/patient';
import { expectApiError } from '../helpers/expect-error';
import { FELINE_HOSPITAL, MEDICAL_PRACTICE, openTestPractice, type TestPractice } from '../helpers/practice';

const open: TestPractice[] = [];
async function practiceOf(kind: 'feline' | 'medical') {
  const p = await openTestPractice(kind === 'feline' ? FELINE_HOSPITAL : MEDICAL_PRACTICE);
  open.push(p);
  return p;
}
afterEach(() => open.splice(0).forEach((p) => p.close()));

const count = (p: TestPractice, table: string) => p.core.db.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get();

const milo: RegisterPatientInput = {
  account: {
    newAccount: { firstName: 'Jane', lastName: 'Smith', phonePrimary: '(082) 555-1234', email: 'jane@example.test', city: 'Boston' },
  },
  patient: {
    firstName: 'Milo',
    species: 'Cat',
    breed: 'Maine Coon',
    colour: 'Brown tabby',
    sex: 'male',
    reproductiveStatus: 'neutered',
    dateOfBirth: '2019-04-01',
    microchipNumber: '985112345678901',
    behaviouralNotes: 'Hisses at the stethoscope',
  },
  emergencyContacts: [{ name: 'John Smith', relationship: 'Spouse', phone: '082 555 9999' }],
  allergies: [{ allergen: 'Amoxicillin', reaction: 'Vomiting', severity: 'moderate' }],
};

describe('registering patients', () => {
  it('refuses a species the practice does not treat, per field, writing nothing', async () => {
    const p = await practiceOf('feline');
    const outbox = count(p, 'sync_log');
    const error = await expectApiError(p.admin.call('patients.register', { ...milo, patient: { ...milo.patient, species: 'Dog' } }), 'validation');
    expect(error.fields).toEqual({ 'patient.species': 'This practice does not treat Dog' });
    expect(count(p, 'patient')).toBe(0);
    expect(count(p, 'sync_log')).toBe(outbox);
  });

  it('requires a surname and refuses a species in a human practice', async () => {
    const p = await practiceOf('medical');
    const error = await expectApiError(
      p.admin.call('patients.register', {
        account: { newAccount: { firstName: 'Thandi', lastName: 'Nkosi', phonePrimary: '011 555 0000' } },
        patient: { firstName: 'Thandi', species: 'Cat' },
      }),
      'validation',
    );
    expect(error.fields).toEqual({ 'patient.species': 'This practice does not treat Cat', 'patient.lastName': 'Required' });
  });

  it('registers account, patient, contacts, medical aid and allergies together', async () => {
    const p = await practiceOf('medical');
    const { patientId, accountId } = await p.admin.call('patients.register', {
      account: { newAccount: { firstName: 'Thandi', lastName: 'Nkosi', phonePrimary: '011 555 0000', idNumber: '8001015009087' } },
      patient: { firstName: 'Thandi', lastName: 'Nkosi', dateOfBirth: '1980-01-01', sex: 'female', idNumber: '8001015009087' },
      medicalAid: { scheme: 'Discovery Health', plan: 'Classic Saver', memberNumber: '123456789', dependantCode: '00', isMainMember: true },
      allergies: [{ allergen: 'Penicillin', severity: 'life_threatening' }],
    });
    const chart = await p.admin.call('patients.chart', { patientId });
    expect(chart.patient).toMatchObject({ kind: 'human', firstName: 'Thandi', lastName: 'Nkosi', accountId, status: 'active' });
    expect(chart.medicalAid[0]).toMatchObject({ scheme: 'Discovery Health', isMainMember: true, dependantCode: '00' });
    expect(chart.allergies[0]).toMatchObject({ allergen: 'Penicillin', severity: 'life_threatening' });
    expect(chart.medicalHistory).toEqual([]);
  });

  it('warns about likely duplicates (phone, microchip, name + birth date) before saving, and saves when told to', async () => {
    const p = await practiceOf('feline');
    const first = await p.admin.call('patients.register', milo);

    const samePhone = await p.admin.call('patients.checkDuplicates', { firstName: 'Luna', phones: ['0825551234'] });
    expect(samePhone.map((c) => [c.patientId, c.reasons])).toEqual([[first.patientId, ['phone']]]);
    const sameChip = await p.admin.call('patients.checkDuplicates', { firstName: 'X', microchipNumber: '985112345678901' });
    expect(sameChip[0]?.reasons).toEqual(['microchip']);
    const sameNameDob = await p.admin.call('patients.checkDuplicates', { firstName: 'milo', dateOfBirth: '2019-04-01' });
    expect(sameNameDob[0]?.reasons).toEqual(['nameAndDateOfBirth']);
    expect(await p.admin.call('patients.checkDuplicates', { firstName: 'Milo', dateOfBirth: '2019-04-02', phones: ['011 000 0000'] })).toEqual([]);

    const again = { ...milo, account: { newAccount: { ...milo.account.newAccount!, firstName: 'Janet' } } };
    const warning = await expectApiError(p.admin.call('patients.register', again), 'duplicate_warning');
    const candidates = warning.detail as DuplicateCandidate[];
    expect(candidates[0]?.reasons.sort()).toEqual(['microchip', 'nameAndDateOfBirth', 'phone']);
    expect(count(p, 'patient')).toBe(1);

    await p.admin.call('patients.register', { ...again, acknowledgeDuplicates: true });
    expect(count(p, 'patient')).toBe(2);
  });

  it('adds a second pet to an existing account', async () => {
    const p = await practiceOf('feline');
    const { accountId, patientId } = await p.admin.call('patients.register', milo);
    const luna = await p.admin.call('patients.register', { account: { existingAccountId: accountId }, patient: { firstName: 'Luna', species: 'Cat', approximateAge: '2 years' } });
    expect(luna.accountId).toBe(accountId);
    const chart = await p.admin.call('patients.chart', { patientId });
    expect(chart.otherPatientsOnAccount.map((o) => o.displayName)).toEqual(['Luna (Smith)']);
    await expectApiError(
      p.admin.call('patients.register', { account: { existingAccountId: '01900000-0000-7000-8000-00000000dead' }, patient: { firstName: 'Ghost', species: 'Cat' } }),
      'validation',
    );
  });
});

describe('finding patients', () => {
  it('finds by any part of name, account name, phone, microchip or ID number', async () => {
    const p = await practiceOf('feline');
    const { patientId } = await p.admin.call('patients.register', milo);
    await p.admin.call('patients.register', {
      account: { newAccount: { firstName: 'Omar', lastName: 'Haddad', phonePrimary: '021 444 7777' } },
      patient: { firstName: 'Saffron', species: 'Cat', microchipNumber: '900164000111222' },
    });
    const find = async (query: string) => (await p.admin.call('patients.search', { query })).map((h) => h.patientId);
    for (const query of ['Mi', 'milo', 'ilo', 'Smi', 'mith', 'jane', '555-12', '5551', '(082) 555', '67890', 'Milo Smith', 'smith milo']) {
      expect(await find(query), query).toEqual([patientId]);
    }
    expect(await find('zzz')).toEqual([]);
    const [hit] = await p.admin.call('patients.search', { query: 'milo' });
    expect(hit).toMatchObject({ displayName: 'Milo (Smith)', accountName: 'Jane Smith', species: 'Cat', phone: '(082) 555-1234' });
  });

  it('keeps the index current when names and phones change', async () => {
    const p = await practiceOf('feline');
    const { patientId, accountId } = await p.admin.call('patients.register', milo);
    const chart = await p.admin.call('patients.chart', { patientId });
    await p.admin.call('accounts.update', { accountId, account: { ...chart.account, lastName: 'Okafor', phonePrimary: '031 222 3333' } });
    expect((await p.admin.call('patients.search', { query: 'okaf' })).map((h) => h.patientId)).toEqual([patientId]);
    expect(await p.admin.call('patients.search', { query: '5551234' })).toEqual([]);
    expect((await p.admin.call('patients.search', { query: '2223333' })).map((h) => h.displayName)).toEqual(['Milo (Okafor)']);
  });
});

describe('the chart', () => {
  it('edits lists with add, edit and remove (a tombstone, never a delete), each audited', async () => {
    const p = await practiceOf('feline');
    const { patientId } = await p.admin.call('patients.register', milo);
    const { id } = await p.admin.call('chart.saveRecord', { kind: 'allergy', patientId, fields: { allergen: 'Chicken', severity: 'mild' } });
    await p.admin.call('chart.saveRecord', { kind: 'allergy', patientId, id, fields: { allergen: 'Chicken', severity: 'severe' } });
    await p.admin.call('chart.removeRecord', { kind: 'allergy', id, reason: 'Entered on wrong patient' });
    const chart = await p.admin.call('patients.chart', { patientId });
    expect(chart.allergies.map((a) => a.allergen)).toEqual(['Amoxicillin']);
    expect(p.core.db.sqlite.prepare('SELECT deleted_at IS NOT NULL FROM allergy WHERE id = ?').pluck().get(id)).toBe(1);
    const log = await p.admin.call('audit.list', { patientId, entityType: 'allergy' });
    expect(log.entries.map((e) => e.action)).toEqual(['delete', 'update', 'create', 'create']);
    expect(log.entries[1]).toMatchObject({ before: { severity: 'mild' }, after: { severity: 'severe' } });
    expect(log.entries[0]?.after).toEqual({ reason: 'Entered on wrong patient' });
  });

  it('refuses an edit made on a stale copy instead of overwriting the other change', async () => {
    const p = await practiceOf('feline');
    const { patientId } = await p.admin.call('patients.register', milo);
    const opened = await p.admin.call('patients.chart', { patientId });
    const expectedUpdatedAt = opened.patient.updatedAt;
    const nurse = await p.staffClient('nurse');
    await nurse.call('patients.update', { patientId, patient: { ...opened.patient, colour: 'Grey' }, expectedUpdatedAt });
    const stale = await expectApiError(
      p.admin.call('patients.update', { patientId, patient: { ...opened.patient, breed: 'Siamese' }, expectedUpdatedAt }),
      'conflict',
    );
    expect(stale.message).toMatch(/Someone else changed this record/);
    expect((await p.admin.call('patients.chart', { patientId })).patient).toMatchObject({ colour: 'Grey', breed: 'Maine Coon' });
  });

  it('returns not_found for a patient of nowhere', async () => {
    const p = await practiceOf('feline');
    await expectApiError(p.admin.call('patients.chart', { patientId: '01900000-0000-7000-8000-00000000beef' }), 'not_found');
  });
});
