/**
 * End to end in headless Chromium against the web host: a doctor takes a
 * walk-in from the queue into a consultation — note from a template, vitals
 * (an impossible value refused inline, an unusual one highlighted), a
 * diagnosis found by typing "otitis" and chosen with the keyboard (a category
 * row cannot be chosen), a procedure, a prescription (the prescribing
 * dialog) — signs it, finds it can no longer be edited, adds an addendum,
 * and finds it and the weight history on the chart. The screen is saved as
 * docs/screenshots/consultation.png.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import { ApiError } from '../../shared/api/result';
import { openBrowserApp, type BrowserApp } from '../helpers/browser-app';
import { httpClient } from '../helpers/http-client';
import { samplePdf } from '../helpers/sample-files';

const CLOCK_START = Date.parse('2026-11-25T07:30:00Z'); // 09:30 in Johannesburg
const ADMIN = { email: 'admin@rosebank.test', password: 'correct horse battery' };
const DOCTOR = { email: 'dr.mokoena@rosebank.test', password: 'a long enough password' };

let app: BrowserApp;
let admin: ApiClient;
let visitId: string;

beforeAll(async () => {
  app = await openBrowserApp({ clockStartMs: CLOCK_START });
  admin = httpClient(app.host.url);
  const session = await admin.call('setup.createPractice', {
    practice: { name: 'Rosebank Family Practice', kind: 'medical', allowedSpecies: [], currency: 'ZAR', taxRateBasisPoints: 1500, timeZone: 'Africa/Johannesburg' },
    administrator: { ...ADMIN, displayName: 'Ruth Admin' },
  });
  admin.setToken(session.token);
  await admin.call('staff.add', { ...DOCTOR, displayName: 'Dr Mokoena', role: 'doctor' });
  const { id: serviceTypeId } = await admin.call('reception.saveServiceType', {
    fields: { name: 'Consultation', durationMinutes: 30, priceMinor: 45_000, practitionerShareBp: 6_000 },
  });
  await admin.call('reception.saveDesk', { queueSeries: 'A', waitingAlertMinutes: 20 });
  const { patientId } = await admin.call('patients.register', {
    account: { newAccount: { firstName: 'Thandi', lastName: 'Nkosi', phonePrimary: '011 555 0001' } },
    patient: { firstName: 'Thandi', lastName: 'Nkosi', dateOfBirth: '1985-05-05' },
  });
  ({ visitId } = await admin.call('visits.walkIn', { patientId, serviceTypeId }));
  // The first ICD-10 search loads the shipped code set (seconds, once): do it before the clock matters.
  await admin.call('icd10.search', { query: 'otitis' }).catch(() => undefined);
}, 120_000);
afterAll(async () => {
  await app?.close();
});

describe('a consultation from the queue, in the browser', () => {
  it('starts from the queue card; the visit moves to in progress', async () => {
    const { page } = app;
    await page.reload();
    await page.getByTestId('sign-in-email').fill(DOCTOR.email);
    await page.getByTestId('sign-in-password').fill(DOCTOR.password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('status-bar').waitFor();
    await page.getByTestId('nav-queue').click();
    const card = page.getByTestId('queue-card').filter({ hasText: 'Thandi Nkosi' });
    await card.getByTestId('queue-start-consultation').click();
    const screen = page.getByTestId('consultation-screen');
    await screen.waitFor();
    expect(await page.getByTestId('consultation-patient').textContent()).toBe('Thandi Nkosi');
    expect(await screen.getAttribute('data-status')).toBe('draft');
    const board = await admin.call('queue.day', { day: '2026-11-25' });
    expect(board.entries.find((e) => e.visitId === visitId)?.status).toBe('IN_PROGRESS');
  });

  it('writes the note from a template and saves the draft', async () => {
    const { page } = app;
    await page.getByTestId('field-chiefComplaint').fill('Painful right ear for three days');
    await page.getByTestId('protocol-select').click();
    await page.getByRole('option', { name: 'General consultation' }).click();
    await page.getByTestId('protocol-apply').click();
    expect(await page.getByTestId('field-subjective').inputValue()).toContain('Presenting complaint:');
    await page.getByTestId('field-assessment').fill('Acute otitis externa, right ear');
    await page.getByTestId('field-plan').fill('Ear drops; review in 10 days');
    await page.getByTestId('field-plan').press('Control+s');
    await page.getByTestId('draft-saved').waitFor();
    const saved = await admin.call('consultations.forVisit', { visitId });
    expect(saved).toMatchObject({ chiefComplaint: 'Painful right ear for three days', assessment: 'Acute otitis externa, right ear' });
  });

  it('refuses an impossible temperature inline and highlights an unusual one', async () => {
    const { page } = app;
    const temperature = page.getByTestId('vital-temperature_c');
    await temperature.fill('385');
    await expect.poll(() => page.getByText('Not possible for an adult: must be 25–45 °C').count()).toBe(1);
    expect(await page.getByTestId('record-vitals').isDisabled()).toBe(true);
    await temperature.fill('38.4');
    await page.getByTestId('vital-heart_rate_bpm').fill('84');
    await page.getByTestId('vital-weight_kg').fill('68.5');
    await expect.poll(() => temperature.getAttribute('data-unusual')).toBe('true');
    await page.getByText('Unusual for an adult (usual 36.1–37.8 °C)').waitFor();
    await page.getByTestId('vital-heart_rate_bpm').press('Enter');
    await page.getByTestId('vitals-row').waitFor();
    expect(await page.getByTestId('vitals-row').locator('[data-unusual="true"]').textContent()).toBe('Temperature 38.4 °C');
  });

  it('codes a diagnosis by typing "otitis" and choosing with the arrows and Enter; a category cannot be chosen', async () => {
    const { page } = app;
    const search = page.getByTestId('diagnosis-search');
    const selected = () => page.locator('[data-testid="icd10-hit"][aria-selected="true"]').getAttribute('data-code');
    // A category row guides but is not codable: the highlight skips it, and Enter on it codes nothing.
    await search.fill('H60.9');
    await expect.poll(() => page.getByTestId('icd10-hit').first().getAttribute('data-code')).toBe('H60.9');
    expect(await page.getByTestId('icd10-hit').first().getAttribute('data-billable')).toBe('false');
    await expect.poll(selected).toBe('H60.90');
    await search.press('ArrowUp');
    expect(await selected()).toBe('H60.9');
    await search.press('Enter');
    expect(await page.getByTestId('diagnosis-row').count()).toBe(0);

    await search.fill('otitis');
    await expect.poll(() => page.getByTestId('icd10-hit').first().getAttribute('data-code')).toBe('H66.90');
    const titles = await page.getByTestId('icd10-hit').allTextContents();
    expect(titles.every((t) => /otitis/i.test(t))).toBe(true);
    for (let i = 0; i < 12 && (await selected()) !== 'H60.91'; i++) await search.press('ArrowDown');
    expect(await selected()).toBe('H60.91');
    await search.press('Enter');
    const row = page.locator('[data-testid="diagnosis-row"][data-code="H60.91"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('Unspecified otitis externa, right ear');
    expect(await row.getByTestId('diagnosis-is-primary').count()).toBe(1);
    expect(await search.inputValue()).toBe('');
  });

  it('adds a procedure', async () => {
    const { page } = app;
    await page.getByTestId('procedure-code').fill('EAR1');
    await page.getByTestId('procedure-description').fill('Ear canal cleaning');
    await page.getByTestId('procedure-price').fill('250.00');
    await page.getByTestId('procedure-add').click();
    const row = page.getByTestId('procedure-row');
    await row.waitFor();
    expect(await row.textContent()).toContain('Ear canal cleaning');
    expect(await row.textContent()).toMatch(/250\.00/);
  });

  it('takes a procedure added by mistake off the draft', async () => {
    const { page } = app;
    await page.getByTestId('procedure-code').fill('EAR9');
    await page.getByTestId('procedure-description').fill('Added by mistake');
    await page.getByTestId('procedure-add').click();
    await page.getByTestId('procedure-row').nth(1).waitFor();
    await page.getByTestId('procedure-row').nth(1).getByTestId('procedure-remove').click();
    await expect.poll(() => page.getByTestId('procedure-row').count()).toBe(1);
    expect(await page.getByTestId('procedure-row').textContent()).toContain('Ear canal cleaning');
  });

  it('prescribes from the consultation (the prescribing dialog)', async () => {
    const { page } = app;
    await page.getByTestId('consultation-prescribe').click();
    const dialog = page.getByTestId('rx-dialog');
    await page.getByTestId('rx-search').fill('amoxicillin 500');
    await page.locator('[data-testid="rx-result"][data-medication-name^="Amoxicillin 500 mg"]').click();
    await page.getByTestId('rx-quantity-0').fill('21');
    await page.getByTestId('rx-duration-0').fill('7 days');
    await page.getByTestId('rx-issue').click();
    const issued = page.getByTestId('rx-issued');
    await issued.waitFor();
    expect(await issued.getAttribute('data-prescription-number')).toMatch(/^RX-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await page.getByTestId('rx-done').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('consultation-screen').waitFor();
  });

  it('signs after confirming; the note is then read-only and an edit is refused', async () => {
    const { page } = app;
    await page.getByTestId('sign').click();
    await page.getByTestId('sign-confirm').click();
    await page.getByTestId('consultation-signed').waitFor();
    expect(await page.getByTestId('consultation-screen').getAttribute('data-status')).toBe('signed');
    expect(await page.getByTestId('consultation-signed').textContent()).toMatch(/^Signed by Dr Mokoena at /);
    // Read-only: typing changes nothing, and there is no way to save, record or code.
    const plan = page.getByTestId('field-plan');
    expect(await plan.getAttribute('readonly')).not.toBeNull();
    await plan.click();
    await page.keyboard.type(' EDITED');
    expect(await plan.inputValue()).toBe('Ear drops; review in 10 days');
    for (const id of ['save-draft', 'record-vitals', 'diagnosis-search', 'procedure-add', 'sign']) expect(await page.getByTestId(id).count(), id).toBe(0);
    // The core refuses an edit whatever the screen shows.
    const doctor = httpClient(app.host.url);
    doctor.setToken((await doctor.call('auth.signIn', DOCTOR)).token);
    const refused = await doctor.call('consultations.saveDraft', { consultationId: (await doctor.call('consultations.forVisit', { visitId }))!.id, plan: 'changed' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).message).toBe('This consultation is signed and cannot be changed. Add an addendum instead.');
  });

  it('adds an addendum, shown with its author and time', async () => {
    const { page } = app;
    await page.getByTestId('addendum-text').fill('Correction: left ear also mildly inflamed.');
    await page.getByTestId('addendum-add').click();
    const addendum = page.getByTestId('addendum');
    await addendum.waitFor();
    expect(await addendum.textContent()).toMatch(/^Dr Mokoena · .*Correction: left ear also mildly inflamed\.$/);
    mkdirSync('docs/screenshots', { recursive: true });
    await page.setViewportSize({ width: 1360, height: 1180 });
    await page.getByTestId('consultation-patient').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'docs/screenshots/consultation.png' });
    await page.setViewportSize({ width: 1360, height: 860 });
  });

  it('attaches a file to this visit from the consultation', async () => {
    const { page } = app;
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('doc-attach').click()]);
    await chooser.setFiles({ name: 'otoscopy.pdf', mimeType: 'application/pdf', buffer: await samplePdf('Otoscopy findings') });
    await page.locator('[data-testid="document"][data-file-name="otoscopy.pdf"]').waitFor();
    const consultation = (await admin.call('consultations.forVisit', { visitId }))!;
    const docs = await admin.call('documents.forPatient', { patientId: consultation.patientId });
    expect(docs.find((d) => d.fileName === 'otoscopy.pdf')?.visitId).toBe(visitId);
  });

  it('is listed on the chart, with the weight history, and opens from there', async () => {
    const { page } = app;
    await page.getByTestId('consultation-chart').click();
    const item = page.getByTestId('chart-consultation');
    await item.waitFor();
    expect(await item.textContent()).toContain('Painful right ear for three days');
    expect(await page.getByTestId('weight-latest').textContent()).toMatch(/^68\.5 kg · /);
    await item.click();
    await page.getByTestId('consultation-signed').waitFor();
  });
});
