/**
 * End to end in headless Chromium: a patient registered twice shows on the
 * Duplicates screen with why; a practice manager merges the pair in the
 * side-by-side dialog (a field chosen from the keyboard), confirms, the list
 * empties, and the survivor's chart shows the merged patient's appointment;
 * the merged patient's old address opens the survivor. The dialog is saved
 * as docs/screenshots/merge-dialog.png.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserApp, type BrowserApp } from '../helpers/browser-app';
import { httpClient } from '../helpers/http-client';

const CLOCK_START = Date.parse('2026-11-25T06:50:00Z');
const MANAGER = { email: 'manager@rosebank.test', password: 'a long enough password' };

let app: BrowserApp;
let survivor = '';
let merged = '';
let appointmentId = '';

async function setUpPractice(): Promise<void> {
  const admin = httpClient(app.host.url);
  const session = await admin.call('setup.createPractice', {
    practice: { name: 'Rosebank Family Practice', kind: 'medical', allowedSpecies: [], currency: 'ZAR', taxRateBasisPoints: 1500, timeZone: 'Africa/Johannesburg' },
    administrator: { email: 'admin@rosebank.test', password: 'correct horse battery', displayName: 'Ruth Admin' },
  });
  admin.setToken(session.token);
  await admin.call('staff.add', { ...MANAGER, displayName: 'Mpho Manager', role: 'manager' });
  await admin.call('staff.add', { email: 'dr.mokoena@rosebank.test', displayName: 'Dr Mokoena', password: 'a long enough password', role: 'doctor' });
  const doctorId = (await admin.call('staff.list', {})).find((s) => s.role === 'doctor')!.userId;
  const { id: serviceId } = await admin.call('reception.saveServiceType', {
    fields: { name: 'Consultation', durationMinutes: 30, priceMinor: 45_000, practitionerShareBp: 6_000 },
  });
  const workingHours = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '17:00' }));
  await admin.call('reception.savePractitioner', { userId: doctorId, serviceTypeIds: [serviceId], workingHours });
  ({ patientId: survivor } = await admin.call('patients.register', {
    account: { newAccount: { firstName: 'Thandi', lastName: 'Nkosi', phonePrimary: '011 555 0001' } },
    patient: { firstName: 'Thandi', lastName: 'Nkosi', dateOfBirth: '1985-05-05' },
  }));
  // The same woman registered again (the desk acknowledged the warning), with her mobile this time.
  ({ patientId: merged } = await admin.call('patients.register', {
    account: { newAccount: { firstName: 'Thandi', lastName: 'Nkosi', phonePrimary: '011 555 0001' } },
    patient: { firstName: 'Thandi', lastName: 'Nkosi', dateOfBirth: '1985-05-05', phone: '082 000 1111' },
    acknowledgeDuplicates: true,
  }));
  const booked = await admin.call('appointments.book', { patientId: merged, practitionerId: doctorId, serviceTypeId: serviceId, start: '2026-11-26T10:00' });
  appointmentId = booked.appointmentIds[0]!;
}

/** Go to a chart's address (#/patients/<id>), as an old link or receipt would. */
async function openChartAddress(patientId: string): Promise<void> {
  await app.page.evaluate((id) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = `#/patients/${id}`;
  }, patientId);
}

beforeAll(async () => {
  app = await openBrowserApp({ clockStartMs: CLOCK_START });
  await setUpPractice();
});
afterAll(async () => {
  await app?.close();
});

describe('the Duplicates screen', () => {
  it('shows the pair to a manager, with why it matches', async () => {
    const { page } = app;
    await page.reload();
    await page.getByTestId('sign-in-email').fill(MANAGER.email);
    await page.getByTestId('sign-in-password').fill(MANAGER.password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('nav-duplicates').click();
    const pair = page.getByTestId('duplicate-pair');
    await pair.waitFor();
    expect(await pair.count()).toBe(1);
    const reasons = await page.getByTestId('duplicate-reason').allTextContents();
    expect(reasons.sort()).toEqual(['Same name and date of birth', 'Same phone and first name']);
  });

  it('merges the pair in the side-by-side dialog, after a confirmation naming both', async () => {
    const { page } = app;
    await page.getByTestId('duplicate-merge').click();
    const dialog = page.getByTestId('merge-dialog');
    await page.getByTestId('merge-side-b-count-appointments').waitFor();
    expect(await page.getByTestId('merge-side-b-count-appointments').textContent()).toBe('Appointments: 1');
    expect(await page.getByTestId('merge-side-a-keep').isChecked()).toBe(true);
    // The keyboard alone picks the other record's phone: arrows move within the field's choices.
    await page.getByTestId('merge-field-phone-a').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByTestId('merge-field-phone-b').isChecked()).toBe(true);
    mkdirSync('docs/screenshots', { recursive: true });
    await page.screenshot({ path: 'docs/screenshots/merge-dialog.png' });

    await page.getByTestId('merge-review').click();
    const text = await page.getByTestId('merge-confirm-text').textContent();
    expect(text).toContain('Merge Thandi Nkosi into Thandi Nkosi');
    await page.getByTestId('merge-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('duplicates-empty').waitFor();
    expect(await page.getByTestId('duplicate-pair').count()).toBe(0);
  });

  it("shows the merged patient's appointment on the survivor's chart, and the old address opens the survivor", async () => {
    const { page } = app;
    await openChartAddress(survivor);
    const appointment = page.locator(`[data-testid="chart-appointment"][data-appointment-id="${appointmentId}"]`);
    await appointment.waitFor();
    expect(await appointment.textContent()).toContain('Consultation');
    expect(await page.getByTestId('patient-chart').getAttribute('data-patient-id')).toBe(survivor);

    await openChartAddress(merged);
    await expect.poll(() => page.getByTestId('chart-section-appointments').textContent()).toContain('Consultation');
    expect(await page.getByTestId('patient-chart').getAttribute('data-patient-id')).toBe(survivor);
    expect(await page.getByTestId('patient-chart').textContent()).toContain('082 000 1111');
  });
});
