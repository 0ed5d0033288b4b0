/**
 * End to end in headless Chromium against the web host: a feline hospital's
 * first run → register a cat with an allergy → find her by part of the
 * owner's phone → open the chart. The chart screenshot is the README's.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserApp, type BrowserApp } from '../helpers/browser-app';

let app: BrowserApp;
beforeAll(async () => {
  app = await openBrowserApp();
});
afterAll(async () => {
  await app?.close();
});

const field = (path: string) => app.page.getByTestId(`field-${path}`);

describe('first run to an open chart, in the browser', () => {
  it('sets up the practice and its administrator', async () => {
    const { page } = app;
    await page.getByTestId('setup-practice-name').fill('Lenox Cat Hospital');
    await page.getByTestId('setup-kind-veterinary').check();
    await page.getByLabel('Cat', { exact: true }).check();
    await page.getByTestId('setup-currency').fill('USD');
    await page.getByTestId('setup-tax-rate').fill('8');
    await page.getByTestId('setup-admin-name').fill('Ada Admin');
    await page.getByTestId('setup-admin-email').fill('ada@lenox.test');
    await page.getByTestId('setup-admin-password').fill('correct horse battery');
    await page.getByTestId('setup-admin-confirm').fill('correct horse battery');
    await page.getByTestId('setup-submit').click();

    const status = page.getByTestId('status-bar');
    await expect.poll(() => status.textContent()).toContain('Local only');
    expect(await status.textContent()).toContain('Ada Admin');
    expect(await status.textContent()).toContain('Lenox Cat Hospital');
  });

  it('runs the page without Node: no require, no process, no raw IPC', async () => {
    const globals = await app.page.evaluate(() => {
      const page = globalThis as Record<string, unknown>;
      return { require: typeof page.require, process: typeof page.process, bridge: typeof page.practiceDesk };
    });
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', bridge: 'undefined' });
  });

  it('registers a cat with her owner and an allergy', async () => {
    const { page } = app;
    await page.getByTestId('nav-register').click();
    await field('account.newAccount.firstName').fill('Maria');
    await field('account.newAccount.lastName').fill('Gonzalez');
    await field('account.newAccount.phonePrimary').fill('(617) 555-0142');
    await field('patient.firstName').fill('Whiskers');
    await field('patient.breed').fill('Siamese');
    await field('patient.dateOfBirth').fill('2018-06-15');
    await field('patient.microchipNumber').fill('985141000123456');
    await page.getByTestId('register-allergies').getByRole('button').first().click();
    await field('allergies.0.allergen').fill('Penicillin');
    await field('allergies.0.severity').selectOption('severe');
    await page.getByTestId('register-submit').click();

    const chart = page.getByTestId('patient-chart');
    await chart.waitFor();
    expect(await page.getByTestId('chart-patient-name').textContent()).toContain('Whiskers');
    expect(await page.getByTestId('allergy-banner').textContent()).toContain('Penicillin');
  });

  it('finds her by part of the phone number and opens the chart', async () => {
    const { page } = app;
    await page.getByTestId('nav-patients').click();
    await page.getByTestId('patient-search').fill('555-01');
    const result = page.getByTestId('search-result');
    await expect.poll(() => result.count()).toBe(1);
    expect(await result.first().textContent()).toContain('Whiskers');
    await page.getByTestId('patient-search').press('Enter');

    await page.getByTestId('patient-chart').waitFor();
    const banner = page.getByTestId('allergy-banner');
    expect(await banner.textContent()).toContain('Penicillin');
    expect(await banner.isVisible()).toBe(true);
    expect(await page.getByTestId('patient-chart').textContent()).toContain('985141000123456');
    mkdirSync('docs/screenshots', { recursive: true });
    await page.screenshot({ path: 'docs/screenshots/patient-chart.png' });
  });

  it('shows the chart opening in the audit log', async () => {
    const { page } = app;
    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit-table').waitFor();
    const rows = page.getByTestId('audit-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(3);
    const text = await page.getByTestId('audit-table').textContent();
    expect(text).toContain('Whiskers');
  });
});
