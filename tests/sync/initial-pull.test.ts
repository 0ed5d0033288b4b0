/**
 * A fresh device's first sync against the real hub (embedded Postgres,
 * gateway, supabase-js): today's appointments and queue arrive first, then
 * allergies, then the stream brings the rest; progress is reported per phase;
 * the device ends byte-identical to one that did the ordinary pull (and to
 * the desk the data came from); a device cut off mid-snapshot resumes after
 * the last page it applied, across a restart.
 */
import { chmodSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core/core';
import type { SyncServiceOptions } from '../../electron/services/sync';
import type { PullPhase, SyncStatus } from '../../shared/api/sync-types';
import { addLocalDays, clinicDay } from '../../shared/domain/practice-time';
import { readMeta } from '../../sync/engine/meta';
import { HubFailure, supabaseTransport, type HubTransport } from '../../sync/engine/transport';
import { startHub, type Hub } from '../../sync/hub/hub';
import { TEST_PASSWORD } from '../helpers/hub';
import { openReception, type ReceptionPractice } from '../helpers/reception';
import { tempDir } from '../helpers/temp-dir';
import { syncedSnapshot } from './devices';

const TZ = 'Africa/Johannesburg';
const hubDir = tempDir('practice-desk-initial-hub-');
chmodSync(hubDir.path, 0o755);
let hub: Hub;
let rx: ReceptionPractice;
const dirs: ReturnType<typeof tempDir>[] = [];
const cores: Core[] = [];

interface Call {
  fn: 'priority' | 'pull' | 'estimate';
  tier?: number;
  after?: number;
  /** For the first stream page: what the device held when it asked. */
  held?: { appointments: string[]; visits: string[]; allergies: string[]; patients: string[] };
}

/** A transport that logs its calls, and can fail one priority page. */
function recording(calls: Call[], device: () => Core | undefined, failPriorityCall?: number): SyncServiceOptions['transport'] {
  return (options) => {
    const inner: HubTransport = supabaseTransport(options);
    let priorityCalls = 0;
    return {
      ...inner,
      pullPriority(tier, after, pageSize) {
        calls.push({ fn: 'priority', tier, after });
        priorityCalls += 1;
        if (priorityCalls === failPriorityCall) return Promise.reject(new HubFailure('unreachable', 'the connection dropped', 0));
        return inner.pullPriority(tier, after, pageSize);
      },
      pull(since, pageSize) {
        const db = device()?.db;
        const ids = (sql: string) => (db ? (db.sqlite.prepare(sql).pluck().all() as string[]).sort() : []);
        const first = !calls.some((c) => c.fn === 'pull');
        calls.push({
          fn: 'pull',
          after: since,
          ...(first ? { held: { appointments: ids('SELECT id FROM appointment'), visits: ids('SELECT id FROM visit'), allergies: ids('SELECT id FROM allergy'), patients: ids('SELECT id FROM patient') } } : {}),
        });
        return inner.pull(since, pageSize);
      },
      pullEstimate(since) {
        calls.push({ fn: 'estimate', after: since });
        return inner.pullEstimate(since);
      },
    };
  };
}

const slowLoop = { pullPageSize: 4, pullIntervalMs: 600_000, backoffBaseMs: 600_000, backoffMaxMs: 600_000, random: () => 0.5 };

async function freshDevice(calls: Call[], options: { priorityFirst?: boolean; failPriorityCall?: number; dir?: ReturnType<typeof tempDir> } = {}) {
  const dir = options.dir ?? tempDir('practice-desk-initial-');
  if (!options.dir) dirs.push(dir);
  // The transport reads the device's tables when the stream starts, long after this returns.
  const core: Core = await openCore({
    dataDir: dir.path,
    sync: { transport: recording(calls, () => core, options.failPriorityCall), loop: { ...slowLoop, priorityFirst: options.priorityFirst ?? true } },
  });
  cores.push(core);
  return { core, dir };
}

const connect = (core: Core) => core.sync.connect({ url: hub.url, anonKey: hub.anonKey, email: 'desk@rosebank.test', password: TEST_PASSWORD });

let today = '';
const expected = { todayAppointments: [] as string[], todayVisits: [] as string[], allergies: [] as string[], laterOnly: '' };

beforeAll(async () => {
  hub = await startHub({ dir: `${hubDir.path}/hub`, ephemeral: true });
  rx = await openReception(Date.now());
  const admin = rx.admin;
  today = clinicDay(new Date(rx.clock.now).toISOString(), TZ);
  // Every day, so the test runs whatever the weekday.
  const workingHours = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: '06:00', end: '22:00' }));
  await admin.call('reception.savePractitioner', { userId: rx.doctorId, serviceTypeIds: [rx.serviceId], workingHours });
  const register = async (first: string) =>
    (await admin.call('patients.register', {
      account: { newAccount: { firstName: first, lastName: 'Dlamini', phonePrimary: `011 555 ${String(first.length).padStart(4, '0')}` } },
      patient: { firstName: first, lastName: 'Dlamini', dateOfBirth: '1980-02-02' },
      acknowledgeDuplicates: true,
    })).patientId;
  const book = async (patientId: string, day: string, time: string) =>
    (await admin.call('appointments.book', { patientId, practitionerId: rx.doctorId, serviceTypeId: rx.serviceId, roomId: rx.roomId, start: `${day}T${time}` })).appointmentIds[0]!;

  const [thandi, pieter, aisha] = rx.patients as [string, string, string];
  expected.todayAppointments.push(await book(thandi, today, '07:00'), await book(pieter, today, '09:30'));
  await book(thandi, addLocalDays(`${today}T00:00`, 7).slice(0, 10), '10:00');
  await book(aisha, addLocalDays(`${today}T00:00`, -14).slice(0, 10), '11:00');
  await admin.call('visits.walkIn', { patientId: aisha, serviceTypeId: rx.serviceId });
  const lerato = await register('Lerato');
  expected.allergies.push((await admin.call('chart.saveRecord', { kind: 'allergy', patientId: lerato, fields: { allergen: 'Penicillin', severity: 'severe' } })).id);
  expected.allergies.push((await admin.call('chart.saveRecord', { kind: 'allergy', patientId: thandi, fields: { allergen: 'Latex', severity: 'mild' } })).id);
  expected.laterOnly = await register('Sipho');
  await book(expected.laterOnly, addLocalDays(`${today}T00:00`, 3).slice(0, 10), '08:00');
  for (const name of ['Zanele', 'Bongani', 'Karabo', 'Nomsa']) await register(name);
  expected.todayVisits = (rx.core.db.sqlite.prepare('SELECT id FROM visit WHERE clinic_day = ?').pluck().all(today) as string[]).sort();
  expected.todayAppointments.sort();
  expected.allergies.sort();

  const practiceId = (await admin.call('auth.session', {})).practice.id;
  await hub.createPractice(practiceId, 'Rosebank Family Practice');
  await hub.addMember(practiceId, await hub.addUser('desk@rosebank.test', TEST_PASSWORD), 'admin');
  await rx.core.sync.connect({ url: hub.url, anonKey: hub.anonKey, email: 'desk@rosebank.test', password: TEST_PASSWORD });
  expect((await rx.core.sync.syncNow()).status).toMatchObject({ state: 'online', waiting: 0 });
}, 60_000);

afterAll(async () => {
  for (const core of cores) await core.shutdown().catch(() => undefined);
  for (const dir of dirs) dir.remove();
  await rx?.core.shutdown();
  rx?.close();
  await hub?.stop();
  hubDir.remove();
});

const dedupe = (phases: PullPhase[]) => phases.filter((p, i) => p !== phases[i - 1]);
const inboxKeys = (core: Core) => core.db.sqlite.prepare("SELECT device_id || ':' || device_seq FROM sync_inbox ORDER BY 1").pluck().all();

describe('the first sync of a fresh device', () => {
  let ordinary: Core;

  it('with the ordinary pull alone, holds everything (the reference)', async () => {
    const calls: Call[] = [];
    ({ core: ordinary } = await freshDevice(calls, { priorityFirst: false }));
    await connect(ordinary);
    expect((await ordinary.sync.syncNow()).status).toMatchObject({ state: 'online', lastError: null });
    expect(calls.some((c) => c.fn === 'priority')).toBe(false);
    expect(syncedSnapshot(ordinary.db)).toEqual(syncedSnapshot(rx.core.db));
  });

  it('gets today’s appointments and queue, then allergies, before the rest, reports each phase, and ends identical', async () => {
    const calls: Call[] = [];
    const { core } = await freshDevice(calls);
    const seen: SyncStatus[] = [];
    await connect(core);
    const off = core.sync.loop!.onStatus((s) => seen.push(s));
    expect((await core.sync.syncNow()).status).toMatchObject({ state: 'online', lastError: null });
    off();

    // Tier 1 page by page, then tier 2, then the stream from 0.
    const firstPull = calls.findIndex((c) => c.fn === 'pull');
    const priority = calls.slice(0, firstPull);
    expect(priority.every((c) => c.fn === 'priority')).toBe(true);
    expect(priority.map((c) => c.tier)).toEqual([...priority.filter((c) => c.tier === 1), ...priority.filter((c) => c.tier === 2)].map((c) => c.tier));
    expect(priority.filter((c) => c.tier === 1).length).toBeGreaterThan(1);
    expect(calls[firstPull]!.after).toBe(0);

    // When the stream began, the device already showed today and every allergy, and nothing of another day.
    const held = calls[firstPull]!.held!;
    expect(held.appointments).toEqual(expected.todayAppointments);
    expect(held.visits).toEqual(expected.todayVisits);
    expect(held.allergies).toEqual(expected.allergies);
    expect(held.patients).not.toContain(expected.laterOnly);

    const pulling = seen.filter((s) => s.pulling).map((s) => s.pulling!);
    expect(dedupe(pulling.map((p) => p.phase))).toEqual(['today', 'allergies', 'rest']);
    const lastToday = pulling.filter((p) => p.phase === 'today').at(-1)!;
    expect(lastToday.total).toBeGreaterThan(0);
    expect(lastToday.received).toBe(lastToday.total);
    const rest = pulling.filter((p) => p.phase === 'rest' && p.total !== null);
    expect(rest.length).toBeGreaterThan(0);
    for (const p of pulling) if (p.total !== null) expect(p.received).toBeLessThanOrEqual(p.total);
    expect(calls.filter((c) => c.fn === 'estimate')).toHaveLength(1);
    expect(core.sync.status().pulling).toBeUndefined();

    // The stream brought the tiers' changes again as duplicates: the same rows, the same inbox, nothing doubled.
    expect(syncedSnapshot(core.db)).toEqual(syncedSnapshot(ordinary.db));
    expect(inboxKeys(core)).toEqual(inboxKeys(ordinary));
    expect(readMeta(core.db, 'initial_pull')).toBe('done');

    // Later exchanges are the stream alone.
    const before = calls.length;
    await core.sync.syncNow();
    expect(calls.slice(before).map((c) => c.fn)).toEqual(['pull']);
  });

  it('resumes after being cut off mid-snapshot, across a restart, from the last page it applied', async () => {
    const calls: Call[] = [];
    const { core, dir } = await freshDevice(calls, { failPriorityCall: 2 });
    await connect(core);
    await expect.poll(() => core.sync.status().state, { timeout: 10_000 }).toBe('offline');
    const saved = readMeta(core.db, 'initial_pull')!;
    expect(saved).toMatch(/^1:[1-9]\d*$/);
    expect(calls.map((c) => c.fn)).toEqual(['priority', 'priority']);
    const heldAtCut = core.db.sqlite.prepare('SELECT count(*) FROM sync_inbox').pluck().get() as number;
    expect(heldAtCut).toBe(4);
    await core.shutdown();

    const again: Call[] = [];
    const { core: restarted } = await freshDevice(again, { dir });
    expect((await restarted.sync.syncNow()).status).toMatchObject({ state: 'online', lastError: null });
    expect(again[0]).toEqual({ fn: 'priority', tier: 1, after: Number(saved.split(':')[1]) });
    expect(again.find((c) => c.fn === 'pull')!.held!.appointments).toEqual(expected.todayAppointments);
    expect(syncedSnapshot(restarted.db)).toEqual(syncedSnapshot(ordinary.db));
    expect(inboxKeys(restarted)).toEqual(inboxKeys(ordinary));
  });
});
