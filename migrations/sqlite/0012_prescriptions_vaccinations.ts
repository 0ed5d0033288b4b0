/**
 * 0012: prescribing and vaccinations (issue 5). Four synced tables, all
 * hung on the patient and (optionally) the visit, none on the consultation:
 * a consultation is one per visit, so the visit says which it was.
 *
 * - `medication`: the practice's catalogue (seeded per practice by
 *   electron/db/medication-catalogue.ts, not here: the rows belong to a
 *   practice). `schedule` is the controlled-drug schedule as the practice's
 *   law writes it (S1–S8, CII…); `is_controlled` says a licence is needed.
 * - `prescription`: one issue, numbered per practice from its own UUIDv7
 *   (shared/domain/prescription-number.ts), so two desks offline never hand
 *   out the same number. Issued means immutable: the only change allowed is
 *   active → cancelled (with who, when and why); a correction is a new one.
 * - `prescription_item`: what was prescribed, with the drug's name, strength
 *   and schedule copied as issued, and the reason when an allergy warning was
 *   overridden. Never changed after insert.
 * - `vaccination`: what was given, when, by whom, and when the next dose is
 *   due (a practice-local date). The facts of a given dose never change.
 *
 * Services enforce all of this too; the triggers make sure no other path
 * (a bug, a hand-written query, a bad sync change) can. One exception: two
 * desks cancelling the same prescription while apart each record their own
 * who/when/why; the sync engine (pd_capture() = 0) may then bring in the
 * other desk's, last writer wins, so every device ends the same.
 */
import type { Kysely, Migration } from 'kysely';
import { addCapture, runStatements, SYNCED_COLUMNS } from './helpers';

const changedAny = (columns: readonly string[]) => columns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');

const PRESCRIPTION_FIXED = ['practice_id', 'patient_id', 'visit_id', 'prescriber_id', 'prescriber_name', 'prescriber_licence', 'prescription_number', 'issued_at', 'notes', 'created_at', 'deleted_at'];
const ITEM_FIXED = [
  'practice_id', 'prescription_id', 'medication_id', 'position', 'medication_name', 'strength', 'form', 'is_controlled', 'schedule',
  'dose', 'frequency', 'duration', 'quantity', 'refills', 'instructions', 'allergy_override_reason', 'created_at', 'deleted_at',
];
const VACCINATION_FIXED = [
  'practice_id', 'patient_id', 'visit_id', 'vaccine_name', 'vaccine_type', 'manufacturer', 'lot_number', 'site', 'given_at', 'given_by',
  'given_by_name', 'expiry_date', 'next_due_on', 'notes', 'created_at',
];

const statements = [
  `CREATE TABLE medication (${SYNCED_COLUMNS},
     name TEXT NOT NULL CHECK (length(trim(name)) > 0),
     generic_name TEXT,
     active_ingredients TEXT,
     form TEXT,
     strength TEXT,
     route TEXT,
     category TEXT,
     nappi_code TEXT,
     is_controlled INTEGER NOT NULL DEFAULT 0 CHECK (is_controlled IN (0, 1)),
     schedule TEXT,
     species TEXT,
     default_dose TEXT,
     default_frequency TEXT,
     default_instructions TEXT,
     is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1))
   )`,
  `CREATE INDEX medication_practice_name ON medication (practice_id, name COLLATE NOCASE) WHERE deleted_at IS NULL`,

  `CREATE TABLE prescription (${SYNCED_COLUMNS},
     patient_id TEXT NOT NULL REFERENCES patient (id),
     visit_id TEXT REFERENCES visit (id),
     prescriber_id TEXT NOT NULL REFERENCES app_user (id),
     prescriber_name TEXT NOT NULL,
     prescriber_licence TEXT,
     prescription_number TEXT NOT NULL,
     issued_at TEXT NOT NULL,
     status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
     cancelled_at TEXT,
     cancelled_by TEXT REFERENCES app_user (id),
     cancel_reason TEXT,
     notes TEXT,
     CHECK (status = 'active' OR (cancelled_at IS NOT NULL AND cancel_reason IS NOT NULL))
   )`,
  `CREATE UNIQUE INDEX prescription_number_unique ON prescription (practice_id, prescription_number)`,
  `CREATE INDEX prescription_patient ON prescription (patient_id, issued_at)`,
  `CREATE INDEX prescription_visit ON prescription (visit_id) WHERE visit_id IS NOT NULL`,
  `CREATE TRIGGER prescription_issued_immutable BEFORE UPDATE ON prescription
   WHEN ${changedAny(PRESCRIPTION_FIXED)}
     OR (OLD.status = 'cancelled' AND NEW.status IS NOT 'cancelled')
     OR (OLD.status = 'cancelled' AND pd_capture() = 1 AND (${changedAny(['cancelled_at', 'cancelled_by', 'cancel_reason'])}))
   BEGIN SELECT RAISE(ABORT, 'prescription is issued and cannot be changed: cancel it and issue a new one'); END`,

  `CREATE TABLE prescription_item (${SYNCED_COLUMNS},
     prescription_id TEXT NOT NULL REFERENCES prescription (id),
     medication_id TEXT NOT NULL REFERENCES medication (id),
     position INTEGER NOT NULL,
     medication_name TEXT NOT NULL,
     strength TEXT,
     form TEXT,
     is_controlled INTEGER NOT NULL CHECK (is_controlled IN (0, 1)),
     schedule TEXT,
     dose TEXT NOT NULL,
     frequency TEXT NOT NULL,
     duration TEXT,
     quantity INTEGER NOT NULL CHECK (quantity > 0),
     refills INTEGER NOT NULL DEFAULT 0 CHECK (refills >= 0),
     instructions TEXT,
     allergy_override_reason TEXT
   )`,
  `CREATE INDEX prescription_item_prescription ON prescription_item (prescription_id, position)`,
  `CREATE TRIGGER prescription_item_immutable BEFORE UPDATE ON prescription_item
   WHEN ${changedAny(ITEM_FIXED)}
   BEGIN SELECT RAISE(ABORT, 'prescription items are issued and cannot be changed: cancel the prescription and issue a new one'); END`,

  `CREATE TABLE vaccination (${SYNCED_COLUMNS},
     patient_id TEXT NOT NULL REFERENCES patient (id),
     visit_id TEXT REFERENCES visit (id),
     vaccine_name TEXT NOT NULL CHECK (length(trim(vaccine_name)) > 0),
     vaccine_type TEXT,
     manufacturer TEXT,
     lot_number TEXT,
     site TEXT,
     given_at TEXT NOT NULL,
     given_by TEXT REFERENCES app_user (id),
     given_by_name TEXT,
     expiry_date TEXT,
     next_due_on TEXT CHECK (next_due_on IS NULL OR next_due_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
     notes TEXT
   )`,
  `CREATE INDEX vaccination_patient ON vaccination (patient_id, given_at)`,
  `CREATE INDEX vaccination_due ON vaccination (practice_id, next_due_on) WHERE deleted_at IS NULL AND next_due_on IS NOT NULL`,
  `CREATE TRIGGER vaccination_given_immutable BEFORE UPDATE ON vaccination
   WHEN ${changedAny(VACCINATION_FIXED)}
   BEGIN SELECT RAISE(ABORT, 'a recorded vaccination cannot be changed'); END`,
];

export const prescriptionsVaccinations: Migration = {
  async up(db: Kysely<unknown>) {
    await runStatements(db, statements);
    for (const table of ['medication', 'prescription', 'prescription_item', 'vaccination']) {
      await addCapture(db, table, { causal: true });
    }
  },
};
