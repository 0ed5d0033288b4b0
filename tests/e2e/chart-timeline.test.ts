/**
 * End to end in headless Chromium: on a patient's chart a clinician enters a
 * lab result (flagged high), attaches a PDF through the file picker, makes a
 * treatment plan and ticks a step, and sees each appear on the timeline,
 * newest first (a result at its result time); the type chips filter it, "Older" pages back. The chart's
 * records are saved as docs/screenshots/chart-timeline.png.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserApp, type BrowserApp } from '../helpers/browser-app';
import { httpClient } from '../helpers/http-client';
import { samplePdf } from '../helpers/sample-files';

const CLOCK_START = Date.parse('2026-11-25T06:50:00Z');
const ADMIN = { email: 'admin@rosebank.test', password: 'correct horse battery' };

let app: BrowserApp;
let patientId = '';

beforeAll(async () => {
  app = await openBrowserApp({ clockStartMs: CLOCK_START });
  const admin = httpClient(app.host.url);
  const session = await admin.call('setup.createPractice', {
    practice: { name: 'Rosebank Family Practice', kind: 'medical', allowedSpecies: [], currency: 'ZAR', taxRateBasisPoints: 1500, timeZone: 'Africa/Johannesburg' },
    administrator: { ...ADMIN, displayName: 'Dr Ruth Admin' },
  });
  admin.setToken(session.token);
  ({ patientId } = await admin.call('patients.register', {
    account: { newAccount: { firstName: 'Thandi', lastName: 'Nkosi', phonePrimary: '011 555 0001' } },
    patient: { firstName: 'Thandi', lastName: 'Nkosi', dateOfBirth: '1985-05-05' },
    allergies: [{ allergen: 'Penicillin', severity: 'severe' }],
  }));
  // A history older than today: thirty earlier results, so the timeline has more than one page.
  for (let i = 0; i < 30; i++) {
    await admin.call('labs.record', { patientId, fields: { testName: `HbA1c ${i + 1}`, value: '6.1', unit: '%', resultedAt: new Date(Date.parse('2025-01-01T08:00:00Z') + i * 7 * 86_400_000).toISOString() } });
  }
}, 120_000);
afterAll(async () => {
  await app?.close();
});

const entries = () => app.page.getByTestId('timeline-entry');
/** A type chip, by its label (the chip's checkbox itself is visually hidden). */
const chip = (label: string) => app.page.getByTestId('timeline-filters').getByText(label, { exact: true });

describe('the chart timeline', () => {
  it('shows a lab result and a document added on the chart at the top of the timeline', async () => {
    const { page } = app;
    await page.reload();
    await page.getByTestId('sign-in-email').fill(ADMIN.email);
    await page.getByTestId('sign-in-password').fill(ADMIN.password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('user-menu').waitFor();
    await page.evaluate((id) => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = `#/patients/${id}`;
    }, patientId);
    await page.getByTestId('chart-timeline').waitFor();
    await expect.poll(() => entries().count()).toBe(25);
    expect(await entries().first().getAttribute('data-type')).toBe('allergy');

    await page.getByTestId('lab-add').click();
    await page.getByTestId('lab-test-name').fill('Glucose');
    await page.getByTestId('lab-value').fill('11.2');
    await page.getByTestId('lab-unit').fill('mmol/L');
    await page.getByTestId('lab-low').fill('3.9');
    await page.getByTestId('lab-high').fill('7.8');
    await page.getByTestId('lab-save').click();
    await page.getByTestId('lab-result-form').waitFor({ state: 'detached' });
    const glucose = page.locator('[data-testid="lab-result"][data-test="Glucose"]');
    await glucose.waitFor();
    expect(await glucose.getAttribute('data-flag')).toBe('high');
    // On the timeline at its result time (the form's default: this minute), flagged.
    const onTimeline = page.locator('[data-testid="timeline-entry"][data-type="lab_result"]', { hasText: 'Glucose' });
    await expect.poll(() => onTimeline.count()).toBe(1);
    expect(await onTimeline.getByTestId('timeline-status').textContent()).toBe('High');
    expect(await entries().count()).toBe(25);

    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('doc-attach').click()]);
    await chooser.setFiles({ name: 'referral.pdf', mimeType: 'application/pdf', buffer: await samplePdf('Referral to endocrinology') });
    await page.locator('[data-testid="document"][data-file-name="referral.pdf"]').waitFor();
    await expect.poll(() => entries().first().getAttribute('data-type')).toBe('document');
    expect(await entries().first().textContent()).toContain('referral.pdf');
    expect(await entries().nth(1).getAttribute('data-type')).toBe('allergy');
    expect(await entries().nth(2).textContent()).toContain('Glucose');
  });

  it('a treatment plan with progress shows too; chips filter the timeline; "Older" pages back', async () => {
    const { page } = app;
    await page.getByTestId('plan-add').click();
    await page.getByTestId('plan-title').fill('Diabetes education');
    await page.getByTestId('plan-step-description').first().fill('Dietitian session');
    await page.getByTestId('plan-step-cost').first().fill('650');
    await page.getByTestId('plan-add-step').click();
    await page.getByTestId('plan-step-description').nth(1).fill('Glucometer training');
    await page.getByTestId('plan-save').click();
    const plan = page.locator('[data-testid="treatment-plan"][data-plan-title="Diabetes education"]');
    await plan.waitFor();
    await plan.getByTestId('plan-move-accepted').click();
    await expect.poll(() => plan.getAttribute('data-status')).toBe('accepted');
    await plan.getByTestId('plan-step-done').first().click();
    await expect.poll(() => plan.getByTestId('plan-progress').getAttribute('data-percent')).toBe('50');
    expect(await plan.getAttribute('data-status')).toBe('in_progress');
    await expect.poll(() => entries().first().getAttribute('data-type')).toBe('treatment_plan');

    mkdirSync('docs/screenshots', { recursive: true });
    await page.setViewportSize({ width: 1360, height: 1500 });
    await page.getByTestId('chart-clinical-records').screenshot({ path: 'docs/screenshots/chart-timeline.png' });
    await page.setViewportSize({ width: 1360, height: 860 });

    await chip('Documents').click();
    await expect.poll(() => entries().count()).toBe(1);
    expect(await entries().first().textContent()).toContain('referral.pdf');
    await chip('Allergies').click();
    await expect.poll(() => entries().count()).toBe(2);
    await chip('Payments').click();
    await chip('Documents').click();
    await chip('Allergies').click();
    await page.getByTestId('timeline-empty').waitFor();

    await chip('Payments').click(); // all kinds again
    await expect.poll(() => entries().count()).toBe(25);
    await page.getByTestId('timeline-older').click();
    await expect.poll(() => entries().count()).toBe(34);
    expect(await page.getByTestId('timeline-older').count()).toBe(0);
    expect(await entries().last().textContent()).toContain('HbA1c 1');
  });
});
