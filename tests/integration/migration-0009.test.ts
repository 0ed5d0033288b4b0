import { describe, expect, it } from 'vitest';
import { LocalDatabase } from '../../electron/db/database';
import { duplicatePairId, findDuplicatePairs } from '../../electron/db/duplicate-pairs';
import { insertRows, openAtMigration } from '../helpers/old-database';
import { tempDbPaths } from '../helpers/temp-db';

const dbPath = tempDbPaths();

const practiceId = '01900000-0000-7000-8000-000000000009';
const p1 = '01900000-0000-7000-8000-0000000000a1';
const p2 = '01900000-0000-7000-8000-0000000000a2';

describe('migration 0009 (patient merge)', () => {
  it('upgrades a 0008 database: rows and outbox kept, patients unmerged, the new column and table captured', async () => {
    const path = dbPath();
    const old = await openAtMigration(path, '0008_text_versions_and_conflicts');
    insertRows(old, [
      ['practice', { id: practiceId, practice_id: practiceId, name: 'Lenox Cat Hospital', kind: 'veterinary', allowed_species: '["Cat"]', currency: 'USD', tax_rate_bp: 800, time_zone: 'America/New_York' }],
      ['account', { id: 'a1', practice_id: practiceId, first_name: 'Olga', last_name: 'Petrova', phone_primary: '212 555 0101' }],
      ['account', { id: 'a2', practice_id: practiceId, first_name: 'Olga', last_name: 'Petrov', phone_primary: '646 555 0199' }],
      ['patient', { id: p1, practice_id: practiceId, account_id: 'a1', kind: 'animal', first_name: 'Whiskers', species: 'Cat', microchip_number: '985000000000123' }],
      ['patient', { id: p2, practice_id: practiceId, account_id: 'a2', kind: 'animal', first_name: 'Whisky', species: 'Cat', microchip_number: '985000000000123' }],
    ]);
    const outboxBefore = old.sqlite.prepare('SELECT * FROM sync_log ORDER BY seq').all();
    old.close();

    const upgraded = await LocalDatabase.open(path);
    const sqlite = upgraded.sqlite;
    expect(sqlite.prepare('SELECT * FROM sync_log ORDER BY seq').all()).toEqual(outboxBefore);
    expect(sqlite.prepare('SELECT id, first_name, merged_into_id FROM patient ORDER BY id').all()).toEqual([
      { id: p1, first_name: 'Whiskers', merged_into_id: null },
      { id: p2, first_name: 'Whisky', merged_into_id: null },
    ]);
    // The rows the old version held are found as a pair at once.
    expect(findDuplicatePairs(upgraded, practiceId)).toEqual([{ id: duplicatePairId(p1, p2), patientA: p1, patientB: p2, reasons: ['microchip'] }]);

    // merged_into_id is captured like any patient column, and the dismissal table like any synced table.
    upgraded.transaction(null, () => sqlite.prepare('UPDATE patient SET merged_into_id = ? WHERE id = ?').run(p1, p2));
    const last = sqlite.prepare('SELECT table_name, row_id, changes FROM sync_log ORDER BY seq DESC LIMIT 1').get();
    expect(last).toEqual({ table_name: 'patient', row_id: p2, changes: JSON.stringify({ merged_into_id: p1 }) });
    const triggers = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'duplicate_dismissal' ORDER BY name").pluck().all();
    expect(triggers).toEqual(['duplicate_dismissal_capture_insert', 'duplicate_dismissal_capture_update', 'duplicate_dismissal_no_delete']);
    expect(() => sqlite.prepare('DELETE FROM patient WHERE id = ?').run(p1)).toThrow(/never deleted/);

    // The finder reads its indexes, not the table.
    const plan = (q: string) => (sqlite.prepare(`EXPLAIN QUERY PLAN ${q}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan(`SELECT account_id, lower(first_name) FROM patient GROUP BY account_id, lower(first_name) HAVING count(*) > 1`)).toContain('patient_account_first');
    expect(plan(`SELECT id FROM patient WHERE merged_into_id IS NOT NULL`)).toContain('patient_merged_into');
    upgraded.close();
  });
});
