/**
 * 0001: the practice, its staff and roles, accounts and patients with their
 * contacts, medical aid, allergies and histories; the audit log; the outbox.
 */
import type { Kysely, Migration } from 'kysely';
import { addCapture, runStatements, SYNCED_COLUMNS } from './helpers';

// Digits only, so "082 555-1234" and "0825551234" match (see shared/domain/phone.ts).
const digits = (col: string) =>
  `replace(replace(replace(replace(replace(replace(coalesce(${col}, ''), ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', '')`;

const SYNCED_TABLES = [
  'practice',
  'app_user',
  'practice_user',
  'account',
  'patient',
  'emergency_contact',
  'medical_aid',
  'allergy',
  'medical_history',
  'family_history',
] as const;

const tables = [
  // This device, made on first start. Not synced.
  `CREATE TABLE device (id TEXT PRIMARY KEY NOT NULL, created_at TEXT NOT NULL)`,

  // The outbox. seq is the local sequence pushes are acknowledged by.
  `CREATE TABLE sync_log (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     table_name TEXT NOT NULL,
     row_id TEXT NOT NULL,
     practice_id TEXT NOT NULL,
     op TEXT NOT NULL CHECK (op IN ('insert', 'update')),
     changes TEXT NOT NULL,
     hlc TEXT NOT NULL,
     device_id TEXT NOT NULL,
     actor_id TEXT
   )`,

  `CREATE TABLE practice (${SYNCED_COLUMNS},
     name TEXT NOT NULL,
     kind TEXT NOT NULL CHECK (kind IN ('medical', 'veterinary')),
     allowed_species TEXT NOT NULL DEFAULT '[]',
     currency TEXT NOT NULL,
     tax_rate_bp INTEGER NOT NULL CHECK (tax_rate_bp BETWEEN 0 AND 10000),
     time_zone TEXT NOT NULL,
     locale TEXT NOT NULL DEFAULT 'en'
   )`,

  `CREATE TABLE app_user (${SYNCED_COLUMNS},
     email TEXT NOT NULL,
     display_name TEXT NOT NULL,
     licence_number TEXT,
     last_sign_in_at TEXT
   )`,
  `CREATE UNIQUE INDEX app_user_email ON app_user (email) WHERE deleted_at IS NULL`,

  // Password verifiers stay on this device: never synced, never in the outbox.
  `CREATE TABLE user_credential (
     user_id TEXT PRIMARY KEY NOT NULL REFERENCES app_user (id),
     verifier TEXT NOT NULL,
     updated_at TEXT NOT NULL
   )`,

  `CREATE TABLE practice_user (${SYNCED_COLUMNS},
     user_id TEXT NOT NULL REFERENCES app_user (id),
     role TEXT NOT NULL CHECK (role IN ('admin', 'doctor', 'nurse', 'receptionist', 'billing', 'manager')),
     is_active INTEGER NOT NULL DEFAULT 1
   )`,
  `CREATE UNIQUE INDEX practice_user_member ON practice_user (practice_id, user_id)`,

  `CREATE TABLE account (${SYNCED_COLUMNS},
     title TEXT,
     first_name TEXT NOT NULL,
     last_name TEXT NOT NULL,
     id_number TEXT,
     email TEXT,
     phone_primary TEXT NOT NULL,
     phone_secondary TEXT,
     address_line1 TEXT,
     address_line2 TEXT,
     city TEXT,
     region TEXT,
     postal_code TEXT,
     preferred_contact TEXT NOT NULL DEFAULT 'phone',
     email_reminders INTEGER NOT NULL DEFAULT 1,
     sms_reminders INTEGER NOT NULL DEFAULT 1,
     credit_limit_minor INTEGER NOT NULL DEFAULT 0,
     notes TEXT,
     alerts TEXT,
     phone_primary_digits TEXT GENERATED ALWAYS AS (${digits('phone_primary')}) VIRTUAL,
     phone_secondary_digits TEXT GENERATED ALWAYS AS (${digits('phone_secondary')}) VIRTUAL
   )`,
  `CREATE INDEX account_phone_primary ON account (practice_id, phone_primary_digits)`,
  `CREATE INDEX account_phone_secondary ON account (practice_id, phone_secondary_digits) WHERE phone_secondary IS NOT NULL`,

  `CREATE TABLE patient (${SYNCED_COLUMNS},
     account_id TEXT NOT NULL REFERENCES account (id),
     kind TEXT NOT NULL CHECK (kind IN ('human', 'animal')),
     first_name TEXT NOT NULL,
     last_name TEXT,
     date_of_birth TEXT,
     approximate_age TEXT,
     sex TEXT NOT NULL DEFAULT 'unknown',
     reproductive_status TEXT,
     species TEXT,
     breed TEXT,
     colour TEXT,
     markings TEXT,
     microchip_number TEXT,
     id_number TEXT,
     phone TEXT,
     email TEXT,
     relationship_to_account TEXT NOT NULL DEFAULT 'self',
     status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'deceased')),
     deceased_date TEXT,
     insurer TEXT,
     insurance_policy_number TEXT,
     alerts TEXT,
     behavioural_notes TEXT,
     notes TEXT,
     phone_digits TEXT GENERATED ALWAYS AS (${digits('phone')}) VIRTUAL
   )`,
  `CREATE INDEX patient_account ON patient (account_id)`,
  `CREATE INDEX patient_microchip ON patient (practice_id, microchip_number) WHERE microchip_number IS NOT NULL`,
  `CREATE INDEX patient_id_number ON patient (practice_id, id_number) WHERE id_number IS NOT NULL`,
  `CREATE INDEX patient_phone ON patient (practice_id, phone_digits) WHERE phone IS NOT NULL`,
  `CREATE INDEX patient_name_dob ON patient (practice_id, lower(first_name), date_of_birth)`,

  `CREATE TABLE emergency_contact (${SYNCED_COLUMNS},
     patient_id TEXT NOT NULL REFERENCES patient (id),
     name TEXT NOT NULL,
     relationship TEXT,
     phone TEXT NOT NULL,
     alternate_phone TEXT
   )`,
  `CREATE INDEX emergency_contact_patient ON emergency_contact (patient_id)`,

  `CREATE TABLE medical_aid (${SYNCED_COLUMNS},
     patient_id TEXT NOT NULL REFERENCES patient (id),
     scheme TEXT NOT NULL,
     plan TEXT,
     member_number TEXT NOT NULL,
     dependant_code TEXT,
     is_main_member INTEGER NOT NULL DEFAULT 0,
     main_member_name TEXT,
     main_member_id_number TEXT,
     valid_from TEXT,
     valid_to TEXT
   )`,
  `CREATE INDEX medical_aid_patient ON medical_aid (patient_id)`,

  `CREATE TABLE allergy (${SYNCED_COLUMNS},
     patient_id TEXT NOT NULL REFERENCES patient (id),
     allergen TEXT NOT NULL,
     reaction TEXT,
     severity TEXT NOT NULL CHECK (severity IN ('mild', 'moderate', 'severe', 'life_threatening')),
     diagnosed_date TEXT,
     notes TEXT
   )`,
  `CREATE INDEX allergy_patient ON allergy (patient_id)`,

  `CREATE TABLE medical_history (${SYNCED_COLUMNS},
     patient_id TEXT NOT NULL REFERENCES patient (id),
     condition TEXT NOT NULL,
     onset_date TEXT,
     status TEXT NOT NULL CHECK (status IN ('active', 'resolved', 'chronic')),
     notes TEXT
   )`,
  `CREATE INDEX medical_history_patient ON medical_history (patient_id)`,

  `CREATE TABLE family_history (${SYNCED_COLUMNS},
     patient_id TEXT NOT NULL REFERENCES patient (id),
     relation TEXT NOT NULL,
     condition TEXT NOT NULL,
     notes TEXT
   )`,
  `CREATE INDEX family_history_patient ON family_history (patient_id)`,

  // Append-only and hash-chained per practice and device: hash = sha256(prev_hash + entry).
  `CREATE TABLE audit_log (${SYNCED_COLUMNS},
     device_id TEXT NOT NULL,
     device_seq INTEGER NOT NULL,
     at TEXT NOT NULL,
     user_id TEXT,
     action TEXT NOT NULL,
     entity_type TEXT NOT NULL,
     entity_id TEXT,
     patient_id TEXT,
     before_json TEXT,
     after_json TEXT,
     prev_hash TEXT NOT NULL,
     hash TEXT NOT NULL
   )`,
  `CREATE UNIQUE INDEX audit_log_chain ON audit_log (practice_id, device_id, device_seq)`,
  `CREATE INDEX audit_log_at ON audit_log (practice_id, at)`,
  `CREATE INDEX audit_log_patient ON audit_log (patient_id, at) WHERE patient_id IS NOT NULL`,
  `CREATE INDEX audit_log_user ON audit_log (user_id, at)`,
];

export const foundation: Migration = {
  async up(db: Kysely<unknown>) {
    await runStatements(db, tables);
    for (const table of SYNCED_TABLES) await addCapture(db, table);
    await addCapture(db, 'audit_log', { appendOnly: true });
  },
};
