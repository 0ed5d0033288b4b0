import { describe, expect, it } from 'vitest';
import { LocalDatabase } from '../../electron/db/database';
import { insertRows, openAtMigration } from '../helpers/old-database';
import { searchPatients } from '../../electron/db/patient-search';
import { tempDbPaths } from '../helpers/temp-db';

const dbPath = tempDbPaths();

describe('migration 0004 (sync engine)', () => {
  it('upgrades a 0003 database: rows and outbox kept, sync tables empty and not captured', async () => {
    const path = dbPath();
    const old = await openAtMigration(path, '0003_reception');
    const practiceId = '01900000-0000-7000-8000-000000000004';
    insertRows(old, [
      ['practice', { id: practiceId, practice_id: practiceId, name: 'Lenox Cat Hospital', kind: 'veterinary', allowed_species: '["Cat"]', currency: 'USD', tax_rate_bp: 800, time_zone: 'America/New_York' }],
      ['account', { id: 'a4', practice_id: practiceId, first_name: 'Jane', last_name: 'Smith', phone_primary: '082 555 1234' }],
      ['patient', { id: 'p4', practice_id: practiceId, account_id: 'a4', kind: 'animal', first_name: 'Milo', species: 'Cat' }],
    ]);
    const outboxBefore = old.sqlite.prepare('SELECT * FROM sync_log ORDER BY seq').all();
    const deviceId = old.deviceId;
    old.close();

    const upgraded = await LocalDatabase.open(path);
    const sqlite = upgraded.sqlite;
    expect(upgraded.deviceId).toBe(deviceId);
    expect(sqlite.prepare("SELECT first_name, species FROM patient WHERE id = 'p4'").get()).toEqual({ first_name: 'Milo', species: 'Cat' });
    // Later migrations add columns (0008: bases, NULL for entries written before it).
    expect(sqlite.prepare('SELECT * FROM sync_log ORDER BY seq').all()).toEqual(outboxBefore.map((r) => ({ ...(r as object), bases: null })));
    expect(searchPatients(upgraded, practiceId, 'milo', 10, true).map((h) => h.patientId)).toEqual(['p4']);
    for (const table of ['sync_meta', 'sync_inbox', 'sync_quarantine', 'sync_unapplied']) {
      expect(sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get()).toBe(0);
      // Local-only: no capture triggers.
      expect(sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?").pluck().get(table)).toBe(0);
    }
    const indexes = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('sync_log_row', 'sync_inbox_row')").pluck().all();
    expect(indexes.sort()).toEqual(['sync_inbox_row', 'sync_log_row']);
    const plan = sqlite.prepare("EXPLAIN QUERY PLAN SELECT * FROM sync_log WHERE table_name = 'patient' AND row_id = 'p4'").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('sync_log_row');
    // The outbox still captures after the upgrade.
    upgraded.transaction(null, () => sqlite.prepare("UPDATE patient SET breed = 'Siamese' WHERE id = 'p4'").run());
    expect(sqlite.prepare('SELECT count(*) FROM sync_log').pluck().get()).toBe(outboxBefore.length + 1);
    upgraded.close();
  });
});
