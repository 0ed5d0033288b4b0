/**
 * 0002: the patient finder. One search document per patient (names, account
 * holder, phone digits, microchip and ID numbers) indexed by an FTS5 trigram
 * index, so any part of any of those — "ohns", "5551", "9850001" — is found
 * without a table scan. Triggers keep it in step with patients and accounts
 * whichever path wrote them (local edit or, later, a pulled change).
 * Backfills existing patients.
 */
import type { Kysely, Migration } from 'kysely';
import { runStatements } from './helpers';

const body = (p: string, a: string) => `lower(
  ${p}.first_name || ' ' || coalesce(${p}.last_name, '') || ' | ' ||
  ${a}.first_name || ' ' || ${a}.last_name || ' | ' ||
  ${a}.phone_primary_digits || ' ' || ${a}.phone_secondary_digits || ' ' || ${p}.phone_digits || ' | ' ||
  coalesce(${p}.microchip_number, '') || ' ' || coalesce(${p}.id_number, '') || ' ' || coalesce(${a}.id_number, ''))`;
const lastKey = (p: string, a: string) => `lower(coalesce(${p}.last_name, ${a}.last_name) || ' ' || ${p}.first_name)`;
const firstKey = (p: string) => `lower(${p}.first_name)`;

const statements = [
  `CREATE TABLE patient_search_doc (
     doc_id INTEGER PRIMARY KEY,
     patient_id TEXT NOT NULL UNIQUE,
     practice_id TEXT NOT NULL,
     last_key TEXT NOT NULL,
     first_key TEXT NOT NULL,
     body TEXT NOT NULL
   )`,
  `CREATE INDEX patient_search_last ON patient_search_doc (practice_id, last_key)`,
  `CREATE INDEX patient_search_first ON patient_search_doc (practice_id, first_key)`,
  `CREATE VIRTUAL TABLE patient_search USING fts5(
     body, content='patient_search_doc', content_rowid='doc_id', tokenize='trigram remove_diacritics 1')`,

  `CREATE TRIGGER patient_search_doc_insert AFTER INSERT ON patient_search_doc BEGIN
     INSERT INTO patient_search (rowid, body) VALUES (NEW.doc_id, NEW.body);
   END`,
  `CREATE TRIGGER patient_search_doc_update AFTER UPDATE OF body ON patient_search_doc
   WHEN OLD.body IS NOT NEW.body BEGIN
     INSERT INTO patient_search (patient_search, rowid, body) VALUES ('delete', OLD.doc_id, OLD.body);
     INSERT INTO patient_search (rowid, body) VALUES (NEW.doc_id, NEW.body);
   END`,
  `CREATE TRIGGER patient_search_doc_delete AFTER DELETE ON patient_search_doc BEGIN
     INSERT INTO patient_search (patient_search, rowid, body) VALUES ('delete', OLD.doc_id, OLD.body);
   END`,

  `CREATE TRIGGER patient_search_on_patient_insert AFTER INSERT ON patient BEGIN
     INSERT INTO patient_search_doc (patient_id, practice_id, last_key, first_key, body)
     SELECT NEW.id, NEW.practice_id, ${lastKey('NEW', 'a')}, ${firstKey('NEW')}, ${body('NEW', 'a')}
     FROM account a WHERE a.id = NEW.account_id;
   END`,
  `CREATE TRIGGER patient_search_on_patient_update
   AFTER UPDATE OF first_name, last_name, phone, microchip_number, id_number, account_id ON patient
   -- Edits write every column; only rebuild the entry when a searchable one changed.
   WHEN OLD.first_name IS NOT NEW.first_name OR OLD.last_name IS NOT NEW.last_name OR OLD.phone IS NOT NEW.phone
     OR OLD.microchip_number IS NOT NEW.microchip_number OR OLD.id_number IS NOT NEW.id_number
     OR OLD.account_id IS NOT NEW.account_id BEGIN
     UPDATE patient_search_doc
     SET last_key = (SELECT ${lastKey('NEW', 'a')} FROM account a WHERE a.id = NEW.account_id),
         first_key = ${firstKey('NEW')},
         body = (SELECT ${body('NEW', 'a')} FROM account a WHERE a.id = NEW.account_id)
     WHERE patient_id = NEW.id;
   END`,
  `CREATE TRIGGER patient_search_on_account_update
   AFTER UPDATE OF first_name, last_name, phone_primary, phone_secondary, id_number ON account
   WHEN OLD.first_name IS NOT NEW.first_name OR OLD.last_name IS NOT NEW.last_name
     OR OLD.phone_primary IS NOT NEW.phone_primary OR OLD.phone_secondary IS NOT NEW.phone_secondary
     OR OLD.id_number IS NOT NEW.id_number BEGIN
     UPDATE patient_search_doc
     SET last_key = (SELECT ${lastKey('p', 'NEW')} FROM patient p WHERE p.id = patient_search_doc.patient_id),
         body = (SELECT ${body('p', 'NEW')} FROM patient p WHERE p.id = patient_search_doc.patient_id)
     WHERE patient_id IN (SELECT id FROM patient WHERE account_id = NEW.id);
   END`,

  `INSERT INTO patient_search_doc (patient_id, practice_id, last_key, first_key, body)
   SELECT p.id, p.practice_id, ${lastKey('p', 'a')}, ${firstKey('p')}, ${body('p', 'a')}
   FROM patient p JOIN account a ON a.id = p.account_id`,
];

export const patientSearch: Migration = {
  async up(db: Kysely<unknown>) {
    await runStatements(db, statements);
  },
};
