/**
 * End to end in headless Chromium: a desk connected to the real hub edits a
 * medical history note while a laptop (another device of the practice)
 * edits the same note without seeing it. After the desk syncs, the status
 * bar says "1 conflict"; the Conflicts screen shows both versions side by
 * side with who wrote them; "Keep this one" on the laptop's version settles
 * it: the note reads the laptop's text, the inbox is empty, and the hub
 * holds the same row.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import { formatHlc } from '../../sync/hlc';
import type { PullResult } from '../../sync/hub/contract';
import { openBrowserApp, type BrowserApp } from '../helpers/browser-app';
import { httpClient } from '../helpers/http-client';
import { startTestHub, TEST_PASSWORD, type TestHub } from '../helpers/hub';

const ADMIN = { email: 'admin@rosebank.test', password: 'correct horse battery' };
let app: BrowserApp;
let hub: TestHub;
let stopHub: () => Promise<void>;
let admin: ApiClient;

beforeAll(async () => {
  const started = await startTestHub();
  hub = started.hub;
  stopHub = started.stop;
  app = await openBrowserApp();
}, 120_000);
afterAll(async () => {
  await app?.close();
  await stopHub?.();
});

describe('the conflict inbox, in the browser', () => {
  it('shows a conflict raised by two devices side by side, and "Keep this one" settles it everywhere', async () => {
    admin = httpClient(app.host.url);
    const session = await admin.call('setup.createPractice', {
      practice: { name: 'Rosebank Family Practice', kind: 'medical', allowedSpecies: [], currency: 'ZAR', taxRateBasisPoints: 1500, timeZone: 'Africa/Johannesburg' },
      administrator: { ...ADMIN, displayName: 'Ruth Admin' },
    });
    admin.setToken(session.token);
    const practiceId = session.practice.id;
    const { patientId } = await admin.call('patients.register', {
      account: { newAccount: { firstName: 'Thandi', lastName: 'Nkosi', phonePrimary: '011 555 0001' } },
      patient: { firstName: 'Thandi', lastName: 'Nkosi', dateOfBirth: '1985-05-05' },
    });
    const record = { condition: 'Asthma', status: 'active' as const };
    const { id: historyId } = await admin.call('chart.saveRecord', { kind: 'medicalHistory', patientId, fields: { ...record, notes: 'Asthma since childhood.' } });

    // The desk joins the hub and pushes what it has.
    await hub.createPractice(practiceId, 'Rosebank Family Practice');
    await hub.addMember(practiceId, await hub.addUser('desk@rosebank.test', TEST_PASSWORD), 'admin');
    await admin.call('sync.connect', { url: hub.url, anonKey: hub.anonKey, email: 'desk@rosebank.test', password: TEST_PASSWORD });
    await admin.call('sync.now', {});

    // The laptop saw the note as the desk first wrote it.
    const { client: laptop } = await hub.member('laptop@rosebank.test', practiceId, 'doctor');
    const { data } = await laptop.rpc('sync_pull', { since: 0, page_size: 1000 });
    const insert = (data as PullResult).changes.find((c) => c.table_name === 'medical_history' && c.row_id === historyId && c.op === 'insert')!;
    expect(insert).toBeDefined();

    // Meanwhile both edit it: the desk here, the laptop on the hub.
    await admin.call('chart.saveRecord', { kind: 'medicalHistory', patientId, id: historyId, fields: { ...record, notes: 'Asthma since childhood. Salbutamol as needed.' } });
    const laptopId = randomUUID();
    const laptopText = 'Asthma since childhood. Allergic to aspirin.';
    const { error } = await laptop.rpc('sync_push', {
      batch: [{
        practice_id: practiceId, table_name: 'medical_history', row_id: historyId, op: 'update',
        changes: { notes: laptopText, updated_at: new Date().toISOString() },
        hlc: formatHlc(Date.now(), 0, laptopId), device_id: laptopId, device_seq: 1, actor: session.user.id,
        bases: { notes: [insert.hlc] },
      }],
    });
    expect(error).toBeNull();
    await admin.call('sync.now', {});

    // Sign in in the browser: the status bar counts the conflict.
    const { page } = app;
    await page.reload();
    await page.getByTestId('sign-in-email').fill(ADMIN.email);
    await page.getByTestId('sign-in-password').fill(ADMIN.password);
    await page.getByTestId('sign-in-submit').click();
    const badge = page.getByTestId('status-conflicts');
    await expect.poll(() => badge.textContent(), { timeout: 10_000 }).toBe('1 conflict');
    await badge.click();
    await page.getByTestId('conflicts-screen').waitFor();

    // Side by side: the field, the patient, both texts with their author and time.
    const conflict = page.getByTestId('conflict');
    await conflict.waitFor();
    expect(await conflict.getByTestId('conflict-field').textContent()).toBe('Medical history notes');
    expect(await conflict.getByTestId('conflict-patient').textContent()).toBe('Thandi Nkosi');
    const versions = conflict.getByTestId('conflict-version');
    expect(await versions.count()).toBe(2);
    const texts = await conflict.getByTestId('conflict-version-value').allTextContents();
    expect(texts.sort()).toEqual(['Asthma since childhood. Allergic to aspirin.', 'Asthma since childhood. Salbutamol as needed.']);
    for (const by of await conflict.getByTestId('conflict-version-by').allTextContents()) expect(by).toMatch(/^Ruth Admin, \d{4}-\d\d-\d\d \d\d:\d\d$/);

    await page.screenshot({ path: 'docs/screenshots/conflicts.png' });

    // Keyboard: focus the laptop version's button and press Enter.
    const laptopVersion = versions.filter({ hasText: laptopText });
    await laptopVersion.getByTestId('conflict-keep').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('conflicts-empty').waitFor();
    await expect.poll(() => badge.count(), { timeout: 10_000 }).toBe(0);

    const chart = await admin.call('patients.chart', { patientId });
    expect(JSON.stringify(chart)).toContain(laptopText);
    expect(await admin.call('conflicts.count', {})).toEqual({ open: 0 });

    // The resolution syncs like any change: the hub's row reads the kept text.
    await admin.call('sync.now', {});
    const { rows } = await hub.admin.query<{ notes: string }>(
      "SELECT data ->> 'notes' AS notes FROM hub.row_state WHERE practice_id = $1 AND table_name = 'medical_history' AND row_id = $2",
      [practiceId, historyId],
    );
    expect(rows[0]?.notes).toBe(laptopText);
  });
});
