/**
 * End to end in headless Chromium against the web host: a medical practice's
 * first run → a doctor added on the Staff screen → the reception set-up
 * screen: a service, a room, the doctor's service and Mon–Fri hours, this
 * desk's queue series. A reload shows it all kept; a backwards interval is
 * refused on its field and nothing is saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, type ApiClient } from '../../shared/api/client';
import type { ApiResult } from '../../shared/api/result';
import { openBrowserApp, type BrowserApp } from '../helpers/browser-app';

const DOCTOR = 'Dr Thandi Naidoo';
const WEEKDAYS = [1, 2, 3, 4, 5];

let app: BrowserApp;
beforeAll(async () => {
  app = await openBrowserApp();
});
afterAll(async () => {
  await app?.close();
});

/** The API as the signed-in page calls it, to check what was really stored. */
async function api(): Promise<ApiClient> {
  // The page keeps its session token in sessionStorage (no DOM types in the test build).
  const token = await app.page.evaluate(() => (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage.getItem('practiceDesk.token'));
  const client = createApiClient(async ({ op, input, token: bearer }) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-Practice-Desk': '1' };
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    const response = await fetch(`${app.host.url}api`, { method: 'POST', headers, body: JSON.stringify({ op, input }) });
    return (await response.json()) as ApiResult<unknown>;
  });
  client.setToken(token);
  return client;
}

const doctorCard = () => app.page.getByTestId('practitioner-card').filter({ hasText: DOCTOR });

async function openSetupScreen(): Promise<void> {
  await app.page.getByTestId('nav-reception-setup').click();
  await app.page.getByTestId('desk-section').waitFor();
}

describe('reception set-up, in the browser', () => {
  it('sets up a medical practice and its administrator', async () => {
    const { page } = app;
    await page.getByTestId('setup-practice-name').fill('Harbour Family Practice');
    await page.getByTestId('setup-kind-medical').check();
    await page.getByTestId('setup-currency').fill('ZAR');
    await page.getByTestId('setup-tax-rate').fill('15');
    await page.getByTestId('setup-admin-name').fill('Ada Admin');
    await page.getByTestId('setup-admin-email').fill('ada@harbour.test');
    await page.getByTestId('setup-admin-password').fill('correct horse battery');
    await page.getByTestId('setup-admin-confirm').fill('correct horse battery');
    await page.getByTestId('setup-submit').click();
    await page.getByTestId('status-bar').waitFor();
    expect(await page.getByTestId('status-bar').textContent()).toContain('Harbour Family Practice');
  });

  it('shows empty states before anything is set up', async () => {
    const { page } = app;
    await openSetupScreen();
    expect(await page.getByTestId('services-empty').textContent()).toContain('Add the consultations');
    expect(await page.getByTestId('rooms-empty').isVisible()).toBe(true);
    expect(await page.getByTestId('practitioners-empty').textContent()).toContain('Staff screen');
  });

  it('adds a doctor on the Staff screen', async () => {
    const { page } = app;
    await page.getByTestId('nav-staff').click();
    await page.getByTestId('add-staff').click();
    await page.getByTestId('field-displayName').fill(DOCTOR);
    await page.getByTestId('field-email').fill('thandi@harbour.test');
    await page.getByTestId('field-password').fill('a long enough password');
    await page.getByTestId('field-role').selectOption('doctor');
    await page.getByTestId('add-staff-save').click();
    const rows = page.getByTestId('staff-row');
    await expect.poll(() => rows.filter({ hasText: DOCTOR }).count()).toBe(1);
  });

  it('adds a service and a room, keyboard only in the dialogs', async () => {
    const { page } = app;
    await openSetupScreen();
    await page.getByTestId('add-service').click();
    await page.getByTestId('service-name').fill('Consultation');
    await page.getByTestId('service-duration').fill('20');
    await page.getByTestId('service-price').fill('350.00');
    await page.getByTestId('service-share').fill('60');
    await page.getByTestId('service-price').press('Enter');
    const services = page.getByTestId('service-row');
    await expect.poll(() => services.count()).toBe(1);
    expect(await page.getByTestId('service-row-name').textContent()).toBe('Consultation');
    expect(await page.getByTestId('service-row-price').textContent()).toContain('350.00');
    expect(await page.getByTestId('service-row-share').textContent()).toBe('60%');

    await page.getByTestId('add-room').click();
    await page.getByTestId('room-name').fill('Room 1');
    await page.getByTestId('room-name').press('Enter');
    await expect.poll(() => page.getByTestId('room-row').count()).toBe(1);
    expect(await page.getByTestId('room-row-name').textContent()).toBe('Room 1');
  });

  it('renames a room, takes it out of use and back', async () => {
    const { page } = app;
    const row = page.getByTestId('room-row');
    await page.getByTestId('room-rename').click();
    await page.getByTestId('room-name').fill('Consulting room 1');
    await page.getByTestId('room-name').press('Enter');
    await expect.poll(() => page.getByTestId('room-row-name').textContent()).toBe('Consulting room 1');
    await page.getByTestId('room-toggle').click();
    await expect.poll(() => row.getAttribute('data-active')).toBe('false');
    await page.getByTestId('room-toggle').click();
    await expect.poll(() => row.getAttribute('data-active')).toBe('true');
  });

  it("gives the doctor the service and Mon–Fri 08:00–13:00", async () => {
    const { page } = app;
    const card = doctorCard();
    await card.getByTestId('practitioner-services').click();
    await page.getByRole('option', { name: 'Consultation' }).click();
    await page.keyboard.press('Escape');
    await card.getByTestId('hours-1-add').click();
    await card.getByTestId('hours-1-0-start').fill('08:00');
    await card.getByTestId('hours-1-0-end').fill('13:00');
    await card.getByTestId('hours-copy-monday').click();
    for (const day of WEEKDAYS) expect(await card.getByTestId(`hours-${day}-0-end`).inputValue()).toBe('13:00');
    await card.getByTestId('practitioner-save').click();
    await expect.poll(() => card.getByTestId('practitioner-dirty').count()).toBe(0);
  });

  // Two letters: a new desk's default is one letter drawn from its device id, which could already be "B".
  it('sets this desk to series RB', async () => {
    const { page } = app;
    await page.getByTestId('desk-series').fill('rb');
    expect(await page.getByTestId('desk-series').inputValue()).toBe('RB');
    await page.getByTestId('desk-save').click();
    await expect.poll(async () => (await (await api()).call('reception.setup', {})).queueSeries).toBe('RB');
  });

  it('keeps it all after a reload', async () => {
    const { page } = app;
    await page.reload();
    await page.getByTestId('desk-section').waitFor();
    expect(await page.getByTestId('service-row-name').textContent()).toBe('Consultation');
    expect(await page.getByTestId('service-row-minutes').textContent()).toBe('20');
    expect(await page.getByTestId('room-row-name').textContent()).toBe('Consulting room 1');
    expect(await page.getByTestId('desk-series').inputValue()).toBe('RB');
    const card = doctorCard();
    expect(await card.getByTestId('practitioner-bookable').isChecked()).toBe(true);
    expect(await card.textContent()).toContain('Consultation');
    for (const day of WEEKDAYS) {
      expect(await card.getByTestId(`hours-day-${day}`).getAttribute('data-count')).toBe('1');
      expect(await card.getByTestId(`hours-${day}-0-start`).inputValue()).toBe('08:00');
      expect(await card.getByTestId(`hours-${day}-0-end`).inputValue()).toBe('13:00');
    }
    for (const day of [6, 0]) expect(await card.getByTestId(`hours-day-${day}`).getAttribute('data-count')).toBe('0');

    const stored = await (await api()).call('reception.setup', {});
    const doctor = stored.practitioners.find((p) => p.displayName === DOCTOR);
    expect(doctor?.serviceTypeIds).toEqual([stored.serviceTypes[0]?.id]);
    expect(doctor?.workingHours).toEqual(WEEKDAYS.map((weekday) => ({ weekday, start: '08:00', end: '13:00' })));
    expect(stored.rooms.map((r) => ({ name: r.name, active: r.active }))).toEqual([{ name: 'Consulting room 1', active: true }]);
  });

  it('refuses a backwards or overlapping interval on its field and saves nothing', async () => {
    const { page } = app;
    const card = doctorCard();
    await card.getByTestId('hours-6-add').click();
    await card.getByTestId('hours-6-0-start').fill('13:00');
    await card.getByTestId('hours-6-0-end').fill('08:00');
    await card.getByTestId('hours-1-add').click();
    await card.getByTestId('hours-1-1-start').fill('12:00');
    await card.getByTestId('hours-1-1-end').fill('14:00');
    await card.getByTestId('practitioner-save').click();

    const end = card.getByTestId('hours-6-0-end');
    await expect.poll(() => end.getAttribute('aria-invalid')).toBe('true');
    expect(await card.textContent()).toContain('The end must be after the start');
    expect(await card.getByTestId('hours-6-0-start').getAttribute('aria-invalid')).not.toBe('true');
    expect(await card.getByTestId('error-note').isVisible()).toBe(true);
    expect(await card.getByTestId('hours-1-1-start').getAttribute('aria-invalid')).toBe('true');
    expect(await card.textContent()).toContain('Overlaps 08:00–13:00');

    const stored = await (await api()).call('reception.setup', {});
    const doctor = stored.practitioners.find((p) => p.displayName === DOCTOR);
    expect(doctor?.workingHours.some((h) => h.weekday === 6)).toBe(false);
    expect(doctor?.workingHours).toHaveLength(5);

    await page.reload();
    await page.getByTestId('desk-section').waitFor();
    expect(await doctorCard().getByTestId('hours-day-6').getAttribute('data-count')).toBe('0');
  });
});
