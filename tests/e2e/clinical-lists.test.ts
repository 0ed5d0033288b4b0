/**
 * End to end in headless Chromium, in a medical practice: the doctor opens
 * Clinical lists, adds a controlled drug (refused on the schedule field
 * until it has one), retires a starter item (gone from the table, greyed
 * when retired items are shown), then prescribes the new drug from a chart;
 * the retired one is no longer offered there.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserApp, type BrowserApp } from '../helpers/browser-app';
import { httpClient } from '../helpers/http-client';

const CLOCK_START = Date.parse('2026-11-25T07:00:00Z');
const DOCTOR = { email: 'dr.naidoo@rosebank.test', password: 'a long enough password' };
const ADDED = 'Pethidine 50 mg/ml injection';
const RETIRED = 'Cefalexin 500 mg capsules';

let app: BrowserApp;
let patientId = '';

beforeAll(async () => {
  mkdirSync('docs/screenshots', { recursive: true });
  app = await openBrowserApp({ clockStartMs: CLOCK_START });
  const admin = httpClient(app.host.url);
  const session = await admin.call('setup.createPractice', {
    practice: { name: 'Rosebank Family Practice', kind: 'medical', allowedSpecies: [], currency: 'ZAR', taxRateBasisPoints: 1500, timeZone: 'Africa/Johannesburg' },
    administrator: { email: 'admin@rosebank.test', password: 'correct horse battery', displayName: 'Dr Admin' },
  });
  admin.setToken(session.token);
  await admin.call('staff.add', { ...DOCTOR, displayName: 'Dr Naidoo', role: 'doctor', licenceNumber: 'MP 0123456' });
  ({ patientId } = await admin.call('patients.register', {
    account: { newAccount: { firstName: 'Thandi', lastName: 'Nkosi', phonePrimary: '011 555 0001' } },
    patient: { firstName: 'Thandi', lastName: 'Nkosi', dateOfBirth: '1985-05-05' },
  }));
});
afterAll(async () => {
  await app?.close();
});

const row = (name: string) => app.page.locator(`[data-testid="medication-row"][data-name="${name}"]`);

describe('the medication catalogue', () => {
  it('adds a controlled drug (schedule required), retires a starter item, and prescribes the new one', async () => {
    const { page } = app;
    await page.reload();
    await page.getByTestId('sign-in-email').fill(DOCTOR.email);
    await page.getByTestId('sign-in-password').fill(DOCTOR.password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('nav-clinical-lists').click();
    await page.getByTestId('clinical-lists-tab-medications').waitFor();
    await row(RETIRED).waitFor();

    // Add: a controlled drug without its schedule is refused on that field.
    await page.getByTestId('catalogue-add').click();
    const form = page.getByTestId('medication-form');
    await form.getByTestId('field-name').fill(ADDED);
    await form.getByTestId('field-genericName').fill('pethidine');
    await form.getByTestId('field-strength').fill('50 mg/ml');
    await form.getByTestId('field-form').fill('Injection');
    await form.getByTestId('field-route').fill('Injectable');
    await form.getByTestId('field-defaultDose').fill('50 mg');
    await form.getByTestId('field-defaultFrequency').fill('Every 4 hours as needed');
    await form.getByTestId('field-isControlled').check();
    await page.getByTestId('medication-save').click();
    await form.getByText('A controlled drug needs its schedule (e.g. S5)').waitFor();
    expect(await form.getByTestId('field-schedule').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: 'docs/screenshots/clinical-lists-medication-form.png' });
    await form.getByTestId('field-schedule').fill('S6');
    await page.getByTestId('medication-save').click();
    await form.waitFor({ state: 'detached' });
    await row(ADDED).waitFor();
    expect(await row(ADDED).textContent()).toMatch(/50 mg\/ml.*Injection.*S6.*Controlled.*Active/);

    // Retire a starter item, after confirming: gone from the table, shown greyed with the retired ones.
    await row(RETIRED).getByTestId('medication-retire').click();
    expect(await page.getByTestId('medication-retire-dialog').textContent()).toContain('Prescriptions already issued keep it as written');
    await page.getByTestId('medication-retire-confirm').click();
    await row(RETIRED).waitFor({ state: 'detached' });
    await page.getByTestId('catalogue-show-retired').check();
    await row(RETIRED).waitFor();
    expect(await row(RETIRED).getAttribute('data-active')).toBe('false');
    expect(await row(RETIRED).getByTestId('medication-row-status').textContent()).toBe('Retired');
    expect(await row(RETIRED).getByTestId('medication-restore').count()).toBe(1);

    // The filter narrows the table.
    await page.getByTestId('catalogue-filter').fill('pethid');
    await expect.poll(() => page.getByTestId('medication-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name')))).toEqual([ADDED]);
    await page.getByTestId('catalogue-filter').fill('');
    await row(RETIRED).waitFor();
    await page.screenshot({ path: 'docs/screenshots/clinical-lists.png' });

    // Prescribe the new drug from the chart; the retired one is not offered.
    await page.evaluate((id) => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = `#/patients/${id}`;
    }, patientId);
    await page.getByTestId('patient-chart').waitFor();
    await page.getByTestId('chart-prescribe').click();
    await page.getByTestId('rx-search').fill('cefalexin');
    await page.getByTestId('rx-dialog').getByText('No medication in the catalogue matches').waitFor();
    await page.getByTestId('rx-search').fill('pethidine');
    await page.locator(`[data-testid="rx-result"][data-medication-name="${ADDED}"]`).click();
    expect(await page.getByTestId('rx-dose-0').inputValue()).toBe('50 mg');
    await page.getByTestId('rx-quantity-0').fill('2');
    await page.getByTestId('rx-issue').click();
    await page.getByTestId('rx-issued').waitFor();
    await page.getByTestId('rx-done').click();
    const listed = page.getByTestId('chart-prescription').first();
    await listed.waitFor();
    expect(await listed.textContent()).toContain(`${ADDED}: 50 mg, Every 4 hours as needed`);
  });
});
