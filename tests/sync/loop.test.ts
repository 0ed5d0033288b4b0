/**
 * The background sync loop against the real hub (embedded Postgres, gateway,
 * supabase-js): two devices of one practice see each other's changes; the
 * status never claims all is sent while the outbox holds anything; a stopped
 * hub means offline with a growing backoff and a plain reason, and recovery
 * on its own once the hub is back (same data folder, same port); a poison
 * entry is set aside and the rest still goes; a push cut off half way —
 * an acknowledgement lost, the hub stopped mid-request — leaves every change
 * on the hub exactly once.
 */
import { chmodSync } from 'node:fs';
import { permissionsOf } from '../../shared/domain/roles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core/core';
import { editPatient, openChart } from '../../electron/services/patients';
import type { SyncServiceOptions } from '../../electron/services/sync';
import { updatePatientInput } from '../../shared/schemas/patient';
import { readMeta } from '../../sync/engine/meta';
import { HubFailure, supabaseTransport } from '../../sync/engine/transport';
import type { PushEntry, PushResult } from '../../sync/hub/contract';
import { startHub, type Hub } from '../../sync/hub/hub';
import { TEST_PASSWORD } from '../helpers/hub';
import { MEDICAL_PRACTICE, openTestPractice, type TestPractice } from '../helpers/practice';
import { tempDir } from '../helpers/temp-dir';
import { actorOn, syncedSnapshot } from './devices';

// A persistent hub (it is restarted on the same folder and port below).
const hubDir = tempDir('practice-desk-loop-hub-');
chmodSync(hubDir.path, 0o755);
let hub: Hub | null = null;
let gatewayPort = 0;
let hubUrl = '';
let anonKey = '';

async function startTheHub(): Promise<Hub> {
  const started = await startHub({ dir: `${hubDir.path}/hub`, gatewayPort });
  hub = started;
  hubUrl = started.url;
  anonKey = started.anonKey;
  gatewayPort = Number(new URL(started.url).port);
  return started;
}

async function stopTheHub(): Promise<void> {
  const running = hub;
  hub = null;
  await running?.stop();
}

const theHub = (): Hub => {
  if (!hub) throw new Error('hub not running');
  return hub;
};

/** Tests may step into a push: see it, drop its answer, stop the hub while it is in flight. */
type PushInterceptor = (batch: readonly PushEntry[], send: () => Promise<PushResult>) => Promise<PushResult>;
let intercept: PushInterceptor | null = null;

const syncOptions: SyncServiceOptions = {
  transport(options) {
    const inner = supabaseTransport(options);
    return {
      ...inner,
      push: (batch) => (intercept ? intercept(batch, () => inner.push(batch)) : inner.push(batch)),
    };
  },
  loop: { backoffBaseMs: 200, backoffMaxMs: 2_000, pullIntervalMs: 2_000, random: () => 0.5, pushBatchSize: 10 },
};

let a: TestPractice;
let b: Core;
const bDir = tempDir('practice-desk-loop-b-');
let practiceId = '';
let adminId = '';

async function hubChangesOf(deviceId: string): Promise<{ seqs: number[]; rows: number }> {
  const { rows } = await theHub().admin.query<{ device_seq: string }>(
    'SELECT device_seq FROM hub.change WHERE device_id = $1 ORDER BY device_seq',
    [deviceId],
  );
  return { seqs: rows.map((r) => Number(r.device_seq)), rows: rows.length };
}

/** This device's outbox, less what was set aside. */
function sendableSeqs(core: Core): number[] {
  return core.db.sqlite
    .prepare('SELECT seq FROM sync_log WHERE seq NOT IN (SELECT seq FROM sync_quarantine) ORDER BY seq')
    .pluck()
    .all() as number[];
}

/** Outbox entries after the acknowledged one, less what was set aside: counted straight from the tables. */
function waitingNow(core: Core): number {
  return core.db.sqlite
    .prepare(
      `SELECT count(*) FROM sync_log
       WHERE seq > coalesce((SELECT CAST(value AS INTEGER) FROM sync_meta WHERE key = 'pushed_through'), 0)
         AND seq NOT IN (SELECT seq FROM sync_quarantine)`,
    )
    .pluck()
    .get() as number;
}

async function register(first: string, last: string): Promise<string> {
  const { patientId } = await a.admin.call('patients.register', {
    account: { newAccount: { firstName: first, lastName: last, phonePrimary: '011 555 0199' } },
    patient: { firstName: first, lastName: last, dateOfBirth: '1990-01-01' },
    acknowledgeDuplicates: true,
  });
  return patientId;
}

const status = async () => (await a.admin.call('sync.status', {})).status;
const syncNow = async () => (await a.admin.call('sync.now', {})).status;

beforeAll(async () => {
  await startTheHub();
  a = await openTestPractice(MEDICAL_PRACTICE, undefined, { sync: syncOptions });
  const session = await a.admin.call('auth.session', {});
  practiceId = session.practice.id;
  adminId = session.user.id;
  await theHub().createPractice(practiceId, MEDICAL_PRACTICE.practice.name);
  for (const email of ['desk-a@rosebank.test', 'desk-b@rosebank.test']) {
    await theHub().addMember(practiceId, await theHub().addUser(email, TEST_PASSWORD), 'admin');
  }
  b = await openCore({ dataDir: bDir.path, sync: syncOptions });
});

afterAll(async () => {
  intercept = null;
  await b?.shutdown();
  bDir.remove();
  await a?.core.shutdown();
  a?.close();
  await stopTheHub();
  hubDir.remove();
});

describe('the sync loop', () => {
  it('stays local only until connected, and refuses a hub address that is not http(s)', async () => {
    expect(await status()).toMatchObject({ state: 'local-only', lastSyncAt: null, lastError: null });
    await expect(
      a.admin.call('sync.connect', { url: 'ftp://hub.test', anonKey: 'k', email: 'desk-a@rosebank.test', password: 'x' }),
    ).rejects.toMatchObject({ kind: 'validation', fields: { url: 'Use an http:// or https:// address' } });
    await expect(
      a.admin.call('sync.connect', { url: hubUrl, anonKey, email: 'desk-a@rosebank.test', password: 'wrong password!' }),
    ).rejects.toMatchObject({ kind: 'validation', fields: { password: 'The hub did not accept this email and password' } });
    const doctor = await a.staffClient('doctor');
    await expect(
      doctor.call('sync.connect', { url: hubUrl, anonKey, email: 'desk-a@rosebank.test', password: TEST_PASSWORD }),
    ).rejects.toMatchObject({ kind: 'forbidden' });
    expect((await doctor.call('sync.status', {})).status.state).toBe('local-only');
  });

  it('syncs two devices of one practice with each other through the hub', async () => {
    const connected = await a.admin.call('sync.connect', { url: hubUrl, anonKey, email: 'desk-a@rosebank.test', password: TEST_PASSWORD });
    // The account's role on the hub comes with it (what the hub will accept from this device).
    expect(connected.settings).toEqual({
      url: hubUrl,
      email: 'desk-a@rosebank.test',
      memberships: [{ practiceId, role: 'admin', permissions: [...permissionsOf('admin')].sort() }],
    });
    // Only the refresh token is kept, never the password.
    expect(readMeta(a.core.db, 'hub_refresh_token')).toMatch(/\S{20,}/);
    const stored = a.core.db.sqlite.prepare('SELECT value FROM sync_meta').pluck().all() as string[];
    expect(stored.some((v) => v.includes(TEST_PASSWORD))).toBe(false);

    const afterSync = await syncNow();
    expect(afterSync).toMatchObject({ state: 'online', waiting: 0, lastError: null, quarantined: 0 });
    expect(afterSync.lastSyncAt).not.toBeNull();

    await b.sync.connect({ url: hubUrl, anonKey, email: 'desk-b@rosebank.test', password: TEST_PASSWORD });
    expect((await b.sync.syncNow()).status).toMatchObject({ state: 'online', waiting: 0 });
    expect(syncedSnapshot(b.db)).toEqual(syncedSnapshot(a.core.db));

    // B edits a patient (no password verifiers travel, so B calls the service as the synced admin).
    const patientId = await register('Thandi', 'Nkosi');
    await syncNow();
    await b.sync.syncNow();
    const actor = actorOn(b.db, adminId, practiceId);
    const chart = openChart(b.db, actor, patientId);
    const input = updatePatientInput.parse({ patientId, patient: { ...chart.patient, firstName: 'Thandeka' } });
    editPatient(b.db, actor, patientId, input.patient);
    b.sync.nudge();
    expect(b.sync.status().waiting).toBeGreaterThan(0);
    expect((await b.sync.syncNow()).status).toMatchObject({ state: 'online', waiting: 0 });

    await syncNow();
    expect((await a.admin.call('patients.chart', { patientId })).patient.firstName).toBe('Thandeka');
    // Opening the chart was audited on A: that travels too.
    await syncNow();
    await b.sync.syncNow();
    expect(syncedSnapshot(a.core.db)).toEqual(syncedSnapshot(b.db));
  });

  it('never reports everything sent while the outbox holds entries, and pushes soon after a write by itself', async () => {
    await syncNow();
    const seen: { waiting: number; actual: number }[] = [];
    const loop = a.core.sync.loop!;
    const off = loop.onStatus((s) => seen.push({ waiting: s.waiting, actual: waitingNow(a.core) }));
    await register('Pieter', 'van Wyk');
    const right = await status();
    expect(right.state).toBe('online');
    expect(right.waiting).toBeGreaterThan(0);
    // The write nudged the loop: it goes within moments, without "Sync now".
    await expect.poll(async () => (await status()).waiting, { timeout: 5_000 }).toBe(0);
    off();
    expect(seen.length).toBeGreaterThan(0);
    for (const s of seen) expect(s.waiting).toBe(s.actual);
  });

  it('sets a poison entry aside with the hub’s reason, and the entries after it still push', async () => {
    const db = a.core.db;
    const rowId = '00000000-0000-4000-8000-000000000001';
    const poison = db.sqlite
      .prepare(
        `INSERT INTO sync_log (table_name, row_id, practice_id, op, changes, hlc, device_id, actor_id)
         VALUES ('no_such_table', ?, ?, 'insert', ?, ?, ?, NULL)`,
      )
      .run(rowId, practiceId, JSON.stringify({ id: rowId }), db.clock.tick(), db.deviceId).lastInsertRowid as number;
    const after = await register('Aisha', 'Patel');

    const result = await syncNow();
    expect(result).toMatchObject({ state: 'online', waiting: 0, quarantined: 1, lastError: null });
    const reason = db.sqlite.prepare('SELECT reason FROM sync_quarantine WHERE seq = ?').pluck().get(poison) as string;
    expect(reason).toMatch(/unknown table "no_such_table"/);
    const { rows } = await theHub().admin.query("SELECT 1 FROM hub.change WHERE table_name = 'patient' AND row_id = $1", [after]);
    expect(rows).toHaveLength(1);
    expect((await hubChangesOf(db.deviceId)).seqs).toEqual(sendableSeqs(a.core));
  });

  it('loses and doubles nothing when a push is cut off half way and retried', async () => {
    for (let i = 0; i < 8; i += 1) await register(`Batch${i}`, 'Interrupted');
    expect((await status()).waiting).toBeGreaterThan(30);

    let calls = 0;
    let duplicatesOnRetry = 0;
    let stopped: Promise<void> | null = null;
    intercept = async (_batch, send) => {
      calls += 1;
      if (calls === 2) {
        // The hub stores the batch, the answer never arrives.
        await send();
        throw new HubFailure('unreachable', 'connection dropped', 0);
      }
      if (calls === 3) {
        const ack = await send();
        duplicatesOnRetry = ack.duplicates;
        return ack;
      }
      if (calls === 4) {
        // The hub goes away while this push is on the wire.
        const sending = send();
        stopped = stopTheHub();
        try {
          return await sending;
        } finally {
          await stopped;
        }
      }
      return send();
    };
    expect((await syncNow()).state).toBe('offline'); // the lost answer
    await expect.poll(() => stopped !== null, { timeout: 10_000 }).toBe(true);
    await stopped;
    const down = await syncNow();
    expect(down.state).toBe('offline');
    expect(down.waiting).toBeGreaterThan(0);
    expect(duplicatesOnRetry).toBeGreaterThan(0);

    intercept = null;
    await startTheHub();
    expect(await syncNow()).toMatchObject({ state: 'online', waiting: 0, lastError: null });
    const onHub = await hubChangesOf(a.core.db.deviceId);
    expect(onHub.seqs).toEqual(sendableSeqs(a.core));
    expect(new Set(onHub.seqs).size).toBe(onHub.rows);
  });

  it('goes offline with a plain reason and a growing backoff while the hub is down, and recovers by itself', async () => {
    await stopTheHub();
    await register('Offline', 'Patient');
    const first = await syncNow();
    expect(first.state).toBe('offline');
    expect(first.waiting).toBeGreaterThan(0);
    expect(first.lastError?.message).toBe(
      `Cannot reach the hub at 127.0.0.1:${gatewayPort}. Changes are kept on this computer and sent when it is back.`,
    );
    const loop = a.core.sync.loop!;
    const waits = [loop.backoffMs!];
    const second = await syncNow();
    waits.push(loop.backoffMs!);
    await syncNow();
    waits.push(loop.backoffMs!);
    expect(waits[0]).toBeGreaterThan(0);
    expect(waits[1]).toBeGreaterThan(waits[0]!);
    expect(waits[2]).toBeGreaterThan(waits[1]!);
    expect(second.lastError?.since).toBe(first.lastError?.since);
    expect(second.retryAt).toBeDefined();

    await startTheHub();
    // No "Sync now": the backoff timer finds the hub again.
    await expect.poll(async () => (await status()).state, { timeout: 15_000, interval: 200 }).toBe('online');
    expect(await status()).toMatchObject({ waiting: 0, lastError: null });
    expect((await hubChangesOf(a.core.db.deviceId)).seqs).toEqual(sendableSeqs(a.core));

    // And B receives it all.
    await b.sync.syncNow();
    expect(syncedSnapshot(b.db)).toEqual(syncedSnapshot(a.core.db));
  });

  it('keeps its hub sign-in across restarts (each rotated refresh token saved), and asks for a sign-in once the hub drops it', async () => {
    const before = readMeta(b.db, 'hub_refresh_token');
    for (let restart = 0; restart < 2; restart += 1) {
      await b.shutdown();
      b = await openCore({ dataDir: bDir.path, sync: syncOptions });
      expect((await b.sync.syncNow()).status).toMatchObject({ state: 'online', lastError: null });
    }
    // Refresh tokens work once: the restarts used and replaced it.
    expect(readMeta(b.db, 'hub_refresh_token')).not.toBe(before);

    // The hub forgets every sign-in of desk B.
    await theHub().admin.query(
      "UPDATE auth.refresh_tokens SET revoked = true WHERE user_id = (SELECT id FROM auth.users WHERE email = 'desk-b@rosebank.test')",
    );
    await b.shutdown();
    b = await openCore({ dataDir: bDir.path, sync: syncOptions });
    const refused = (await b.sync.syncNow()).status;
    expect(refused.state).toBe('error');
    expect(refused.lastError?.message).toBe('Sign in to the hub again: the hub no longer accepts this computer’s sign-in.');

    await b.sync.connect({ url: hubUrl, anonKey, email: 'desk-b@rosebank.test', password: TEST_PASSWORD });
    expect((await b.sync.syncNow()).status).toMatchObject({ state: 'online', lastError: null, waiting: 0 });
  });

  it('disconnects back to local only', async () => {
    const overview = await a.admin.call('sync.disconnect', {});
    expect(overview).toMatchObject({ settings: null, status: { state: 'local-only' } });
    expect(readMeta(a.core.db, 'hub_refresh_token')).toBeUndefined();
    await expect(a.admin.call('sync.now', {})).rejects.toMatchObject({ kind: 'conflict' });
  });
});
