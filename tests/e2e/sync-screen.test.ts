/**
 * End to end in headless Chromium: a practice's first run says "Local only";
 * its administrator connects it to a hub on the Sync screen (the real hub,
 * reached by the core with supabase-js); the status bar then says Online and
 * "Last synced", and the practice's changes are on the hub.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, type ApiClient } from '../../shared/api/client';
import type { ApiResult } from '../../shared/api/result';
import { openBrowserApp, type BrowserApp } from '../helpers/browser-app';
import { startTestHub, TEST_PASSWORD, type TestHub } from '../helpers/hub';

let app: BrowserApp;
let hub: TestHub;
let stopHub: () => Promise<void>;

beforeAll(async () => {
  const started = await startTestHub();
  hub = started.hub;
  stopHub = started.stop;
  app = await openBrowserApp();
});
afterAll(async () => {
  await app?.close();
  await stopHub?.();
});

async function api(): Promise<ApiClient> {
  const token = await app.page.evaluate(() =>
    (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage.getItem('practiceDesk.token'),
  );
  const client = createApiClient(async ({ op, input, token: bearer }) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-Practice-Desk': '1' };
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    const response = await fetch(`${app.host.url}api`, { method: 'POST', headers, body: JSON.stringify({ op, input }) });
    return (await response.json()) as ApiResult<unknown>;
  });
  client.setToken(token);
  return client;
}

const field = (path: string) => app.page.getByTestId(`field-${path}`);

describe('connecting a practice to the hub, in the browser', () => {
  it('starts local only', async () => {
    const { page } = app;
    await page.getByTestId('setup-practice-name').fill('Hillside Vets');
    await page.getByTestId('setup-kind-veterinary').check();
    await page.getByLabel('Dog', { exact: true }).check();
    await page.getByTestId('setup-currency').fill('ZAR');
    await page.getByTestId('setup-tax-rate').fill('15');
    await page.getByTestId('setup-admin-name').fill('Ana Admin');
    await page.getByTestId('setup-admin-email').fill('ana@hillside.test');
    await page.getByTestId('setup-admin-password').fill('correct horse battery');
    await page.getByTestId('setup-admin-confirm').fill('correct horse battery');
    await page.getByTestId('setup-submit').click();
    await expect.poll(() => page.getByTestId('status-bar').textContent()).toContain('Local only');
  });

  it('refuses a non-http address on its field, then connects and shows Online and Last synced', async () => {
    const { page } = app;
    const practiceId = (await (await api()).call('auth.session', {})).practice.id;
    await hub.createPractice(practiceId, 'Hillside Vets');
    await hub.addMember(practiceId, await hub.addUser('desk@hillside.test', TEST_PASSWORD), 'admin');

    await page.getByTestId('nav-sync').click();
    await page.getByTestId('sync-screen').waitFor();
    expect(await page.getByTestId('sync-not-connected').textContent()).toContain('Not connected');
    await field('url').fill('ftp://hub.example');
    await field('anonKey').fill(hub.anonKey);
    await field('email').fill('desk@hillside.test');
    await field('password').fill(TEST_PASSWORD);
    await page.getByTestId('sync-connect').click();
    await expect.poll(() => page.getByTestId('sync-connect-form').textContent()).toContain('Use an http:// or https:// address');

    await field('url').fill(hub.url);
    await page.getByTestId('sync-connect').click();
    await page.getByTestId('sync-status-panel').waitFor();
    const status = page.getByTestId('status-bar');
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toContain('Last synced');
    expect(await page.getByTestId('status-sync').textContent()).toBe('Online');
    expect(await status.textContent()).not.toContain('Local only');
    expect(await status.textContent()).not.toContain('waiting');

    const { rows } = await hub.admin.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM hub.change WHERE practice_id = $1 AND table_name = 'practice'",
      [practiceId],
    );
    expect(rows[0]!.n).toBeGreaterThan(0);
    expect(await page.getByTestId('sync-quarantined').textContent()).toBe('0');
    // An administrator's account may push everything done here: no warning.
    expect(await page.getByTestId('sync-hub-role').textContent()).toBe('admin');
    expect(await page.getByTestId('sync-hub-role-warning').count()).toBe(0);
  });

  it('says what the hub will set aside when the account’s role cannot make it (a manager: clinical records)', async () => {
    const { page } = app;
    const practiceId = (await (await api()).call('auth.session', {})).practice.id;
    await hub.addMember(practiceId, await hub.addUser('manager@hillside.test', TEST_PASSWORD), 'manager');
    await field('email').fill('manager@hillside.test');
    await field('password').fill(TEST_PASSWORD);
    await page.getByTestId('sync-connect').click();
    await expect.poll(() => page.getByTestId('sync-hub-role').textContent(), { timeout: 15_000 }).toBe('manager');
    const warning = await page.getByTestId('sync-hub-role-warning').textContent();
    expect(warning).toContain('consultations and other clinical records');
    expect(warning).not.toContain('payments');
    expect(await page.getByTestId('sync-connected-to').textContent()).toContain('manager@hillside.test');
  });
});
