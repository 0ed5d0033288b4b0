/**
 * A desk whose clock is a day fast, against the real hub: it still syncs;
 * the hub accepts its changes, flags them against its device and tells it
 * its clock's offset; its status says so in plain words; and an edit made
 * later on a desk with the right time, on top of its version, wins on every
 * replica and on the hub (ARCHITECTURE §4, "A device clock a day wrong
 * neither stops sync nor wins every merge").
 *
 * The fast desk's database clock is faked (as in apply.test.ts's day-fast
 * desk); its HTTP client runs on the real clock, as a browser's would not
 * care either way.
 */
import { chmodSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core/core';
import { editPatient, openChart } from '../../electron/services/patients';
import { updatePatientInput } from '../../shared/schemas/patient';
import { skewMessage } from '../../sync/engine/clock-skew';
import { startHub, type Hub } from '../../sync/hub/hub';
import { TEST_PASSWORD } from '../helpers/hub';
import { MEDICAL_PRACTICE, openTestPractice, type TestPractice } from '../helpers/practice';
import { tempDir } from '../helpers/temp-dir';
import { actorOn, syncedSnapshot } from './devices';

const DAY_MS = 86_400_000;
const hubDir = tempDir('practice-desk-skew-hub-');
chmodSync(hubDir.path, 0o755);
const fastDir = tempDir('practice-desk-skew-fast-');
let hub: Hub;
let desk: TestPractice;
let fast: Core;
let practiceId = '';
let adminId = '';
let patientId = '';

const loop = { pullIntervalMs: 600_000, backoffBaseMs: 600_000, backoffMaxMs: 600_000 };

beforeAll(async () => {
  hub = await startHub({ dir: `${hubDir.path}/hub`, ephemeral: true });
  desk = await openTestPractice(MEDICAL_PRACTICE, undefined, { sync: { loop } });
  const session = await desk.admin.call('auth.session', {});
  practiceId = session.practice.id;
  adminId = session.user.id;
  await hub.createPractice(practiceId, MEDICAL_PRACTICE.practice.name);
  for (const email of ['desk@rosebank.test', 'fast@rosebank.test']) await hub.addMember(practiceId, await hub.addUser(email, TEST_PASSWORD), 'admin');
  ({ patientId } = await desk.admin.call('patients.register', {
    account: { newAccount: { firstName: 'Thandi', lastName: 'Nkosi', phonePrimary: '011 555 0101' } },
    patient: { firstName: 'Thandi', lastName: 'Nkosi', dateOfBirth: '1990-01-01' },
  }));
  await desk.admin.call('sync.connect', { url: hub.url, anonKey: hub.anonKey, email: 'desk@rosebank.test', password: TEST_PASSWORD });
  await desk.admin.call('sync.now', {});
  fast = await openCore({ dataDir: fastDir.path, now: () => Date.now() + DAY_MS, sync: { loop } });
}, 60_000);

afterAll(async () => {
  await fast?.shutdown();
  fastDir.remove();
  await desk?.core.shutdown();
  desk?.close();
  await hub?.stop();
  hubDir.remove();
});

async function renameOnFast(firstName: string): Promise<void> {
  const actor = actorOn(fast.db, adminId, practiceId);
  const chart = openChart(fast.db, actor, patientId);
  editPatient(fast.db, actor, patientId, updatePatientInput.parse({ patientId, patient: { ...chart.patient, firstName } }).patient);
  fast.sync.nudge();
}

const firstNameOn = (core: Core) => core.db.sqlite.prepare('SELECT first_name FROM patient WHERE id = ?').pluck().get(patientId);

describe('a desk whose clock is a day fast', () => {
  it('syncs, and its status says in plain words that its clock is 24 h fast', async () => {
    await fast.sync.connect({ url: hub.url, anonKey: hub.anonKey, email: 'fast@rosebank.test', password: TEST_PASSWORD });
    const { status } = await fast.sync.syncNow();
    expect(status).toMatchObject({ state: 'online', lastError: null, waiting: 0 });
    expect(firstNameOn(fast)).toBe('Thandi');
    expect(status.clock).toMatchObject({ message: 'This computer’s clock is 24 h fast — fix the time in Windows settings', flaggedByHub: false });
    expect(Math.abs(status.clock!.offsetMs - DAY_MS)).toBeLessThan(30_000);
    // The desk with the right time has nothing to report.
    expect((await desk.admin.call('sync.status', {})).status.clock).toBeUndefined();
  });

  it('has its changes accepted and flagged by the hub, which records its device’s offset', async () => {
    await renameOnFast('Thandiwe');
    const { status } = await fast.sync.syncNow();
    expect(status).toMatchObject({ state: 'online', waiting: 0, lastError: null, clock: { flaggedByHub: true } });
    const { rows } = await hub.admin.query<{ max_ahead_ms: string; far_future_changes: string }>(
      'SELECT max_ahead_ms, far_future_changes FROM hub.device_clock WHERE practice_id = $1 AND device_id = $2', [practiceId, fast.db.deviceId]);
    expect(rows).toHaveLength(1);
    expect(Math.abs(Number(rows[0]!.max_ahead_ms) - DAY_MS)).toBeLessThan(60_000);
    expect(Number(rows[0]!.far_future_changes)).toBeGreaterThan(0);
    const { rows: desks } = await hub.admin.query('SELECT first_flagged_at FROM hub.device_clock WHERE device_id = $1', [desk.core.db.deviceId]);
    expect(desks).toEqual([{ first_flagged_at: null }]);
  });

  it('does not win a later edit by a desk with the right time, on either desk or on the hub', async () => {
    await desk.admin.call('sync.now', {});
    expect((await desk.admin.call('patients.chart', { patientId })).patient.firstName).toBe('Thandiwe');
    const chart = await desk.admin.call('patients.chart', { patientId });
    await desk.admin.call('patients.update', { patientId, patient: { ...chart.patient, firstName: 'Thandeka' } });
    await desk.admin.call('sync.now', {});
    await fast.sync.syncNow();
    expect(firstNameOn(fast)).toBe('Thandeka');
    expect(firstNameOn(desk.core)).toBe('Thandeka');
    const { rows } = await hub.admin.query("SELECT data ->> 'first_name' AS name FROM hub.row_state WHERE table_name = 'patient' AND row_id = $1", [patientId]);
    expect(rows).toEqual([{ name: 'Thandeka' }]);
    await desk.admin.call('sync.now', {});
    expect(syncedSnapshot(fast.db)).toEqual(syncedSnapshot(desk.core.db));
  });
});

describe('the skew sentence', () => {
  it('is given only beyond two minutes, in hours and minutes, fast or slow', () => {
    expect(skewMessage(null)).toBeNull();
    expect(skewMessage(119_000)).toBeNull();
    expect(skewMessage(-120_000)).toBeNull();
    expect(skewMessage((3 * 60 + 12) * 60_000)).toBe('This computer’s clock is 3 h 12 min fast — fix the time in Windows settings');
    expect(skewMessage(-5 * 60_000)).toBe('This computer’s clock is 5 min slow — fix the time in Windows settings');
    expect(skewMessage(3 * DAY_MS + 60_000)).toBe('This computer’s clock is 3 days fast — fix the time in Windows settings');
  });
});
