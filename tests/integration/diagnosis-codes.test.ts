/**
 * A veterinary practice's own coded diagnosis list: kept, searched the way
 * vets type, coded on a consultation, retired but never removed, imported
 * from CSV all or nothing, and changed only by those allowed to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import { practiceDiagnosisCodeId } from '../../electron/db/practice-diagnosis-codes';
import { expectApiError } from '../helpers/expect-error';
import { FELINE_HOSPITAL, MEDICAL_PRACTICE, openTestPractice, type TestPractice } from '../helpers/practice';

const MIXED_CLINIC = {
  practice: { ...FELINE_HOSPITAL.practice, name: 'Parkside Vets', allowedSpecies: ['Cat' as const, 'Dog' as const] },
  administrator: { ...FELINE_HOSPITAL.administrator, email: 'ada@parkside.test' },
};

let vet: TestPractice;
let nurse: ApiClient;
let serviceTypeId: string;
const patients: Record<'cat' | 'dog', string> = { cat: '', dog: '' };

beforeAll(async () => {
  vet = await openTestPractice(MIXED_CLINIC);
  nurse = await vet.staffClient('nurse');
  ({ id: serviceTypeId } = await vet.admin.call('reception.saveServiceType', { fields: { name: 'Consult', durationMinutes: 20, priceMinor: 6_500, practitionerShareBp: 5_000 } }));
  for (const [key, species] of [['cat', 'Cat'], ['dog', 'Dog']] as const) {
    ({ patientId: patients[key] } = await vet.admin.call('patients.register', {
      account: { newAccount: { firstName: 'Sam', lastName: key === 'cat' ? 'Okafor' : 'Lindqvist', phonePrimary: key === 'cat' ? '555 0101' : '555 0199' } },
      patient: { firstName: key === 'cat' ? 'Milo' : 'Rex', species },
    }));
  }
}, 60_000);
afterAll(() => vet.close());

async function consultationFor(patient: 'cat' | 'dog') {
  const { visitId } = await vet.admin.call('visits.walkIn', { patientId: patients[patient], serviceTypeId });
  return vet.admin.call('consultations.start', { visitId });
}

describe('the practice diagnosis list', () => {
  it('is empty at first, then keeps codes with a normalised code, species and synonyms', async () => {
    expect(await vet.admin.call('diagnosisCodes.list', {})).toEqual([]);
    const flutd = await vet.admin.call('diagnosisCodes.add', { code: ' flutd ', description: 'Feline lower urinary tract disease', species: ['Cat'], synonyms: 'cystitis; FIC; blocked cat' });
    expect(flutd).toMatchObject({ code: 'FLUTD', species: ['Cat'], synonyms: ['cystitis', 'FIC', 'blocked cat'], isActive: true });
    // The id derives from practice and code, so two desks adding FLUTD offline write one row.
    expect(flutd.id).toBe(practiceDiagnosisCodeId((await vet.admin.call('auth.session', {})).practice.id, 'FLUTD'));
    await vet.admin.call('diagnosisCodes.add', { code: 'OTEX', description: 'Otitis externa', synonyms: 'ear infection' });
    await vet.admin.call('diagnosisCodes.add', { code: 'OTEX-MAL', description: 'Otitis externa, Malassezia', species: ['Dog'] });
    await vet.admin.call('diagnosisCodes.add', { code: 'CKD', description: 'Chronic kidney disease', synonyms: 'renal failure; CRF' });
    expect((await vet.admin.call('diagnosisCodes.list', {})).map((c) => c.code)).toEqual(['CKD', 'FLUTD', 'OTEX', 'OTEX-MAL']);
  });

  it('refuses bad and duplicate codes with clear errors, writing nothing', async () => {
    const before = await vet.admin.call('diagnosisCodes.list', { includeRetired: true });
    const dup = await expectApiError(vet.admin.call('diagnosisCodes.add', { code: 'Flutd', description: 'Again' }), 'conflict');
    expect(dup.message).toBe('FLUTD is already on the list: edit it there.');
    const bad = await expectApiError(vet.admin.call('diagnosisCodes.add', { code: 'a b!', description: '' }), 'validation');
    expect(Object.keys(bad.fields ?? {}).sort()).toEqual(['code', 'description']);
    const horse = await expectApiError(vet.admin.call('diagnosisCodes.add', { code: 'COLIC', description: 'Colic', species: ['Horse'] }), 'validation');
    expect(horse.fields).toEqual({ species: 'This practice does not see Horse patients.' });
    expect(await vet.admin.call('diagnosisCodes.list', { includeRetired: true })).toEqual(before);
  });

  it('finds codes the way vets type: the code, words, synonyms, word starts and typos; only those for the patient’s species', async () => {
    const cat = await consultationFor('cat');
    const find = async (query: string, consultationId?: string) =>
      (await vet.admin.call('diagnosisCodes.search', { query, ...(consultationId ? { consultationId } : {}) })).map((h) => h.code);
    expect(await find('flutd')).toEqual(['FLUTD']);
    expect(await find('otex')).toEqual(['OTEX', 'OTEX-MAL']);
    expect(await find('cystitis')).toEqual(['FLUTD']);
    expect(await find('kidny')).toEqual(['CKD']); // typo
    expect(await find('renal fail')).toEqual(['CKD']); // synonym, word start
    // General before specific: "otitis externa" before its Malassezia form.
    expect(await find('otitis')).toEqual(['OTEX', 'OTEX-MAL']);
    // The dog-only code is not offered for a cat.
    expect(await find('otitis', cat.id)).toEqual(['OTEX']);
    expect(await find('hyperthyroid')).toEqual([]);
  });

  it('codes a diagnosis from the list on a consultation, refusing unknown, retired and wrong-species codes', async () => {
    const cat = await consultationFor('cat');
    const coded = await vet.admin.call('consultations.codeDiagnosis', { consultationId: cat.id, codeSystem: 'PRACTICE', code: 'flutd', isPrimary: true });
    expect(coded.diagnoses).toEqual([expect.objectContaining({ codeSystem: 'PRACTICE', code: 'FLUTD', description: 'Feline lower urinary tract disease', isPrimary: true })]);
    const unknown = await expectApiError(vet.admin.call('consultations.codeDiagnosis', { consultationId: cat.id, codeSystem: 'PRACTICE', code: 'NOPE' }), 'validation');
    expect(unknown.fields).toEqual({ code: 'NOPE is not on this practice’s diagnosis list.' });
    const wrong = await expectApiError(vet.admin.call('consultations.codeDiagnosis', { consultationId: cat.id, codeSystem: 'PRACTICE', code: 'OTEX-MAL' }), 'validation');
    expect(wrong.fields).toEqual({ code: 'OTEX-MAL is for Dog patients only.' });
    const missing = await expectApiError(vet.admin.call('consultations.codeDiagnosis', { consultationId: cat.id, codeSystem: 'PRACTICE' }), 'validation');
    expect(missing.fields).toEqual({ code: 'Choose a code' });

    // A code this desk uses ranks above an equally good match it doesn't.
    await vet.admin.call('diagnosisCodes.add', { code: 'CKD2', description: 'Chronic kidney disease stage 2' });
    await vet.admin.call('consultations.codeDiagnosis', { consultationId: cat.id, codeSystem: 'PRACTICE', code: 'CKD2' });
    await vet.admin.call('consultations.codeDiagnosis', { consultationId: cat.id, codeSystem: 'PRACTICE', code: 'CKD2' });
    expect((await vet.admin.call('diagnosisCodes.search', { query: 'kidney' })).map((h) => h.code)).toEqual(['CKD2', 'CKD']);

    const ckd2 = (await vet.admin.call('diagnosisCodes.list', {})).find((c) => c.code === 'CKD2')!;
    const retired = await vet.admin.call('diagnosisCodes.setActive', { id: ckd2.id, active: false });
    expect(retired.isActive).toBe(false);
    expect((await vet.admin.call('diagnosisCodes.search', { query: 'kidney' })).map((h) => h.code)).toEqual(['CKD']);
    const refused = await expectApiError(vet.admin.call('consultations.codeDiagnosis', { consultationId: cat.id, codeSystem: 'PRACTICE', code: 'CKD2' }), 'validation');
    expect(refused.fields).toEqual({ code: 'CKD2 has been retired from this practice’s diagnosis list.' });
    // Retired, not removed: the consultation still names it, and the list shows it when asked.
    const view = (await vet.admin.call('consultations.forVisit', { visitId: cat.visitId }))!;
    expect(view.diagnoses.filter((d) => d.code === 'CKD2')).toHaveLength(2);
    expect((await vet.admin.call('diagnosisCodes.list', { includeRetired: true })).find((c) => c.code === 'CKD2')?.isActive).toBe(false);
    const again = await expectApiError(vet.admin.call('diagnosisCodes.add', { code: 'CKD2', description: 'x' }), 'conflict');
    expect(again.message).toBe('CKD2 is already on the list (retired): edit it there.');
    await vet.admin.call('diagnosisCodes.setActive', { id: ckd2.id, active: true });
  });

  it('edits a code’s description, species and synonyms, audited; the code itself stays', async () => {
    const otex = (await vet.admin.call('diagnosisCodes.list', {})).find((c) => c.code === 'OTEX')!;
    const edited = await vet.admin.call('diagnosisCodes.update', { id: otex.id, description: 'Otitis externa (bacterial)', species: [], synonyms: 'ear infection; OE' });
    expect(edited).toMatchObject({ code: 'OTEX', description: 'Otitis externa (bacterial)', synonyms: ['ear infection', 'OE'] });
    expect((await vet.admin.call('diagnosisCodes.search', { query: 'oe' })).map((h) => h.code)).toEqual(['OTEX']);
    const audit = await vet.admin.call('audit.list', { entityType: 'practice_diagnosis_code', limit: 50 });
    expect(audit.entries.find((e) => e.entityId === otex.id && e.action === 'update')).toMatchObject({
      before: { description: 'Otitis externa', synonyms: 'ear infection' },
      after: { description: 'Otitis externa (bacterial)', synonyms: 'ear infection; OE' },
    });
  });

  it('imports a CSV all or nothing: a bad line names itself and nothing is written; a good file adds, updates and brings back', async () => {
    const before = await vet.admin.call('diagnosisCodes.list', { includeRetired: true });
    const bad = await expectApiError(
      vet.admin.call('diagnosisCodes.import', { csv: 'code,description,species,synonyms\nHCM,Hypertrophic cardiomyopathy,Cat,\n,Missing code,,\nHCM,Twice,,\nPARVO,Parvovirus,Ferret,\n' }),
      'validation',
    );
    expect(bad.fields?.csv?.split('\n')).toEqual([
      'Line 3: code: Required',
      'Line 4: code HCM is already on line 2',
      'Line 5: species: "Ferret" is not one of Cat, Dog, Rabbit, Bird, Reptile, Rodent, Horse, Other',
    ]);
    expect(await vet.admin.call('diagnosisCodes.list', { includeRetired: true })).toEqual(before);

    const ckd = before.find((c) => c.code === 'CKD')!;
    await vet.admin.call('diagnosisCodes.setActive', { id: ckd.id, active: false });
    const result = await vet.admin.call('diagnosisCodes.import', {
      csv: '\ufeffcode,description,species,synonyms\r\nHCM,Hypertrophic cardiomyopathy,Cat,"HCM; thick heart"\r\nCKD,Chronic kidney disease,,renal failure; CRF\r\nFLUTD,Feline lower urinary tract disease,Cat,cystitis; FIC; blocked cat\r\n',
    });
    expect(result).toEqual({ added: 1, updated: 1, unchanged: 1 });
    const after = await vet.admin.call('diagnosisCodes.list', {});
    expect(after.find((c) => c.code === 'CKD')?.isActive).toBe(true);
    expect(after.find((c) => c.code === 'HCM')).toMatchObject({ species: ['Cat'], synonyms: ['HCM', 'thick heart'] });
    await expectApiError(vet.admin.call('diagnosisCodes.import', { csv: '' }), 'validation');
  });

  it('lets a nurse search and code from the list but not change it', async () => {
    expect((await nurse.call('diagnosisCodes.search', { query: 'flutd' })).map((h) => h.code)).toEqual(['FLUTD']);
    await expectApiError(nurse.call('diagnosisCodes.add', { code: 'X1', description: 'Nope' }), 'forbidden');
    await expectApiError(nurse.call('diagnosisCodes.import', { csv: 'X1,Nope\n' }), 'forbidden');
    const receptionist = await vet.staffClient('receptionist');
    await expectApiError(receptionist.call('diagnosisCodes.search', { query: 'flutd' }), 'forbidden');
  });
});

describe('a human practice’s own codes', () => {
  it('takes codes without species, and refuses species on them', async () => {
    const gp = await openTestPractice(MEDICAL_PRACTICE);
    try {
      await gp.admin.call('diagnosisCodes.add', { code: 'LOCAL-01', description: 'Work-related stress review' });
      const refused = await expectApiError(gp.admin.call('diagnosisCodes.add', { code: 'LOCAL-02', description: 'x', species: ['Cat'] }), 'validation');
      expect(refused.fields).toEqual({ species: 'Species apply to veterinary practices only.' });
      expect((await gp.admin.call('diagnosisCodes.search', { query: 'stress' })).map((h) => h.code)).toEqual(['LOCAL-01']);
    } finally {
      gp.close();
    }
  });
});
