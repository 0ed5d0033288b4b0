/**
 * End to end in headless Chromium, in a feline hospital: a vet records a
 * vaccination from the chart and sees it on the "Vaccinations due" screen
 * when due (and the empty state for overdue), then marks it entered in
 * error (struck through, gone from the due list); prescribes from the chart —
 * a controlled drug refused for want of a licence number, an allergy
 * warning overridden with a reason — saves the prescription PDF, and
 * cancels it (the row stays, shown as cancelled) and reissues it.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserApp, type BrowserApp } from '../helpers/browser-app';
import { httpClient } from '../helpers/http-client';

// 09:00 on 25 November in New York.
const CLOCK_START = Date.parse('2026-11-25T14:00:00Z');
const VET = { email: 'dr.lee@lenox.test', password: 'a long enough password' };

let app: BrowserApp;
let catId = '';

beforeAll(async () => {
  mkdirSync('docs/screenshots', { recursive: true });
  app = await openBrowserApp({ clockStartMs: CLOCK_START });
  const admin = httpClient(app.host.url);
  const session = await admin.call('setup.createPractice', {
    practice: { name: 'Lenox Cat Hospital', kind: 'veterinary', allowedSpecies: ['Cat'], currency: 'USD', taxRateBasisPoints: 800, timeZone: 'America/New_York' },
    administrator: { email: 'ada@lenox.test', password: 'correct horse battery', displayName: 'Ada Admin' },
  });
  admin.setToken(session.token);
  // No licence number on record: controlled drugs are refused until Staff has one.
  await admin.call('staff.add', { ...VET, displayName: 'Dr Lee', role: 'doctor' });
  ({ patientId: catId } = await admin.call('patients.register', {
    account: { newAccount: { firstName: 'Maria', lastName: 'Gonzalez', phonePrimary: '(617) 555-0142' } },
    patient: { firstName: 'Whiskers', species: 'Cat' },
    allergies: [{ allergen: 'NSAIDs', severity: 'severe' }],
  }));
});
afterAll(async () => {
  await app?.close();
});

async function openChart(): Promise<void> {
  await app.page.evaluate((id) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = `#/patients/${id}`;
  }, catId);
  await app.page.getByTestId('patient-chart').waitFor();
}

describe('vaccinations from the chart', () => {
  it('records a dose, which shows on the chart and on the due list when due', async () => {
    const { page } = app;
    await page.reload();
    await page.getByTestId('sign-in-email').fill(VET.email);
    await page.getByTestId('sign-in-password').fill(VET.password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('nav-vaccinations-due').waitFor();
    await openChart();
    await page.getByTestId('chart-record-vaccination').click();
    await page.getByTestId('vx-vaccineName').fill('FVRCP');
    await page.getByTestId('vx-manufacturer').fill('Zoetis');
    await page.getByTestId('vx-lotNumber').fill('A1234');
    await page.getByTestId('vx-site').fill('Right forelimb');
    await page.getByTestId('vx-nextDueOn').fill('2026-12-10');
    await page.getByTestId('vx-nextDueOn').press('Tab');
    await page.getByTestId('vx-submit').click();
    const dose = page.locator('[data-testid="chart-vaccination"][data-vaccine="FVRCP"]');
    await dose.waitFor();
    expect(await dose.textContent()).toContain('2026-11-25 · FVRCP · Next due 2026-12-10');

    await page.getByTestId('nav-vaccinations-due').click();
    const row = page.locator(`[data-testid="vx-due-row"][data-patient-id="${catId}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('due');
    expect(await row.textContent()).toMatch(/Whiskers \(Gonzalez\).*FVRCP.*2026-12-10.*In 15 d.*Maria Gonzalez.*\(617\) 555-0142/);

    await page.screenshot({ path: 'docs/screenshots/vaccinations-due.png' });
    await page.getByTestId('vx-due-state').getByText('Overdue', { exact: true }).click();
    await page.getByTestId('vx-due-empty').waitFor();
    expect(await page.getByTestId('vx-due-row').count()).toBe(0);
  });

  it('marks the dose entered in error (reason required): struck through on the chart, gone from the due list', async () => {
    const { page } = app;
    await openChart();
    const dose = page.locator('[data-testid="chart-vaccination"][data-vaccine="FVRCP"]');
    await dose.getByTestId('vx-enter-in-error').click();
    await page.getByTestId('vx-error-submit').click();
    await page.getByTestId('vx-error-form').getByTestId('error-note').waitFor();
    await page.getByTestId('vx-error-reason').fill('Recorded on the wrong cat');
    await page.getByTestId('vx-error-submit').click();
    await expect.poll(() => dose.getAttribute('data-entered-in-error')).toBe('true');
    expect(await dose.getByTestId('vx-entered-in-error').textContent()).toMatch(/^Entered in error: Recorded on the wrong cat \(Dr Lee, 2026-11-25 09:\d\d\)$/);
    const struck = await dose
      .locator('p')
      .first()
      .evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { textDecorationLine: string } }).getComputedStyle(el).textDecorationLine);
    expect(struck).toBe('line-through');
    expect(await dose.getByTestId('vx-enter-in-error').count()).toBe(0);

    await page.getByTestId('nav-vaccinations-due').click();
    await page.getByTestId('vx-due-state').getByText('Due and overdue', { exact: true }).click();
    await page.getByTestId('vx-due-empty').waitFor();
    expect(await page.getByTestId('vx-due-row').count()).toBe(0);
  });
});

describe('prescribing from the chart', () => {
  it('refuses a controlled drug without a licence, warns on an allergy, issues with the override and saves the PDF', async () => {
    const { page } = app;
    await openChart();
    await page.getByTestId('chart-prescribe').click();
    const dialog = page.getByTestId('rx-dialog');

    await page.getByTestId('rx-search').fill('buprenorphine');
    await page.locator('[data-testid="rx-result"][data-medication-name^="Buprenorphine"]').click();
    // Refused as soon as it is added (the core's check), and again on issue.
    await page.getByTestId('rx-item-error-0').waitFor();
    expect(await page.getByTestId('rx-item-error-0').textContent()).toMatch(/controlled drug \(S6\).*licence number/);
    await page.getByTestId('rx-quantity-0').fill('1');
    await page.getByTestId('rx-issue').click();
    await page.getByTestId('error-note').waitFor();
    expect(await page.getByTestId('rx-item-error-0').count()).toBe(1);
    await page.getByTestId('rx-item').getByRole('button', { name: 'Remove' }).click();

    await page.getByTestId('rx-search').fill('melox');
    await page.locator('[data-testid="rx-result"][data-medication-name^="Meloxicam"]').click();
    expect(await page.getByTestId('rx-dose-0').inputValue()).toBe('0.05 mg/kg');
    await page.getByTestId('rx-quantity-0').fill('1');
    await page.getByTestId('rx-duration-0').fill('5 days');
    // Warned before issuing; issuing without a reason is refused by the core.
    await page.getByTestId('rx-allergy-0').waitFor();
    await page.getByTestId('rx-issue').click();
    await expect.poll(() => page.getByTestId('error-note').textContent()).toMatch(/matches a recorded allergy \(NSAIDs\)/);
    expect(await page.getByTestId('rx-allergy-0').textContent()).toContain('Allergy: NSAIDs');
    await page.getByTestId('rx-override-0').fill('Owner reports GI upset only, not allergy; benefit outweighs risk');
    await page.screenshot({ path: 'docs/screenshots/prescribe-dialog.png' });
    await page.getByTestId('rx-issue').click();

    const issued = page.getByTestId('rx-issued');
    await issued.waitFor();
    const number = (await issued.getAttribute('data-prescription-number'))!;
    expect(number).toMatch(/^RX-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const download = page.waitForEvent('download');
    await page.getByTestId('rx-pdf').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`prescription-${number}.pdf`);
    expect(readFileSync(await file.path()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.getByTestId('rx-done').click();
    await dialog.waitFor({ state: 'detached' });

    const listed = page.locator(`[data-testid="chart-prescription"][data-prescription-number="${number}"]`);
    await listed.waitFor();
    expect(await listed.getAttribute('data-status')).toBe('active');
    expect(await listed.textContent()).toContain('Meloxicam 0.5 mg/ml oral suspension (cats): 0.05 mg/kg, Once daily, 5 days');

    // Never edited: cancelled with a reason, the row stays, shown as cancelled.
    await listed.getByTestId('prescription-cancel').click();
    await page.getByTestId('rx-cancel-reason').fill('Owner prefers a different option; reissue');
    await page.getByTestId('rx-cancel-submit').click();
    await expect.poll(() => listed.getAttribute('data-status')).toBe('cancelled');
    expect(await listed.getByTestId('prescription-cancel').count()).toBe(0);

    // Reissue: a new prescription, its items taken from the cancelled one (checked again).
    await listed.getByTestId('prescription-reissue').click();
    expect(await page.getByTestId('rx-dose-0').inputValue()).toBe('0.05 mg/kg');
    await page.getByTestId('rx-allergy-0').waitFor();
    await page.getByTestId('rx-override-0').fill('As before: GI upset, not allergy');
    await page.getByTestId('rx-issue').click();
    const reissued = (await page.getByTestId('rx-issued').getAttribute('data-prescription-number'))!;
    expect(reissued).not.toBe(number);
    await page.getByTestId('rx-done').click();
    await expect.poll(() => page.getByTestId('chart-prescription').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')))).toEqual([
      'active',
      'cancelled',
    ]);
  });
});
