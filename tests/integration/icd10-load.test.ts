import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalDatabase } from '../../electron/db/database';
import { ensureIcd10Loaded, loadedVersion, shippedCodeSetPath } from '../../electron/db/icd10-load';
import { searchIcd10 } from '../../electron/db/icd10-search';
import { recordDiagnosisCodeUse } from '../../electron/db/icd10-usage';
import { tempDir } from '../helpers/temp-dir';

const dirs: { path: string; remove(): void }[] = [];
function folder(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir.path;
}
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

const HEADER = 'code,billable,short_description,long_description,code_dotted\n';
const practiceId = '01900000-0000-7000-8000-00000000000a';

function codeSet(dir: string, name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, HEADER + body);
  return path;
}

const rows = (db: LocalDatabase) => db.sqlite.prepare('SELECT code, code_dotted, billable, title FROM icd10_code ORDER BY rank').all();

describe('loading the ICD-10-CM code set', () => {
  it('loads the shipped file in one go, found from the app root whatever the working directory', async () => {
    const dir = folder();
    const db = await LocalDatabase.open(join(dir, 'db.sqlite'));
    const cwd = process.cwd();
    process.chdir(dir);
    let report;
    try {
      expect(shippedCodeSetPath()).toBe(join(cwd, 'data', 'icd10cm', 'icd10cm-2022.csv'));
      report = ensureIcd10Loaded(db);
    } finally {
      process.chdir(cwd);
    }
    console.log(`Shipped ICD-10-CM set: ${report.rows} rows loaded in ${Math.round(report.ms)} ms`);
    expect(report).toMatchObject({ loaded: true, rows: 95_524 });
    const counts = db.sqlite.prepare('SELECT count(*) AS codes, sum(billable) AS billable FROM icd10_code').get();
    expect(counts).toEqual({ codes: 95_524, billable: 72_748 });
    expect(db.sqlite.prepare("SELECT count(*) FROM icd10_search WHERE icd10_search MATCH 'cholera'").pluck().get()).toBe(4);
    // Ranks run from the most general: 3-character categories before their children.
    expect(db.sqlite.prepare("SELECT code FROM icd10_code WHERE code IN ('A00', 'A000', 'I10') ORDER BY rank").pluck().all()).toEqual(['A00', 'I10', 'A000']);
    expect(ensureIcd10Loaded(db)).toMatchObject({ loaded: false });
    db.close();

    // A new connection to the same file checks the version and does not reload.
    const reopened = await LocalDatabase.open(join(dir, 'db.sqlite'));
    expect(ensureIcd10Loaded(reopened)).toMatchObject({ loaded: false, version: report.version });
    reopened.close();
  }, 120_000);

  it('is idempotent, reloads when the file changes, keeps usage, and a bad file leaves the loaded set as it was', async () => {
    const dir = folder();
    const db = await LocalDatabase.open(join(dir, 'db.sqlite'));
    const v1 = codeSet(dir, 'v1.csv', 'J02,0,Acute pharyngitis,Acute pharyngitis,J02\nJ020,1,Streptococcal pharyngitis,Streptococcal pharyngitis,J02.0\n');
    const first = ensureIcd10Loaded(db, v1);
    expect(first).toMatchObject({ loaded: true, rows: 2 });
    expect(ensureIcd10Loaded(db, v1)).toMatchObject({ loaded: false, version: first.version });
    expect(rows(db)).toHaveLength(2);
    db.transaction(null, () => recordDiagnosisCodeUse(db, practiceId, 'J02.0', '2026-11-01T09:00:00.000Z'));
    expect(searchIcd10(db, practiceId, 'pharyngitis').map((h) => h.codeDotted)).toEqual(['J02.0', 'J02']);

    // The next fiscal year: a code renamed, one added.
    const v2 = codeSet(
      dir,
      'v2.csv',
      'J02,0,Acute pharyngitis,Acute pharyngitis,J02\nJ020,1,Strep pharyngitis,"Streptococcal pharyngitis, group A",J02.0\nJ029,1,"Acute pharyngitis, unsp","Acute pharyngitis, unspecified",J02.9\n',
    );
    const second = ensureIcd10Loaded(db, v2);
    expect(second).toMatchObject({ loaded: true, rows: 3 });
    expect(second.version).not.toBe(first.version);
    expect(loadedVersion(db)).toBe(second.version);
    expect(rows(db)).toEqual([
      { code: 'J02', code_dotted: 'J02', billable: 0, title: 'Acute pharyngitis' },
      { code: 'J020', code_dotted: 'J02.0', billable: 1, title: 'Streptococcal pharyngitis, group A' },
      { code: 'J029', code_dotted: 'J02.9', billable: 1, title: 'Acute pharyngitis, unspecified' },
    ]);
    // The search reads the new words at once ("group" was not in the first set).
    expect(searchIcd10(db, practiceId, 'group a').map((h) => h.codeDotted)).toEqual(['J02.0']);
    expect(db.sqlite.prepare('SELECT code, uses FROM icd10_usage').all()).toEqual([{ code: 'J020', uses: 1 }]);

    const broken = codeSet(dir, 'broken.csv', 'J02,0,Acute pharyngitis,Acute pharyngitis,J02\nJ020,1,"Strep pharyngitis,Streptococcal pharyngitis,J02.0\n');
    expect(() => ensureIcd10Loaded(db, broken)).toThrow(/malformed field/);
    const halfValid = codeSet(dir, 'half.csv', 'J02,0,Acute pharyngitis,Acute pharyngitis,J02\nJ020,7,x,x,J02.0\n');
    expect(() => ensureIcd10Loaded(db, halfValid)).toThrow(/billable/);
    expect(rows(db)).toHaveLength(3);
    expect(loadedVersion(db)).toBe(second.version);
    db.close();
  });

  it('rolls the whole load back when a write fails part way', async () => {
    const dir = folder();
    const db = await LocalDatabase.open(join(dir, 'db.sqlite'));
    const v1 = codeSet(dir, 'v1.csv', 'A00,0,Cholera,Cholera,A00\n');
    const loaded = ensureIcd10Loaded(db, v1);
    // The same code twice passes the row checks but breaks the UNIQUE index mid-transaction.
    const twice = codeSet(dir, 'twice.csv', 'B01,0,Varicella,Varicella,B01\nB01,0,Varicella,Varicella,B01\n');
    expect(() => ensureIcd10Loaded(db, twice)).toThrow(/UNIQUE/);
    expect(rows(db)).toEqual([{ code: 'A00', code_dotted: 'A00', billable: 0, title: 'Cholera' }]);
    expect(loadedVersion(db)).toBe(loaded.version);
    expect(db.sqlite.prepare("SELECT count(*) FROM icd10_search WHERE icd10_search MATCH 'cholera'").pluck().get()).toBe(1);
    db.close();
  });
});
