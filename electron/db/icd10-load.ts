/**
 * Filling the local ICD-10-CM tables from the code set the app ships
 * (data/icd10cm/icd10cm-2022.csv). Done on first use rather than in the
 * migration, so opening a database stays fast; one transaction, so a failed
 * load leaves the previous code set in place. The file's SHA-256 is kept in
 * icd10_meta: the same file is never loaded twice, a changed file (a new
 * fiscal year) replaces the set. icd10_usage is left alone: it records
 * codes, not rows, and a code kept across years keeps its history.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { parseIcd10Csv } from '../../shared/clinical/icd10-csv';
import { generality, significantWords } from '../../shared/clinical/icd10-ranking';
import { words } from '../../shared/clinical/icd10-text';
import type { LocalDatabase } from './database';

const SHIPPED = join('data', 'icd10cm', 'icd10cm-2022.csv');
const VERSION_KEY = 'code_set_version';
/** Bump when the way rows are loaded changes (order, words), so existing databases reload. */
const LOADER_VERSION = 1;

/**
 * The shipped file, found by walking up from this module: the checkout root
 * in development and tests, dist/electron's parents in a build, and the
 * installed app's resources folder (electron-builder extraResources) when
 * packaged — never relative to the working directory.
 */
export function shippedCodeSetPath(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    const candidate = join(dir, SHIPPED);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`The ICD-10-CM code set (${SHIPPED}) is missing from this installation`);
    dir = parent;
  }
}

export interface LoadReport {
  /** False when the loaded version already matched the file. */
  loaded: boolean;
  rows: number;
  ms: number;
  version: string;
}

/** Which version is loaded per open database, so searches skip hashing the file again. */
const checked = new WeakMap<LocalDatabase, string>();

export function loadedVersion(db: LocalDatabase): string | null {
  return db.first(db.kysely.selectFrom('icd10_meta').select('value').where('key', '=', VERSION_KEY))?.value ?? null;
}

let shippedPath: string | null = null;

/**
 * Make sure the tables hold the code set in `path`: the shipped file unless
 * told otherwise (tests load other versions). The shipped file is hashed once
 * per open database; later calls return at once.
 */
export function ensureIcd10Loaded(db: LocalDatabase, path?: string): LoadReport {
  const started = performance.now();
  const shipped = path === undefined;
  const known = checked.get(db);
  if (shipped && known) return { loaded: false, rows: 0, ms: 0, version: known };
  const text = readFileSync(path ?? (shippedPath ??= shippedCodeSetPath()), 'utf8');
  const version = `${LOADER_VERSION}:${createHash('sha256').update(text).digest('hex')}`;
  const remember = () => (shipped ? checked.set(db, version) : checked.delete(db));
  if (loadedVersion(db) === version) {
    remember();
    return { loaded: false, rows: 0, ms: performance.now() - started, version };
  }
  const rows = parseIcd10Csv(text);
  // The rowid is generality order (most general first, then code order): see the migration.
  const key = new Map(rows.map((row) => [row.code, generality(row.code)]));
  rows.sort((a, b) => key.get(a.code)! - key.get(b.code)! || (a.code < b.code ? -1 : 1));
  const wordCounts = new Map<string, number>();
  const significant = rows.map((row) => {
    const titleWords = words(row.title);
    for (const word of new Set(titleWords)) wordCounts.set(word, (wordCounts.get(word) ?? 0) + 1);
    return significantWords(titleWords);
  });

  db.transaction(null, () => {
    db.run(db.kysely.deleteFrom('icd10_code'));
    db.run(db.kysely.deleteFrom('icd10_word'));
    rows.forEach((row, index) => {
      const values = [index + 1, row.code, row.codeDotted, row.billable ? 1 : 0, row.title, row.shortTitle, significant[index]!] as const;
      db.runShaped(
        'icd10_code.insert',
        () =>
          db.kysely
            .insertInto('icd10_code')
            .values({
              rank: values[0],
              code: values[1],
              code_dotted: values[2],
              billable: values[3],
              title: values[4],
              short_title: values[5],
              title_words: values[6],
            })
            .compile(),
        values,
      );
    });
    for (const [word, codes] of wordCounts) {
      db.runShaped('icd10_word.insert', () => db.kysely.insertInto('icd10_word').values({ word, codes }).compile(), [word, codes]);
    }
    // External-content FTS: rebuilt from icd10_code in one pass, faster than a row at a time.
    db.run(sql`INSERT INTO icd10_search (icd10_search) VALUES ('rebuild')`.compile(db.kysely));
    db.run(
      db.kysely
        .insertInto('icd10_meta')
        .values({ key: VERSION_KEY, value: version })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: version })),
    );
  });
  remember();
  return { loaded: true, rows: rows.length, ms: performance.now() - started, version };
}
