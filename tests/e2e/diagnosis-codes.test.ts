/**
 * End to end in headless Chromium against the web host: a feline hospital's
 * vet keeps the practice's own diagnosis list (Clinical lists → Diagnosis
 * codes: empty state, a code added, a CSV import refused line by line and
 * then accepted, a code retired and restored), then codes a cat's
 * consultation from it by typing a synonym; ICD-10-CM is not offered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import { openBrowserApp, type BrowserApp } from '../helpers/browser-app';
import { httpClient } from '../helpers/http-client';

const CLOCK_START = Date.parse('2026-11-25T14:30:00Z'); // 09:30 in New York
const ADMIN = { email: 'ada@lenox.test', password: 'correct horse battery' };
const VET = { email: 'dr.lee@lenox.test', password: 'a long enough password' };

let app: BrowserApp;
let admin: ApiClient;
let visitId: string;

beforeAll(async () => {
  app = await openBrowserApp({ clockStartMs: CLOCK_START });
  admin = httpClient(app.host.url);
  const session = await admin.call('setup.createPractice', {
    practice: { name: 'Lenox Cat Hospital', kind: 'veterinary', allowedSpecies: ['Cat'], currency: 'USD', taxRateBasisPoints: 800, timeZone: 'America/New_York' },
    administrator: { ...ADMIN, displayName: 'Ada Admin' },
  });
  admin.setToken(session.token);
  await admin.call('staff.add', { ...VET, displayName: 'Dr Lee', role: 'doctor' });
  const { id: serviceTypeId } = await admin.call('reception.saveServiceType', { fields: { name: 'Consult', durationMinutes: 20, priceMinor: 6_500, practitionerShareBp: 5_000 } });
  const { patientId } = await admin.call('patients.register', {
    account: { newAccount: { firstName: 'Olga', lastName: 'Petrova', phonePrimary: '212 555 0101' } },
    patient: { firstName: 'Whiskers', species: 'Cat' },
  });
  ({ visitId } = await admin.call('visits.walkIn', { patientId, serviceTypeId }));
}, 120_000);
afterAll(async () => {
  await app?.close();
});

describe('the practice’s own diagnosis list, in the browser', () => {
  it('starts empty, takes a code, and refuses a bad CSV line by line before taking a good one', async () => {
    const { page } = app;
    await page.reload();
    await page.getByTestId('sign-in-email').fill(VET.email);
    await page.getByTestId('sign-in-password').fill(VET.password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('nav-clinical-lists').click();
    await page.getByTestId('clinical-lists-tab-diagnosis-codes').click();
    await page.getByTestId('dxcodes-empty').waitFor();
    expect(await page.getByTestId('dxcodes-empty').textContent()).toContain('No diagnosis codes yet');

    await page.getByTestId('dxcodes-add').click();
    await page.getByTestId('field-code').fill('hcm');
    await page.getByTestId('diagnosis-code-save').click();
    // Description is required: the field says so and nothing is saved.
    await page.getByText('Required').first().waitFor();
    await page.getByTestId('field-description').fill('Hypertrophic cardiomyopathy');
    await page.getByTestId('field-synonyms').fill('thick heart');
    await page.getByTestId('diagnosis-code-save').click();
    await page.locator('[data-testid="dxcode-row"][data-code="HCM"]').waitFor();

    const importCsv = async (text: string) => {
      const chooser = page.waitForEvent('filechooser');
      await page.getByTestId('dxcodes-import').click();
      await (await chooser).setFiles({ name: 'codes.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
    };
    await importCsv('code,description,species,synonyms\nFLUTD,Feline lower urinary tract disease,Cat,cystitis; FIC\n,No code,,\n');
    await page.getByTestId('error-note').filter({ hasText: 'Line 3: code: Required' }).waitFor();
    expect(await page.getByTestId('dxcode-row').count()).toBe(1);

    await importCsv('code,description,species,synonyms\nFLUTD,Feline lower urinary tract disease,Cat,cystitis; FIC\nCKD,Chronic kidney disease,,renal failure\n');
    await page.locator('[data-testid="dxcode-row"][data-code="FLUTD"]').waitFor();
    expect(await page.getByTestId('dxcode-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')))).toEqual(['CKD', 'FLUTD', 'HCM']);
    expect(await page.getByTestId('error-note').count()).toBe(0);
  });

  it('retires a code (gone from the list and from search) and restores it', async () => {
    const { page } = app;
    const ckd = page.locator('[data-testid="dxcode-row"][data-code="CKD"]');
    await ckd.getByTestId('dxcode-retire').click();
    await expect.poll(() => page.getByTestId('dxcode-row').count()).toBe(2);
    expect(await admin.call('diagnosisCodes.search', { query: 'kidney' })).toEqual([]);
    await page.getByTestId('dxcodes-show-retired').click();
    await expect.poll(() => ckd.getAttribute('data-active')).toBe('false');
    await ckd.getByTestId('dxcode-restore').click();
    await expect.poll(() => ckd.getAttribute('data-active')).toBe('true');
    expect((await admin.call('diagnosisCodes.search', { query: 'kidney' })).map((h) => h.code)).toEqual(['CKD']);
  });

  it('codes a cat’s consultation from the list by typing a synonym; ICD-10 is not offered to a veterinary practice', async () => {
    const { page } = app;
    await page.getByTestId('nav-queue').click();
    await page.getByTestId('queue-card').filter({ hasText: 'Whiskers' }).getByTestId('queue-start-consultation').click();
    await page.getByTestId('consultation-screen').waitFor();
    const search = page.getByTestId('diagnosis-search');
    await search.fill('cystits'); // a typo of a synonym
    await expect.poll(() => page.getByTestId('practice-code-hit').first().getAttribute('data-code')).toBe('FLUTD');
    expect(await page.getByTestId('icd10-hit').count()).toBe(0);
    await search.press('Enter');
    await page.locator('[data-testid="diagnosis-row"][data-code="FLUTD"]').waitFor();
    const saved = await admin.call('consultations.forVisit', { visitId });
    expect(saved?.diagnoses).toEqual([expect.objectContaining({ codeSystem: 'PRACTICE', code: 'FLUTD', description: 'Feline lower urinary tract disease', isPrimary: true })]);
  });
});
