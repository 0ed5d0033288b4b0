/**
 * The hub refuses a push whose entry the caller's role may not write (hub
 * 0010, shared/domain/table-write-permissions.ts), through the real
 * supabase-js client; and a device whose hub account is a receptionist's
 * sets such an entry aside while everything else still syncs.
 */
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncLoop } from '../../sync/engine/loop';
import { acknowledgeThrough, entriesToPush } from '../../sync/engine/outbox';
import { supabaseTransport } from '../../sync/engine/transport';
import type { PushResult } from '../../sync/hub/contract';
import { permissionsOf } from '../../shared/domain/roles';
import { change, TEST_PASSWORD, useHub } from '../helpers/hub';
import { MEDICAL_PRACTICE, openTestPractice, type TestPractice } from '../helpers/practice';

const hub = useHub();

let practiceId: string;
let doctor: SupabaseClient;
let receptionist: SupabaseClient;
let manager: SupabaseClient;
let billing: SupabaseClient;

const refusal = (index: number, table: string, role: string) =>
  `sync_push: entry ${index} writes ${table}, which the ${role} role may not change; nothing was applied`;

async function push(client: SupabaseClient, batch: unknown[]) {
  return client.rpc('sync_push', { batch });
}

async function stored(rowId: string): Promise<number> {
  const { rows } = await hub().admin.query<{ n: string }>('SELECT count(*) AS n FROM hub.change WHERE row_id = $1', [rowId]);
  return Number(rows[0]!.n);
}

const consultation = (overrides: Record<string, unknown> = {}) =>
  change(practiceId, {
    table_name: 'consultation',
    changes: { patient_id: randomUUID(), visit_id: randomUUID(), status: 'draft', subjective: 'Coughing for a week' },
    ...overrides,
  });

beforeAll(async () => {
  practiceId = await hub().practice('Rosebank Family Practice');
  ({ client: doctor } = await hub().member('doctor@rosebank.test', practiceId, 'doctor'));
  ({ client: receptionist } = await hub().member('desk@rosebank.test', practiceId, 'receptionist'));
  ({ client: manager } = await hub().member('manager@rosebank.test', practiceId, 'manager'));
  ({ client: billing } = await hub().member('billing@rosebank.test', practiceId, 'billing'));
});

describe('sync_push checks the role per table', () => {
  it('refuses a receptionist a consultation or a vaccination, with the reason and nothing stored', async () => {
    const c = consultation();
    const refused = await push(receptionist, [c]);
    expect(refused.status).toBe(403);
    expect(refused.error).toMatchObject({ code: '42501', message: refusal(1, 'consultation', 'receptionist') });
    expect(await stored(c.row_id)).toBe(0);

    // The whole batch goes back, the patient before the vaccination too.
    const patient = change(practiceId, { device_id: 'desk-1' });
    const vaccination = change(practiceId, {
      device_id: 'desk-1',
      table_name: 'vaccination',
      changes: { patient_id: patient.row_id, vaccine: 'Tetanus', administered_at: '2026-03-01T09:00:00.000Z' },
    });
    const batch = await push(receptionist, [patient, vaccination]);
    expect(batch.error).toMatchObject({ code: '42501', message: refusal(2, 'vaccination', 'receptionist') });
    expect(await stored(patient.row_id)).toBe(0);
    expect(await stored(vaccination.row_id)).toBe(0);
  });

  it("takes the same changes from a doctor", async () => {
    const c = consultation({ device_id: 'laptop-1' });
    const vaccination = change(practiceId, {
      device_id: 'laptop-1',
      table_name: 'vaccination',
      changes: { patient_id: randomUUID(), vaccine: 'Tetanus', administered_at: '2026-03-01T09:00:00.000Z' },
    });
    const { data, error } = await push(doctor, [c, vaccination]);
    expect(error).toBeNull();
    expect((data as PushResult).duplicates).toBe(0);
    expect(await stored(c.row_id)).toBe(1);
    expect(await stored(vaccination.row_id)).toBe(1);
  });

  it('takes a patient and an audit row from a receptionist', async () => {
    const patient = change(practiceId, { device_id: 'desk-2' });
    const audit = change(practiceId, {
      device_id: 'desk-2',
      table_name: 'audit_log',
      changes: { action: 'create', entity_type: 'patient', entity_id: patient.row_id, patient_id: patient.row_id },
    });
    const { error } = await push(receptionist, [patient, audit]);
    expect(error).toBeNull();
    expect(await stored(patient.row_id)).toBe(1);
    expect(await stored(audit.row_id)).toBe(1);
  });

  it("lets a manager's merge re-point a consultation but not change what it says", async () => {
    const c = consultation({ device_id: 'laptop-2' });
    expect((await push(doctor, [c])).error).toBeNull();

    const survivor = randomUUID();
    const repointed = change(practiceId, {
      device_id: 'office-1',
      table_name: 'consultation',
      row_id: c.row_id,
      op: 'update',
      changes: { patient_id: survivor, updated_at: '2026-03-02T10:00:00.000Z' },
    });
    expect((await push(manager, [repointed])).error).toBeNull();
    const { rows } = await hub().admin.query<{ patient: string }>(
      "SELECT data ->> 'patient_id' AS patient FROM hub.row_state WHERE table_name = 'consultation' AND row_id = $1",
      [c.row_id],
    );
    expect(rows[0]!.patient).toBe(survivor);

    // The same columns plus a SOAP field, or as an insert, are clinical writes.
    for (const [op, changes] of [
      ['update', { patient_id: survivor, subjective: 'Edited by the office', updated_at: '2026-03-02T10:01:00.000Z' }],
      ['update', { subjective: 'Edited by the office' }],
      ['insert', { patient_id: survivor, updated_at: '2026-03-02T10:01:00.000Z' }],
    ] as const) {
      const soap = change(practiceId, { device_id: 'office-1', table_name: 'consultation', row_id: op === 'insert' ? randomUUID() : c.row_id, op, changes });
      const refused = await push(manager, [soap]);
      expect(refused.error).toMatchObject({ code: '42501', message: refusal(1, 'consultation', 'manager') });
    }
  });

  it('lets billing complete a visit with a payment but not move it to another practitioner', async () => {
    const visitId = randomUUID();
    const booked = change(practiceId, { device_id: 'desk-3', table_name: 'visit', row_id: visitId, changes: { status: 'PENDING_PAYMENT', practitioner_id: randomUUID() } });
    expect((await push(receptionist, [booked])).error).toBeNull();

    const completed = change(practiceId, {
      device_id: 'till-1',
      table_name: 'visit',
      row_id: visitId,
      op: 'update',
      changes: { status: 'COMPLETED', status_changed_at: '2026-03-02T11:00:00.000Z', updated_at: '2026-03-02T11:00:00.000Z' },
    });
    const payment = change(practiceId, { device_id: 'till-1', table_name: 'payment', changes: { visit_id: visitId, amount_minor: 45000, kind: 'payment' } });
    expect((await push(billing, [completed, payment])).error).toBeNull();

    const moved = change(practiceId, { device_id: 'till-1', table_name: 'visit', row_id: visitId, op: 'update', changes: { practitioner_id: randomUUID() } });
    expect((await push(billing, [moved])).error).toMatchObject({ code: '42501', message: refusal(1, 'visit', 'billing') });
  });

  it('still answers bad batches and strangers with the messages it always had', async () => {
    const unknown = await push(receptionist, [change(practiceId, { table_name: 'no_such_table' })]);
    expect(unknown.error?.message).toMatch(/names unknown table "no_such_table"/);
    const stranger = await push(receptionist, [consultation({ practice_id: randomUUID() })]);
    expect(stranger.error).toMatchObject({ code: '42501' });
    expect(stranger.error?.message).toMatch(/you are not a member of practice/);
  });
});

describe('a desk whose hub account is a receptionist’s', () => {
  let desk: TestPractice;

  afterAll(async () => {
    await desk?.core.shutdown();
    desk?.close();
  });

  it('sets the clinical entry aside with the hub’s reason and still pushes the rest', async () => {
    desk = await openTestPractice(MEDICAL_PRACTICE);
    const db = desk.core.db;
    const deskPractice = (await desk.admin.call('auth.session', {})).practice.id;
    await hub().createPractice(deskPractice, MEDICAL_PRACTICE.practice.name);
    // The practice's first rows (setup: the practice, its administrator, the catalogue) went up with an admin's account.
    const { client: admin } = await hub().member('admin@desk.test', deskPractice, 'admin');
    for (let batch = entriesToPush(db, 500); batch.length > 0; batch = entriesToPush(db, 500)) {
      const { data, error } = await admin.rpc('sync_push', { batch });
      expect(error).toBeNull();
      acknowledgeThrough(db, (data as PushResult).acknowledged_through!);
    }

    await hub().addMember(deskPractice, await hub().addUser('frontdesk@desk.test', TEST_PASSWORD), 'receptionist');
    const { patientId } = await desk.admin.call('patients.register', {
      account: { newAccount: { firstName: 'Lindiwe', lastName: 'Dube', phonePrimary: '011 555 0123' } },
      patient: { firstName: 'Lindiwe', lastName: 'Dube', dateOfBirth: '1984-06-02' },
      acknowledgeDuplicates: true,
    });
    const rowId = randomUUID();
    const poison = db.sqlite
      .prepare(
        `INSERT INTO sync_log (table_name, row_id, practice_id, op, changes, hlc, device_id, actor_id)
         VALUES ('consultation', ?, ?, 'insert', ?, ?, ?, NULL)`,
      )
      .run(rowId, deskPractice, JSON.stringify({ id: rowId, patient_id: patientId, status: 'draft', subjective: 'Typed at the desk' }), db.clock.tick(), db.deviceId)
      .lastInsertRowid as number;
    const { patientId: later } = await desk.admin.call('patients.register', {
      account: { newAccount: { firstName: 'Sipho', lastName: 'Dube', phonePrimary: '011 555 0124' } },
      patient: { firstName: 'Sipho', lastName: 'Dube', dateOfBirth: '2010-01-15' },
      acknowledgeDuplicates: true,
    });

    const transport = supabaseTransport({ url: hub().url, anonKey: hub().anonKey, email: 'frontdesk@desk.test', refreshToken: null, onRefreshToken: () => undefined });
    await transport.signIn('frontdesk@desk.test', TEST_PASSWORD);
    const loop = new SyncLoop({ db, transport, priorityFirst: false, pushBatchSize: 50 });
    try {
      const status = await loop.syncNow();
      expect(status).toMatchObject({ state: 'online', waiting: 0, quarantined: 1, lastError: null });
      expect(loop.quarantinedByThisLoop).toEqual([{ seq: poison, table: 'consultation', reason: refusal(1, 'consultation', 'receptionist') }]);
      const reason = db.sqlite.prepare('SELECT reason FROM sync_quarantine WHERE seq = ?').pluck().get(poison);
      expect(reason).toBe(refusal(1, 'consultation', 'receptionist'));
    } finally {
      await loop.stop();
    }
    expect(await stored(rowId)).toBe(0);
    for (const id of [patientId, later]) expect(await stored(id)).toBe(1);
    // Everything else this desk wrote is on the hub: its outbox less the entry set aside.
    const { rows } = await hub().admin.query<{ device_seq: string }>('SELECT device_seq FROM hub.change WHERE device_id = $1 ORDER BY device_seq', [db.deviceId]);
    const sendable = db.sqlite.prepare('SELECT seq FROM sync_log WHERE seq NOT IN (SELECT seq FROM sync_quarantine) ORDER BY seq').pluck().all();
    expect(rows.map((r) => Number(r.device_seq))).toEqual(sendable);
  });
});

describe('sync_membership (migration 0012)', () => {
  it('tells the signed-in account its practices, role and that role’s permissions, so a device can say what will be set aside', async () => {
    const { data, error } = await manager.rpc('sync_membership', {});
    expect(error).toBeNull();
    expect(data).toEqual([{ practice_id: practiceId, role: 'manager', permissions: [...permissionsOf('manager')].sort() }]);
    const other = await hub().practice('Another practice');
    const { client: both } = await hub().member(`both-${randomUUID()}@roles.test`, practiceId, 'nurse');
    const { rows } = await hub().admin.query<{ id: string }>("SELECT id FROM auth.users WHERE email LIKE 'both-%' ORDER BY created_at DESC LIMIT 1");
    await hub().addMember(other, rows[0]!.id, 'receptionist');
    const mine = ((await both.rpc('sync_membership', {})).data as { practice_id: string; role: string }[]).map((m) => [m.practice_id, m.role]);
    expect(mine.sort()).toEqual([[practiceId, 'nurse'], [other, 'receptionist']].sort());
    const anon = await hub().client().rpc('sync_membership', {});
    expect(anon.error).not.toBeNull();
  });
});
