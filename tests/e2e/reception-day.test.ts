/**
 * End to end in headless Chromium against the web host: a whole day at a
 * medical practice's reception desk. The practice, its doctor, service, room
 * and patients are set up through the API (the set-up screen is another
 * story); everything after signing in goes through the UI: booking from a
 * free slot and with "Next free slot", a double-booking refused, a walk-in,
 * check-ins, call → start → finish, a part payment then the rest, a receipt,
 * the day's totals, a stale (illegal) move refused, and booking by keyboard
 * alone. The board at the end of the day is saved as
 * docs/screenshots/queue-board.png.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import { openBrowserApp, type BrowserApp } from '../helpers/browser-app';
import { httpClient } from '../helpers/http-client';

// Wednesday 25 November 2026, 08:50 in Johannesburg (UTC+2): the desk opens at 08:00.
const TODAY = '2026-11-25';
const CLOCK_START = Date.parse('2026-11-25T06:50:00Z');
const ADMIN = { email: 'admin@rosebank.test', password: 'correct horse battery' };

let app: BrowserApp;
let admin: ApiClient;
let doctorId: string;
const patients: Record<string, string> = {};

/** The API as the renderer calls it: JSON POSTs to the web host's /api. */
async function setUpPractice(): Promise<void> {
  admin = httpClient(app.host.url);
  const session = await admin.call('setup.createPractice', {
    practice: { name: 'Rosebank Family Practice', kind: 'medical', allowedSpecies: [], currency: 'ZAR', taxRateBasisPoints: 1500, timeZone: 'Africa/Johannesburg' },
    administrator: { ...ADMIN, displayName: 'Ruth Admin' },
  });
  admin.setToken(session.token);
  await admin.call('staff.add', { email: 'dr.mokoena@rosebank.test', displayName: 'Dr Mokoena', password: 'a long enough password', role: 'doctor' });
  doctorId = (await admin.call('staff.list', {})).find((s) => s.role === 'doctor')!.userId;
  const { id: serviceId } = await admin.call('reception.saveServiceType', {
    fields: { name: 'Consultation', durationMinutes: 30, priceMinor: 45_000, practitionerShareBp: 6_000 },
  });
  await admin.call('reception.saveRoom', { fields: { name: 'Room 1' } });
  const workingHours = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '17:00' }));
  await admin.call('reception.savePractitioner', { userId: doctorId, serviceTypeIds: [serviceId], workingHours });
  await admin.call('reception.saveDesk', { queueSeries: 'A', waitingAlertMinutes: 20 });
  for (const [first, last, phone] of [
    ['Thandi', 'Nkosi', '011 555 0001'],
    ['Pieter', 'van Wyk', '011 555 0002'],
    ['Aisha', 'Patel', '011 555 0003'],
    ['Lerato', 'Dlamini', '011 555 0004'],
  ] as const) {
    const { patientId } = await admin.call('patients.register', {
      account: { newAccount: { firstName: first, lastName: last, phonePrimary: phone } },
      patient: { firstName: first, lastName: last, dateOfBirth: '1985-05-05' },
    });
    patients[first] = patientId;
  }
}

beforeAll(async () => {
  app = await openBrowserApp({ clockStartMs: CLOCK_START });
  await setUpPractice();
});
afterAll(async () => {
  await app?.close();
});

const card = (name: string) => app.page.getByTestId('queue-card').filter({ hasText: name });
const column = (status: string) => app.page.locator(`[data-testid="queue-column"][data-status="${status}"]`);
const figure = (name: string) => app.page.getByTestId(`totals-${name}-value`);

/** Choose a patient in a picker by typing part of the name and pressing Enter. */
async function pickPatient(prefix: string, query: string, name: string): Promise<void> {
  const { page } = app;
  await page.getByTestId(`${prefix}-patient-search`).fill(query);
  await expect.poll(() => page.getByTestId(`${prefix}-patient-hit`).first().textContent()).toContain(name);
  await page.getByTestId(`${prefix}-patient-search`).press('Enter');
  await expect.poll(() => page.getByTestId(`${prefix}-patient-chosen`).textContent()).toContain(name);
}

async function diaryTimes(): Promise<string[]> {
  const rows = await admin.call('appointments.day', { day: TODAY });
  return rows.filter((a) => a.status !== 'CANCELLED').map((a) => `${a.patientName} ${a.startAt}`);
}

describe('a day at the reception desk, in the browser', () => {
  it('signs in to an empty diary for today', async () => {
    const { page } = app;
    await page.reload();
    await page.getByTestId('sign-in-email').fill(ADMIN.email);
    await page.getByTestId('sign-in-password').fill(ADMIN.password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('status-bar').waitFor();
    await page.getByTestId('nav-diary').click();
    const diary = page.getByTestId('diary');
    await expect.poll(() => diary.getAttribute('data-day')).toBe(TODAY);
    await page.getByTestId('diary-empty').waitFor();
    expect(await page.getByTestId('diary-date-label').textContent()).toBe('Wednesday, November 25, 2026');
    expect(await page.getByTestId('diary-column-head').textContent()).toContain('Dr Mokoena');
  });

  it('books Thandi by clicking the free 10:00 slot', async () => {
    const { page } = app;
    await page.locator(`[data-testid="diary-slot"][data-column="${doctorId}"][data-time="10:00"]`).click();
    const dialog = page.getByTestId('booking-dialog');
    await dialog.waitFor();
    expect(await page.getByTestId('booking-time').inputValue()).toBe('10:00');
    expect(await page.getByTestId('booking-practitioner').inputValue()).toBe(doctorId);
    await pickPatient('booking', 'Thandi', 'Thandi Nkosi');
    await page.getByTestId('booking-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('notice').last().textContent()).toMatch(/^Booked: /);
    const block = page.getByTestId('diary-appointment').filter({ hasText: 'Thandi Nkosi' });
    await block.waitFor();
    expect(await block.getAttribute('aria-label')).toMatch(/^10:00 Thandi Nkosi, Consultation, Confirmed$/);
  });

  it('books Pieter at the next free slot', async () => {
    const { page } = app;
    await page.getByTestId('diary-book').click();
    await pickPatient('booking', 'van W', 'Pieter van Wyk');
    await page.getByTestId('booking-next-free').click();
    await expect.poll(() => page.getByTestId('booking-time').inputValue()).toBe('09:00');
    expect(await page.getByTestId('booking-date').inputValue()).toBe(TODAY);
    await page.getByTestId('booking-submit').click();
    await page.getByTestId('booking-dialog').waitFor({ state: 'detached' });
    await page.getByTestId('diary-appointment').filter({ hasText: 'Pieter van Wyk' }).waitFor();
    expect(await diaryTimes()).toEqual(['Pieter van Wyk 2026-11-25T07:00:00.000Z', 'Thandi Nkosi 2026-11-25T08:00:00.000Z']);
  });

  it('refuses to double-book the doctor, saying with whom', async () => {
    const { page } = app;
    await page.getByTestId('diary-book').click();
    await pickPatient('booking', 'Aisha', 'Aisha Patel');
    await page.getByTestId('booking-time').fill('10:15');
    await page.getByTestId('booking-submit').click();
    const clash = page.getByTestId('clash-dialog');
    await clash.waitFor();
    const item = page.getByTestId('clash-item');
    expect(await item.getAttribute('data-kind')).toBe('practitioner');
    expect(await item.textContent()).toBe('Dr Mokoena already sees Thandi Nkosi at Wed, Nov 25 10:00');
    await page.getByRole('button', { name: 'Pick another time' }).click();
    await clash.waitFor({ state: 'detached' });
    await page.getByTestId('booking-dialog').getByRole('button', { name: 'Cancel' }).click();
    await page.getByTestId('booking-dialog').waitFor({ state: 'detached' });
    expect(await diaryTimes()).toHaveLength(2);
  });

  it('adds Aisha as a walk-in from the queue screen', async () => {
    const { page } = app;
    await page.getByTestId('nav-queue').click();
    const board = page.getByTestId('queue-board');
    await expect.poll(() => board.getAttribute('data-day')).toBe(TODAY);
    await expect.poll(() => column('SCHEDULED').getByTestId('queue-card').count()).toBe(2);
    await page.getByTestId('walk-in').click();
    await pickPatient('walk-in', 'Aisha', 'Aisha Patel');
    await page.getByTestId('walk-in-submit').click();
    await page.getByTestId('walk-in-dialog').waitFor({ state: 'detached' });
    const aisha = column('WAITING').getByTestId('queue-card').filter({ hasText: 'Aisha Patel' });
    await aisha.waitFor();
    expect(await aisha.getByTestId('queue-label').textContent()).toBe('A-1');
    expect(await aisha.textContent()).toContain('Walk-in');
  });

  it('checks in both booked patients: Pieter on the board, Thandi from the diary', async () => {
    const { page } = app;
    await card('Pieter van Wyk').getByTestId('queue-check-in').click();
    await column('WAITING').getByTestId('queue-card').filter({ hasText: 'Pieter van Wyk' }).waitFor();
    expect(await card('Pieter van Wyk').getByTestId('queue-label').textContent()).toBe('A-2');

    await page.getByTestId('nav-diary').click();
    await page.getByTestId('diary-appointment').filter({ hasText: 'Thandi Nkosi' }).click();
    const panel = page.getByTestId('appointment-panel');
    await panel.getByTestId('appt-check-in').click();
    await expect.poll(() => panel.getByTestId('appt-status').textContent()).toBe('Checked in');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });

    await page.getByTestId('nav-queue').click();
    await column('WAITING').getByTestId('queue-card').filter({ hasText: 'Thandi Nkosi' }).waitFor();
    expect(await card('Thandi Nkosi').getByTestId('queue-label').textContent()).toBe('A-3');
    await expect.poll(() => figure('waiting').textContent()).toBe('3');
  });

  it('calls, starts and finishes Pieter', async () => {
    const pieter = card('Pieter van Wyk');
    await pieter.getByTestId('queue-call').click();
    await expect.poll(() => pieter.getAttribute('data-status')).toBe('CALLED');
    await pieter.getByTestId('queue-start').click();
    await expect.poll(() => pieter.getAttribute('data-status')).toBe('IN_PROGRESS');
    await pieter.getByTestId('queue-finish').click();
    await expect.poll(() => pieter.getAttribute('data-status')).toBe('PENDING_PAYMENT');
    expect(await pieter.getByTestId('queue-balance').textContent()).toMatch(/^ZAR\s450\.00 due$/);
  });

  it('refuses a move another desk has made impossible, and says why', async () => {
    const { page } = app;
    const thandi = card('Thandi Nkosi');
    const visitId = (await thandi.getAttribute('data-visit-id'))!;
    // Just after a poll, so this board stays stale for a few seconds.
    await page.waitForResponse((r) => r.url().endsWith('/api') && (r.request().postData() ?? '').includes('"queue.day"'));
    await admin.call('visits.move', { visitId, to: 'CALLED' });
    await thandi.getByTestId('queue-call').click();
    const error = page.getByTestId('queue-board').getByRole('alert');
    await expect.poll(() => error.textContent()).toBe('This visit cannot move to called: it is already called.');
    await expect.poll(() => thandi.getAttribute('data-status')).toBe('CALLED');
  });

  it('takes a part payment by card, then the rest in cash, and saves a receipt', async () => {
    const { page } = app;
    await card('Pieter van Wyk').getByTestId('queue-take-payment').click();
    const dialog = page.getByTestId('payment-dialog');
    await dialog.waitFor();
    expect(await page.getByTestId('payment-amount').inputValue()).toBe('450.00');
    await page.getByTestId('payment-amount').fill('500');
    await page.getByTestId('payment-submit').click();
    await expect.poll(() => dialog.getByTestId('error-note').textContent()).toMatch(/^Only ZAR\s450\.00 is due$/);
    await page.getByTestId('payment-amount').fill('200');
    await page.getByTestId('payment-method').selectOption('CARD');
    await page.getByTestId('payment-reference').fill('AUTH 1234');
    await page.getByTestId('payment-submit').click();
    await expect.poll(() => page.getByTestId('payment-balance').textContent()).toMatch(/^ZAR\s250\.00$/);
    expect(await page.getByTestId('payment-amount').inputValue()).toBe('250.00');
    await expect.poll(() => page.getByTestId('payment-row').count()).toBe(1);

    await page.getByTestId('payment-method').selectOption('CASH');
    await page.getByTestId('payment-submit').click();
    await page.getByTestId('payment-settled').waitFor();
    await expect.poll(() => page.getByTestId('payment-row').count()).toBe(2);
    expect(await page.getByTestId('payment-paid').textContent()).toMatch(/^ZAR\s450\.00$/);

    const download = page.waitForEvent('download');
    await page.getByTestId('payment-receipt').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^receipt-RA-000002\.pdf$/);
    const path = await file.path();
    expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    await page.getByTestId('payment-close').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => card('Pieter van Wyk').getAttribute('data-status')).toBe('COMPLETED');
  });

  it('books Lerato from the patient search with the keyboard alone', async () => {
    const { page } = app;
    // A fresh start on the search screen: no reception screen has loaded the set-up yet.
    await page.goto(app.host.url);
    await page.getByTestId('status-bar').waitFor();
    await page.keyboard.press('Control+K');
    const search = page.getByTestId('patient-search');
    await expect.poll(() => search.evaluate((el) => el.matches(':focus'))).toBe(true);
    await page.keyboard.type('Lerato');
    await expect.poll(() => page.getByTestId('search-result').count()).toBe(1);
    await page.keyboard.press('Control+B');
    const dialog = page.getByTestId('booking-dialog');
    await dialog.waitFor();
    expect(await page.getByTestId('booking-patient-chosen').textContent()).toBe('Lerato Dlamini');
    const nextFree = page.getByTestId('booking-next-free');
    await expect.poll(() => nextFree.evaluate((el) => el.matches(':focus'))).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('booking-time').inputValue()).toBe('09:30');
    await expect.poll(() => page.getByTestId('booking-submit').evaluate((el) => el.matches(':focus'))).toBe(true);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    expect(await diaryTimes()).toContain('Lerato Dlamini 2026-11-25T07:30:00.000Z');
  });

  it("shows the day's totals: what the arrived visits cost, what was taken, and the shares", async () => {
    const { page } = app;
    await page.keyboard.press('Control+J');
    await page.getByTestId('queue-board').waitFor();
    const lerato = column('SCHEDULED').getByTestId('queue-card').filter({ hasText: 'Lerato Dlamini' });
    await lerato.waitFor();
    // Not arrived: she can be checked in, not moved into the queue some other way.
    expect(await lerato.getByRole('button').allTextContents()).toEqual(['Check in']);
    // Three arrived (Pieter done, Thandi called, Aisha waiting); Lerato has not, so is not charged yet.
    await expect.poll(() => figure('visits').textContent()).toBe('3');
    expect(await figure('completed').textContent()).toBe('1');
    expect(await figure('waiting').textContent()).toBe('1');
    expect(await figure('charged').textContent()).toMatch(/^ZAR\s1,350\.00$/);
    expect(await figure('taken').textContent()).toMatch(/^ZAR\s450\.00$/);
    expect(await page.getByTestId('totals-taken').textContent()).toMatch(/Cash ZAR\s250\.00 · Card ZAR\s200\.00$/);
    expect(await figure('refunded').textContent()).toMatch(/^ZAR\s0\.00$/);
    expect(await figure('practitioner-share').textContent()).toMatch(/^ZAR\s270\.00$/);
    expect(await figure('centre-share').textContent()).toMatch(/^ZAR\s180\.00$/);
    const totals = (await admin.call('queue.day', { day: TODAY })).totals;
    expect(totals).toMatchObject({ visits: 3, completed: 1, waiting: 1, chargedMinor: 135_000, takenMinor: 45_000, practitionerShareMinor: 27_000, centreShareMinor: 18_000 });
  });

  it('checks Lerato in from the queue board with the keyboard, and saves the board screenshot', async () => {
    const { page } = app;
    const checkIn = card('Lerato Dlamini').getByTestId('queue-check-in');
    for (let presses = 0; presses < 60 && !(await checkIn.evaluate((el) => el.matches(':focus'))); presses += 1) {
      await page.keyboard.press('Tab');
    }
    expect(await checkIn.evaluate((el) => el.matches(':focus'))).toBe(true);
    await page.keyboard.press('Enter');
    const lerato = column('WAITING').getByTestId('queue-card').filter({ hasText: 'Lerato Dlamini' });
    await lerato.waitFor();
    expect(await lerato.getByTestId('queue-label').textContent()).toBe('A-4');
    await expect.poll(() => figure('visits').textContent()).toBe('4');
    expect(await figure('charged').textContent()).toMatch(/^ZAR\s1,800\.00$/);

    const notices = page.getByTestId('notice');
    // Close the notices (each also goes by itself after a few seconds, hence the short timeout).
    while ((await notices.count()) > 0) {
      await notices
        .first()
        .getByRole('button', { name: 'Close' })
        .click({ timeout: 2_000 })
        .catch(() => undefined);
    }
    await column('COMPLETED').getByTestId('queue-card').filter({ hasText: 'Pieter van Wyk' }).scrollIntoViewIfNeeded();
    mkdirSync('docs/screenshots', { recursive: true });
    await page.screenshot({ path: 'docs/screenshots/queue-board.png' });
  });
});
