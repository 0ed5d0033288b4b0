import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can } from '../../shared/domain/roles';
import { expectApiError } from '../helpers/expect-error';
import { FELINE_HOSPITAL, MEDICAL_PRACTICE, openTestPractice, type TestPractice } from '../helpers/practice';

let medical: TestPractice;
beforeAll(async () => {
  medical = await openTestPractice(MEDICAL_PRACTICE);
}, 60_000);
afterAll(() => medical.close());

describe('icd10.search through the API boundary', () => {
  it('serves clinicians (clinical.read) with ranked, typed hits; the first call loads the shipped code set', async () => {
    const doctor = await medical.staffClient('doctor');
    const hits = await doctor.call('icd10.search', { query: 'afib' });
    expect(hits.length).toBeGreaterThan(1);
    expect(hits.length).toBeLessThanOrEqual(20);
    expect(hits[0]).toEqual({ code: 'I4891', codeDotted: 'I48.91', title: 'Unspecified atrial fibrillation', billable: true, matchedBy: 'synonym' });
    expect(await doctor.call('icd10.search', { query: 'H60.9', limit: 3 })).toEqual([
      { code: 'H609', codeDotted: 'H60.9', title: 'Unspecified otitis externa', billable: false, matchedBy: 'code' },
      { code: 'H6090', codeDotted: 'H60.90', title: 'Unspecified otitis externa, unspecified ear', billable: true, matchedBy: 'code' },
      { code: 'H6091', codeDotted: 'H60.91', title: 'Unspecified otitis externa, right ear', billable: true, matchedBy: 'code' },
    ]);
    const nurse = await medical.staffClient('nurse');
    expect((await nurse.call('icd10.search', { query: 'strep throat', limit: 1 }))[0]?.codeDotted).toBe('J02.0');
  }, 60_000);

  it('refuses staff without clinical.read', async () => {
    for (const role of ['receptionist', 'billing', 'manager'] as const) {
      expect(can(role, 'clinical.read')).toBe(false);
      const staff = await medical.staffClient(role);
      await expectApiError(staff.call('icd10.search', { query: 'asthma' }), 'forbidden');
    }
  });

  it('says clearly what is wrong with bad input', async () => {
    const doctor = await medical.staffClient('doctor');
    const blank = await expectApiError(doctor.call('icd10.search', { query: '   ' }), 'validation');
    expect(blank.fields).toMatchObject({ query: 'Required' });
    const long = await expectApiError(doctor.call('icd10.search', { query: 'x'.repeat(101) }), 'validation');
    expect(long.fields?.query).toMatch(/100/);
    const limit = await expectApiError(doctor.call('icd10.search', { query: 'flu', limit: 0 }), 'validation');
    expect(Object.keys(limit.fields ?? {})).toEqual(['limit']);
    await expectApiError(doctor.call('icd10.search', { query: 42 } as never), 'validation');
  });

  it('works the same for a veterinary practice', async () => {
    const vet = await openTestPractice(FELINE_HOSPITAL);
    try {
      const hits = await vet.admin.call('icd10.search', { query: 'conjunctivitis', limit: 5 });
      expect(hits[0]?.codeDotted).toBe('H10.9');
    } finally {
      vet.close();
    }
  }, 60_000);
});
