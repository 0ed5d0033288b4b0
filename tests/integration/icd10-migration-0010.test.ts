import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalDatabase } from '../../electron/db/database';
import { ensureIcd10Loaded } from '../../electron/db/icd10-load';
import { searchIcd10 } from '../../electron/db/icd10-search';
import { recordDiagnosisCodeUse } from '../../electron/db/icd10-usage';
import { LATEST_SQLITE_MIGRATION } from '../../migrations/sqlite';
import { SYNCED_TABLE_NAMES } from '../../sync/engine/table-rules';
import { insertRows, openAtMigration } from '../helpers/old-database';
import { tempDir } from '../helpers/temp-dir';

const dirs: { path: string; remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

const practiceId = '01900000-0000-7000-8000-000000000010';

describe('migration 0010 (ICD-10-CM codes)', () => {
  it('upgrades a 0009 database: rows and outbox kept, the code tables local and empty until first use', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const path = join(dir.path, 'test.sqlite');
    const old = await openAtMigration(path, '0009_patient_merge');
    insertRows(old, [
      ['practice', { id: practiceId, practice_id: practiceId, name: 'Rosebank Family Practice', kind: 'medical', allowed_species: '[]', currency: 'ZAR', tax_rate_bp: 1500, time_zone: 'Africa/Johannesburg' }],
    ]);
    const outboxBefore = old.sqlite.prepare('SELECT * FROM sync_log ORDER BY seq').all();
    expect(outboxBefore.length).toBeGreaterThan(0);
    old.close();

    const upgraded = await LocalDatabase.open(path);
    const sqlite = upgraded.sqlite;
    // Opened by the current build: every migration since 0009 ran, 0010 among them.
    expect(upgraded.sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name DESC LIMIT 1').pluck().get()).toBe(LATEST_SQLITE_MIGRATION);
    expect(upgraded.sqlite.prepare("SELECT count(*) FROM kysely_migration WHERE name = '0010_icd10_codes'").pluck().get()).toBe(1);
    expect(sqlite.prepare('SELECT * FROM sync_log ORDER BY seq').all()).toEqual(outboxBefore);
    expect(sqlite.prepare('SELECT name FROM practice').pluck().all()).toEqual(['Rosebank Family Practice']);
    for (const table of ['icd10_code', 'icd10_word', 'icd10_meta', 'icd10_usage']) {
      expect(sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    }

    // Reference data and a local ranking hint: never synced, no capture triggers.
    const triggers = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name LIKE 'icd10%'").pluck().all();
    expect(triggers).toEqual([]);
    expect(SYNCED_TABLE_NAMES.filter((t) => t.startsWith('icd10'))).toEqual([]);

    const csv = join(dir.path, 'codes.csv');
    writeFileSync(csv, 'code,billable,short_description,long_description,code_dotted\nI10,1,Essential (primary) hypertension,Essential (primary) hypertension,I10\n');
    ensureIcd10Loaded(upgraded, csv);
    upgraded.transaction(null, () => recordDiagnosisCodeUse(upgraded, practiceId, 'I10'));
    expect(sqlite.prepare('SELECT * FROM sync_log ORDER BY seq').all()).toEqual(outboxBefore);
    expect(searchIcd10(upgraded, practiceId, 'htn')).toEqual([
      { code: 'I10', codeDotted: 'I10', title: 'Essential (primary) hypertension', billable: true, matchedBy: 'synonym' },
    ]);
    // The usage table is read by its key, not scanned.
    const plan = sqlite.prepare("EXPLAIN QUERY PLAN SELECT uses FROM icd10_usage WHERE practice_id = ? AND code = ?").all('p', 'I10') as { detail: string }[];
    expect(plan.map((r) => r.detail).join(' ')).toMatch(/PRIMARY KEY/);
    upgraded.close();
  });
});
