/**
 * Migration 0005 through the real supabase-js client: sync_pull_priority
 * serves today's rows (with what they need) and allergies, as the very
 * changes sync_pull serves, in pages; only to members, never another
 * practice's rows; sync_pull_estimate counts the stream; and every push and
 * pull carries the hub's clock, a far-future HLC being accepted and recorded
 * against its device, not refused.
 */
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PriorityPullResult, PullEstimate, PullResult, PushResult } from '../../sync/hub/contract';
import { change, useHub } from '../helpers/hub';

const hub = useHub();
const TIME_ZONE = 'Pacific/Auckland'; // far from UTC: "today" must be the practice's, not the server's

let practiceA: string;
let practiceB: string;
let ana: SupabaseClient;
let bob: SupabaseClient;
const device = `device-${randomUUID()}`;
let seq = 0;
const ids = { account: randomUUID(), patientToday: randomUUID(), patientLater: randomUUID(), patientAllergic: randomUUID() };
const rows = { apptToday: randomUUID(), apptLater: randomUUID(), visitToday: randomUUID(), chargeToday: randomUUID(), allergy: randomUUID(), room: randomUUID() };

function practiceDay(offsetDays = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(new Date(Date.now() + offsetDays * 86_400_000));
}

const insert = (practiceId: string, table: string, rowId: string, changes: Record<string, unknown>, overrides = {}) => {
  seq += 1;
  return change(practiceId, { table_name: table, row_id: rowId, changes: { id: rowId, ...changes }, device_id: device, device_seq: seq,
    hlc: `${new Date().toISOString()}-${seq.toString(16).padStart(4, '0')}-${device}`, ...overrides });
};

async function rpc<T>(client: SupabaseClient, fn: string, args: Record<string, unknown>): Promise<T> {
  const { data, error } = await client.rpc(fn, args);
  if (error) throw Object.assign(new Error(error.message), { code: error.code });
  return data as T;
}

async function tier(client: SupabaseClient, n: number, pageSize = 500): Promise<{ changes: PriorityPullResult['changes']; pages: PriorityPullResult[] }> {
  const pages: PriorityPullResult[] = [];
  let after = 0;
  for (;;) {
    const page = await rpc<PriorityPullResult>(client, 'sync_pull_priority', { tier: n, after_seq: after, page_size: pageSize });
    pages.push(page);
    after = page.next_after;
    if (!page.has_more) return { changes: pages.flatMap((p) => p.changes), pages };
  }
}

const rowsOf = (changes: { table_name: string; row_id: string }[]) => [...new Set(changes.map((c) => `${c.table_name}:${c.row_id}`))].sort();

beforeAll(async () => {
  practiceA = await hub().practice('Harbour Vets');
  practiceB = await hub().practice('Riverside Clinic');
  // Ana's desk pushes the practice's reference rows too (practice, rooms): an admin's hub account (hub 0010).
  ({ client: ana } = await hub().member('ana@harbour.test', practiceA, 'admin'));
  ({ client: bob } = await hub().member('bob@riverside.test', practiceB, 'admin'));
  const a = practiceA;
  const batch = [
    insert(a, 'practice', a, { practice_id: a, name: 'Harbour Vets', time_zone: TIME_ZONE }),
    insert(a, 'room', rows.room, { practice_id: a, name: 'Room 1' }),
    insert(a, 'account', ids.account, { practice_id: a, last_name: 'Ngata' }),
    insert(a, 'patient', ids.patientToday, { practice_id: a, account_id: ids.account, first_name: 'Moana' }),
    insert(a, 'patient', ids.patientLater, { practice_id: a, account_id: ids.account, first_name: 'Tama' }),
    insert(a, 'patient', ids.patientAllergic, { practice_id: a, account_id: ids.account, first_name: 'Aroha' }),
    insert(a, 'appointment', rows.apptToday, { practice_id: a, patient_id: ids.patientToday, clinic_day: practiceDay(), status: 'CONFIRMED' }),
    insert(a, 'appointment', rows.apptLater, { practice_id: a, patient_id: ids.patientLater, clinic_day: practiceDay(7), status: 'CONFIRMED' }),
    insert(a, 'visit', rows.visitToday, { practice_id: a, patient_id: ids.patientToday, appointment_id: rows.apptToday, clinic_day: practiceDay(), status: 'SCHEDULED' }),
    insert(a, 'charge', rows.chargeToday, { practice_id: a, visit_id: rows.visitToday, patient_id: ids.patientToday, account_id: ids.account, amount_minor: 45_000 }),
    insert(a, 'allergy', rows.allergy, { practice_id: a, patient_id: ids.patientAllergic, allergen: 'Penicillin' }),
  ];
  await rpc<PushResult>(ana, 'sync_push', { batch });
  // A later edit of today's appointment: the tier serves every change of the row, not only its insert.
  await rpc<PushResult>(ana, 'sync_push', { batch: [
    { ...insert(a, 'appointment', rows.apptToday, {}), op: 'update', changes: { status: 'CHECKED_IN' } },
  ] });
  // Practice B's own rows, today too.
  const b = practiceB;
  await rpc<PushResult>(bob, 'sync_push', { batch: [
    insert(b, 'practice', b, { practice_id: b, name: 'Riverside', time_zone: 'UTC' }, { device_id: 'device-b', hlc: `${new Date().toISOString()}-0000-device-b`, device_seq: 1 }),
    insert(b, 'allergy', randomUUID(), { practice_id: b, patient_id: randomUUID(), allergen: 'Latex' }, { device_id: 'device-b', hlc: `${new Date().toISOString()}-0001-device-b`, device_seq: 2 }),
  ] });
});

describe('sync_pull_priority', () => {
  it('serves today’s appointments and queue with what they need, then allergies with their patients, as the stream’s own changes', async () => {
    const today = await tier(ana, 1);
    expect(today.pages[0]!.days).toEqual({ [practiceA]: practiceDay() });
    expect(rowsOf(today.changes)).toEqual(rowsOf([
      { table_name: 'practice', row_id: practiceA }, { table_name: 'room', row_id: rows.room },
      { table_name: 'account', row_id: ids.account }, { table_name: 'patient', row_id: ids.patientToday },
      { table_name: 'appointment', row_id: rows.apptToday }, { table_name: 'visit', row_id: rows.visitToday },
      { table_name: 'charge', row_id: rows.chargeToday },
    ]));
    expect(today.changes.filter((c) => c.row_id === rows.apptToday).map((c) => c.op)).toEqual(['insert', 'update']);
    expect(today.pages[0]!.total).toBe(today.changes.length);

    const allergies = await tier(ana, 2);
    expect(rowsOf(allergies.changes)).toEqual(rowsOf([
      { table_name: 'allergy', row_id: rows.allergy }, { table_name: 'patient', row_id: ids.patientAllergic }, { table_name: 'account', row_id: ids.account },
    ]));

    // Exactly what sync_pull serves for the same changes, field for field.
    const stream = (await rpc<PullResult>(ana, 'sync_pull', { since: 0, page_size: 1000 })).changes;
    for (const c of [...today.changes, ...allergies.changes]) expect(c).toEqual(stream.find((s) => s.seq === c.seq));
  });

  it('pages in seq order with a resumable after_seq, and says how much of the tier came before it', async () => {
    const whole = await tier(ana, 1);
    const paged = await tier(ana, 1, 2);
    expect(paged.pages.length).toBe(Math.ceil(whole.changes.length / 2));
    expect(paged.changes.map((c) => c.seq)).toEqual(whole.changes.map((c) => c.seq));
    expect(paged.changes.map((c) => c.seq)).toEqual([...paged.changes.map((c) => c.seq)].sort((x, y) => x - y));
    expect(paged.pages.map((p) => p.before)).toEqual(paged.pages.map((_, i) => i * 2));
    expect(paged.pages.every((p) => p.total === whole.changes.length)).toBe(true);
  });

  it('gives practice B’s user nothing of practice A, refuses a forged practice id, anon and a bad tier', async () => {
    const bobsToday = await tier(bob, 1);
    const bobsAllergies = await tier(bob, 2);
    for (const c of [...bobsToday.changes, ...bobsAllergies.changes]) expect(c.practice_id).toBe(practiceB);
    expect(bobsAllergies.changes.map((c) => c.table_name)).toEqual(['allergy']);
    expect(Object.keys(bobsToday.pages[0]!.days)).toEqual([practiceB]);

    await expect(rpc(bob, 'sync_pull_priority', { tier: 1, practice: practiceA })).rejects.toMatchObject({ code: '42501' });
    const { error, status } = await bob.rpc('sync_pull_priority', { tier: 2, practice: practiceA });
    expect(status).toBe(403);
    expect(error?.message).toMatch(/not a member of practice/);
    // Her own practice named explicitly: served.
    expect((await rpc<PriorityPullResult>(ana, 'sync_pull_priority', { tier: 2, practice: practiceA })).total).toBe(3);

    const anon = hub().client();
    expect((await anon.rpc('sync_pull_priority', { tier: 1 })).status).toBe(401);
    expect((await anon.rpc('sync_pull_estimate', { since: 0 })).status).toBe(401);
    expect((await ana.rpc('sync_pull_priority', { tier: 3 })).status).toBe(400);
    expect((await ana.rpc('sync_pull_priority', { tier: 1, after_seq: -1 })).status).toBe(400);
  });

  it('counts the stream for the progress bar, per caller', async () => {
    const all = await rpc<PullEstimate>(ana, 'sync_pull_estimate', { since: 0 });
    const stream = (await rpc<PullResult>(ana, 'sync_pull', { since: 0, page_size: 1000 })).changes;
    expect(all.changes).toBe(stream.length);
    expect((await rpc<PullEstimate>(ana, 'sync_pull_estimate', { since: stream[4]!.seq })).changes).toBe(stream.length - 5);
    expect((await rpc<PullEstimate>(bob, 'sync_pull_estimate', { since: 0 })).changes).toBe(2);
    expect(Math.abs(Date.parse(all.hub_time) - Date.now())).toBeLessThan(60_000);
  });
});

describe('the hub’s clock', () => {
  it('answers every pull and push with its time, and how far the batch’s newest HLC is ahead of it', async () => {
    const pulled = await rpc<PullResult>(ana, 'sync_pull', { since: 0, page_size: 1 });
    expect(Math.abs(Date.parse(pulled.hub_time!) - Date.now())).toBeLessThan(60_000);
    const pushed = await rpc<PushResult>(ana, 'sync_push', { batch: [insert(practiceA, 'room', randomUUID(), { practice_id: practiceA, name: 'Room 2' })] });
    expect(pushed).toMatchObject({ acknowledged_through: seq, duplicates: 0, far_future: 0 });
    expect(Math.abs(pushed.clock_ahead_ms!)).toBeLessThan(60_000);
  });

  it('accepts changes stamped a day ahead, flags them against their device, and keeps serving them', async () => {
    const fastDevice = `fast-${randomUUID()}`;
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const rowId = randomUUID();
    const batch = [1, 2].map((n) =>
      change(practiceA, { table_name: 'room', row_id: rowId, op: n === 1 ? 'insert' : 'update', changes: n === 1 ? { id: rowId, practice_id: practiceA, name: 'Tomorrow' } : { name: 'Tomorrow 2' },
        device_id: fastDevice, device_seq: n, hlc: `${tomorrow}-000${n}-${fastDevice}` }));
    const pushed = await rpc<PushResult>(ana, 'sync_push', { batch });
    expect(pushed).toMatchObject({ acknowledged_through: 2, duplicates: 0, far_future: 2 });
    expect(pushed.clock_ahead_ms!).toBeGreaterThan(86_400_000 - 60_000);
    expect(pushed.clock_ahead_ms!).toBeLessThan(86_400_000 + 60_000);

    const { rows: flagged } = await hub().admin.query(
      'SELECT far_future_changes, max_ahead_ms, first_flagged_at IS NOT NULL AS flagged FROM hub.device_clock WHERE practice_id = $1 AND device_id = $2',
      [practiceA, fastDevice]);
    expect(flagged).toEqual([{ far_future_changes: '2', max_ahead_ms: expect.any(String), flagged: true }]);
    expect(Number(flagged[0].max_ahead_ms)).toBeGreaterThan(86_000_000);
    // A healthy device is recorded, not flagged.
    const { rows: healthy } = await hub().admin.query('SELECT first_flagged_at FROM hub.device_clock WHERE device_id = $1', [device]);
    expect(healthy).toEqual([{ first_flagged_at: null }]);

    const stream = (await rpc<PullResult>(ana, 'sync_pull', { since: 0, page_size: 1000 })).changes;
    expect(stream.filter((c) => c.device_id === fastDevice)).toHaveLength(2);
    // A replay is still a duplicate, not a second flag.
    expect(await rpc<PushResult>(ana, 'sync_push', { batch })).toMatchObject({ duplicates: 2, far_future: 0 });
    const { rows: after } = await hub().admin.query('SELECT far_future_changes FROM hub.device_clock WHERE device_id = $1', [fastDevice]);
    expect(after).toEqual([{ far_future_changes: '2' }]);
  });
});
