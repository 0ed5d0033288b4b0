import { describe, expect, it } from 'vitest';
import { LocalDatabase } from '../../electron/db/database';
import { insertRows, openAtMigration } from '../helpers/old-database';
import { tempDbPaths } from '../helpers/temp-db';

const dbPath = tempDbPaths();

const practiceId = '01900000-0000-7000-8000-000000000014';
const p1 = '01900000-0000-7000-8000-0000000014a1';
const p2 = '01900000-0000-7000-8000-0000000014a2';
const dose = '01900000-0000-7000-8000-0000000014d1';

describe('migration 0014 (clinical records follow a patient merge)', () => {
  it('upgrades a 0013 database: a given dose keeps what it says, and may now be filed under the surviving patient', async () => {
    const path = dbPath();
    const old = await openAtMigration(path, '0013_results_documents_plans');
    insertRows(old, [
      ['practice', { id: practiceId, practice_id: practiceId, name: 'Lenox Cat Hospital', kind: 'veterinary', allowed_species: '["Cat"]', currency: 'USD', tax_rate_bp: 800, time_zone: 'America/New_York' }],
      ['account', { id: 'a1', practice_id: practiceId, first_name: 'Olga', last_name: 'Petrova', phone_primary: '212 555 0101' }],
      ['patient', { id: p1, practice_id: practiceId, account_id: 'a1', kind: 'animal', first_name: 'Whiskers', species: 'Cat' }],
      ['patient', { id: p2, practice_id: practiceId, account_id: 'a1', kind: 'animal', first_name: 'Whisky', species: 'Cat' }],
      ['vaccination', { id: dose, practice_id: practiceId, patient_id: p2, vaccine_name: 'FVRCP', given_at: '2026-11-01T15:00:00.000Z', next_due_on: '2027-11-01' }],
    ]);
    const move = (db: LocalDatabase) => () => db.sqlite.prepare('UPDATE vaccination SET patient_id = ? WHERE id = ?').run(p1, dose);
    expect(move(old)).toThrow(/a recorded vaccination cannot be changed/);
    const outboxBefore = old.sqlite.prepare('SELECT * FROM sync_log ORDER BY seq').all();
    old.close();

    const upgraded = await LocalDatabase.open(path);
    expect(upgraded.sqlite.prepare('SELECT * FROM sync_log ORDER BY seq').all()).toEqual(outboxBefore);
    expect(() => upgraded.sqlite.prepare('UPDATE vaccination SET lot_number = ? WHERE id = ?').run('LOT-9', dose)).toThrow(/a recorded vaccination cannot be changed/);
    expect(move(upgraded)).not.toThrow();
    expect(upgraded.sqlite.prepare('SELECT patient_id, vaccine_name, lot_number FROM vaccination').get()).toEqual({ patient_id: p1, vaccine_name: 'FVRCP', lot_number: null });
    // The move is captured like any change, so it syncs.
    expect(upgraded.sqlite.prepare("SELECT count(*) FROM sync_log WHERE table_name = 'vaccination' AND row_id = ?").pluck().get(dose)).toBe(2);
    upgraded.close();
  });
});
