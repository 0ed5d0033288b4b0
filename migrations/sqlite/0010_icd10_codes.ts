/**
 * 0010: the ICD-10-CM code set as local reference data, and what this
 * practice codes most often.
 *
 * - `icd10_code`: one row per code of the shipped file (billable codes and
 *   the category rows that guide the search). Its rowid (`rank`) is the order
 *   of generality — less specific codes first (shared/clinical/icd10-ranking.ts
 *   `generality`), then code order — so an FTS match,
 *   which yields rowids in ascending order, hands back the most general
 *   matches first and a LIMIT needs no sort over thousands of hits.
 * - `icd10_search`: FTS5 over the titles (porter stems: "hypertensive" finds
 *   "hypertension"). No prefix index: a partly typed word is expanded to the
 *   title words it may become (icd10_word), cheaper than an FTS prefix scan.
 * - `icd10_word`: every distinct title word, for typo correction.
 * - `icd10_meta`: which version of the shipped file is loaded.
 * - `icd10_usage`: per practice, how often each code was chosen.
 *
 * None of these is synced and none has capture triggers: the code set comes
 * with the app, and usage is a local ranking hint. The rows are filled from
 * the shipped CSV on first use (electron/db/icd10-load.ts), not here, so that
 * opening a database stays fast.
 */
import type { Kysely, Migration } from 'kysely';
import { runStatements } from './helpers';

const statements = [
  `CREATE TABLE icd10_code (
     rank INTEGER PRIMARY KEY,
     code TEXT NOT NULL UNIQUE,
     code_dotted TEXT NOT NULL,
     billable INTEGER NOT NULL CHECK (billable IN (0, 1)),
     title TEXT NOT NULL,
     short_title TEXT NOT NULL,
     -- The title's words that tell conditions apart, folded: what the ranking compares.
     title_words TEXT NOT NULL
   )`,
  `CREATE VIRTUAL TABLE icd10_search USING fts5(
     title, content='icd10_code', content_rowid='rank',
     tokenize='porter unicode61 remove_diacritics 2')`,
  `CREATE TABLE icd10_word (word TEXT PRIMARY KEY, codes INTEGER NOT NULL) WITHOUT ROWID`,
  `CREATE TABLE icd10_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID`,
  `CREATE TABLE icd10_usage (
     practice_id TEXT NOT NULL,
     code TEXT NOT NULL,
     uses INTEGER NOT NULL CHECK (uses > 0),
     last_used_at TEXT NOT NULL,
     PRIMARY KEY (practice_id, code)
   ) WITHOUT ROWID`,
];

export const icd10Codes: Migration = {
  async up(db: Kysely<unknown>) {
    await runStatements(db, statements);
  },
};
