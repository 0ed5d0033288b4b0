/**
 * 0017: a practice's own coded diagnosis list (veterinary practices above
 * all: ICD-10-CM is a human code set).
 *
 * - `practice_diagnosis_code`: the list. A row's id is derived from practice
 *   and code (electron/db/practice-diagnosis-codes.ts), so two desks adding
 *   the same code while apart write one row and merge column by column;
 *   retired codes stay (is_active = 0) because consultations name them.
 *   `species` is a JSON list of species names, empty for any patient (a
 *   feline-only hospital's list is all ["Cat"] or empty).
 * - `practice_diagnosis_usage`: how often this desk codes each of them, a
 *   local ranking hint like icd10_usage; never synced.
 * - `consultation_diagnosis` may now hold code_system 'PRACTICE' (a code of
 *   that list). SQLite cannot alter a CHECK, so the table is rebuilt with
 *   its rows, indexes and triggers as they were.
 */
import type { Kysely, Migration } from 'kysely';
import { addCapture, rebuildTable, runStatements, SYNCED_COLUMNS } from './helpers';

const CONSULTATION_DIAGNOSIS = `CREATE TABLE consultation_diagnosis (${SYNCED_COLUMNS},
     consultation_id TEXT NOT NULL REFERENCES consultation (id),
     patient_id TEXT NOT NULL REFERENCES patient (id),
     code_system TEXT NOT NULL CHECK (code_system IN ('ICD-10', 'PRACTICE', 'FREE_TEXT')),
     code TEXT,
     description TEXT NOT NULL,
     is_primary INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
     status TEXT NOT NULL CHECK (status IN ('active', 'resolved', 'chronic')),
     onset_date TEXT,
     CHECK ((code_system = 'FREE_TEXT') = (code IS NULL))
   )`;

const statements = [
  `CREATE TABLE practice_diagnosis_code (${SYNCED_COLUMNS},
     code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 20 AND code = upper(trim(code))),
     description TEXT NOT NULL CHECK (length(trim(description)) > 0),
     species TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(species) AND json_type(species) = 'array'),
     synonyms TEXT,
     is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1))
   )`,
  `CREATE INDEX practice_diagnosis_code_code ON practice_diagnosis_code (practice_id, code)`,
  `CREATE TABLE practice_diagnosis_usage (
     practice_id TEXT NOT NULL,
     code TEXT NOT NULL,
     uses INTEGER NOT NULL,
     last_used_at TEXT NOT NULL,
     PRIMARY KEY (practice_id, code)
   ) WITHOUT ROWID`,
];

export const practiceDiagnosisCodes: Migration = {
  async up(db: Kysely<unknown>) {
    await runStatements(db, statements);
    await addCapture(db, 'practice_diagnosis_code', { causal: true });
    await rebuildTable(db, 'consultation_diagnosis', CONSULTATION_DIAGNOSIS);
  },
};
