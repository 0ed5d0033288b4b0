import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/core/core';
import { registerPatient } from '../../electron/services/patients';
import { registerPatientInput } from '../../shared/schemas/patient';
import { parseHlc } from '../../sync/hlc';
import { FELINE_HOSPITAL, openTestPractice, type TestPractice } from '../helpers/practice';

let practice: TestPractice;
beforeEach(async () => {
  practice = await openTestPractice(FELINE_HOSPITAL);
});
afterEach(() => practice.close());

const count = (table: string) => practice.core.db.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

const registration = {
  account: { newAccount: { firstName: 'Jane', lastName: 'Smith', phonePrimary: '082 555 1234' } },
  patient: { firstName: 'Milo', species: 'Cat' as const },
  allergies: [{ allergen: 'Penicillin', severity: 'severe' as const }],
};

describe('outbox capture (sync_log)', () => {
  it('records every write to a synced table, with changed columns, an HLC and the actor, in order', async () => {
    const before = count('sync_log');
    const { patientId } = await practice.admin.call('patients.register', registration);
    const entries = practice.core.db.sqlite
      .prepare('SELECT * FROM sync_log WHERE seq > ? ORDER BY seq')
      .all(before) as { table_name: string; row_id: string; op: string; changes: string; hlc: string; actor_id: string; device_id: string }[];
    expect(entries.map((e) => e.table_name)).toEqual(['account', 'audit_log', 'patient', 'audit_log', 'allergy', 'audit_log']);
    const patientEntry = entries.find((e) => e.table_name === 'patient')!;
    expect(patientEntry.row_id).toBe(patientId);
    expect(JSON.parse(patientEntry.changes)).toMatchObject({ first_name: 'Milo', species: 'Cat', kind: 'animal' });
    const hlcs = entries.map((e) => e.hlc);
    expect([...hlcs].sort()).toEqual(hlcs);
    expect(new Set(hlcs).size).toBe(hlcs.length);
    expect(parseHlc(hlcs[0]!).node).toBe(practice.core.db.deviceId);
    const session = await practice.admin.call('auth.session', {});
    expect(entries.every((e) => e.actor_id === session.user.id && e.device_id === practice.core.db.deviceId)).toBe(true);

    // An update ships only what changed.
    const chart = await practice.admin.call('patients.chart', { patientId });
    const seq = count('sync_log');
    await practice.admin.call('patients.update', { patientId, patient: { ...chart.patient, breed: 'Maine Coon' } });
    const update = practice.core.db.sqlite.prepare("SELECT changes FROM sync_log WHERE seq > ? AND table_name = 'patient'").get(seq) as { changes: string };
    expect(Object.keys(JSON.parse(update.changes)).sort()).toEqual(['breed', 'updated_at']);
  });

  it('leaves no row, no outbox entry and no audit entry when an operation fails part-way', async () => {
    const tables = ['account', 'patient', 'allergy', 'audit_log', 'sync_log'];
    const before = Object.fromEntries(tables.map((t) => [t, count(t)]));
    const actor = await actorOf(practice);
    // Bypass the API's validation so the third insert (the allergy) fails a CHECK
    // constraint after the account and patient inserts have already run.
    const input = registerPatientInput.parse(registration);
    (input.allergies[0] as { severity: string }).severity = 'catastrophic';
    expect(() => registerPatient(practice.core.db, actor, input)).toThrow(/CHECK constraint/);
    expect(Object.fromEntries(tables.map((t) => [t, count(t)]))).toEqual(before);
  });

  it('cannot be bypassed: a connection without the capture functions cannot write synced tables', () => {
    practice.core.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const raw = new BetterSqlite3(join(practice.dir, DATABASE_FILE));
    expect(() => raw.prepare("UPDATE patient SET first_name = 'Sneaky'").run()).toThrow(/no such function: pd_capture/);
    expect(() =>
      raw
        .prepare(`INSERT INTO account (id, practice_id, created_at, updated_at, first_name, last_name, phone_primary)
                  VALUES ('x', 'p', 'now', 'now', 'A', 'B', '0123456789')`)
        .run(),
    ).toThrow(/no such function: pd_capture/);
    raw.close();
  });

  it('never hard-deletes synced rows, and the audit log is append-only', async () => {
    await practice.admin.call('patients.register', registration);
    const db = practice.core.db.sqlite;
    expect(() => db.prepare('DELETE FROM patient').run()).toThrow(/never deleted/);
    expect(() => db.prepare("UPDATE audit_log SET action = 'read'").run()).toThrow(/append-only/);
  });
});

async function actorOf(p: TestPractice) {
  const session = await p.admin.call('auth.session', {});
  return {
    userId: session.user.id,
    practiceId: session.practice.id,
    role: session.role,
    practice: session.practice,
    session: { token: session.token, userId: session.user.id, practiceId: session.practice.id, startedAt: 0, lastSeenAt: 0 },
  };
}
