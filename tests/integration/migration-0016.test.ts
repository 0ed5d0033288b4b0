import { describe, expect, it } from 'vitest';
import { LocalDatabase } from '../../electron/db/database';
import { insertRows, openAtMigration } from '../helpers/old-database';
import { tempDbPaths } from '../helpers/temp-db';

const dbPath = tempDbPaths();

const practiceId = '01900000-0000-7000-8000-000000000016';
const patientId = '01900000-0000-7000-8000-0000000016a1';
const userId = '01900000-0000-7000-8000-0000000016b1';
const dose = '01900000-0000-7000-8000-0000000016d1';
const MARK = ['entered_in_error_at', 'entered_in_error_by', 'entered_in_error_reason'];

const columnsOf = (db: LocalDatabase) => (db.sqlite.prepare("SELECT name FROM pragma_table_info('vaccination')").pluck().all() as string[]);
const markedBy = (db: LocalDatabase) => () =>
  db.sqlite
    .prepare("UPDATE vaccination SET entered_in_error_at = '2026-12-01T10:00:00.000Z', entered_in_error_by = ?, entered_in_error_reason = 'Never given' WHERE id = ?")
    .run(userId, dose);

describe('migration 0016 (a vaccination entered in error)', () => {
  it('gives a new database the mark, its foreign key (foreign keys on) and its capture', async () => {
    const db = await LocalDatabase.open(dbPath());
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(columnsOf(db)).toEqual(expect.arrayContaining(MARK));
    const keys = db.sqlite.prepare("SELECT \"from\", \"table\" FROM pragma_foreign_key_list('vaccination')").all();
    expect(keys).toContainEqual({ from: 'entered_in_error_by', table: 'app_user' });
    const capture = db.sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'vaccination' AND name LIKE '%capture%'").pluck().all() as string[];
    expect(capture.length).toBeGreaterThan(0);
    for (const column of MARK) expect(capture.join('\n')).toContain(column);
    db.close();
  });

  it('upgrades a 0015 database: the dose keeps what it says, unmarked, and may now be marked once', async () => {
    const path = dbPath();
    const old = await openAtMigration(path, '0015_signed_note_versions');
    insertRows(old, [
      ['practice', { id: practiceId, practice_id: practiceId, name: 'Lenox Cat Hospital', kind: 'veterinary', allowed_species: '["Cat"]', currency: 'USD', tax_rate_bp: 800, time_zone: 'America/New_York' }],
      ['app_user', { id: userId, practice_id: practiceId, email: 'dr.lee@lenox.test', display_name: 'Dr Lee' }],
      ['account', { id: 'a1', practice_id: practiceId, first_name: 'Olga', last_name: 'Petrova', phone_primary: '212 555 0101' }],
      ['patient', { id: patientId, practice_id: practiceId, account_id: 'a1', kind: 'animal', first_name: 'Whiskers', species: 'Cat' }],
      ['vaccination', { id: dose, practice_id: practiceId, patient_id: patientId, vaccine_name: 'FVRCP', lot_number: 'L-1', given_at: '2026-11-01T15:00:00.000Z', given_by: userId, next_due_on: '2027-11-01' }],
    ]);
    expect(columnsOf(old)).not.toContain('entered_in_error_at');
    const before = old.sqlite.prepare('SELECT * FROM vaccination WHERE id = ?').get(dose) as Record<string, unknown>;
    const outboxBefore = old.sqlite.prepare('SELECT * FROM sync_log ORDER BY seq').all();
    old.close();

    const upgraded = await LocalDatabase.open(path);
    expect(upgraded.sqlite.prepare('SELECT * FROM vaccination WHERE id = ?').get(dose)).toEqual({
      ...before,
      entered_in_error_at: null,
      entered_in_error_by: null,
      entered_in_error_reason: null,
    });
    // The upgrade itself writes nothing to sync.
    expect(upgraded.sqlite.prepare('SELECT * FROM sync_log ORDER BY seq').all()).toEqual(outboxBefore);
    expect(() => upgraded.sqlite.prepare("UPDATE vaccination SET lot_number = 'L-9' WHERE id = ?").run(dose)).toThrow(/a recorded vaccination cannot be changed/);
    // A patient merge may still move the dose (0014).
    expect(() => upgraded.sqlite.prepare('UPDATE vaccination SET patient_id = patient_id WHERE id = ?').run(dose)).not.toThrow();

    expect(markedBy(upgraded)).not.toThrow();
    const change = upgraded.sqlite.prepare("SELECT changes FROM sync_log WHERE table_name = 'vaccination' AND row_id = ? ORDER BY seq DESC LIMIT 1").pluck().get(dose) as string;
    expect(JSON.parse(change)).toMatchObject({ entered_in_error_at: '2026-12-01T10:00:00.000Z', entered_in_error_by: userId, entered_in_error_reason: 'Never given' });
    expect(markedBy(upgraded)).not.toThrow(); // the same values again change nothing
    expect(() => upgraded.sqlite.prepare('UPDATE vaccination SET entered_in_error_at = NULL, entered_in_error_by = NULL, entered_in_error_reason = NULL WHERE id = ?').run(dose)).toThrow(
      /a recorded vaccination cannot be changed/,
    );
    upgraded.close();
  });
});
