/**
 * 0013: lab results, documents and treatment plans (seed 000 Document,
 * TreatmentPlan, TreatmentPlanStep; seed 003 lab_results, medical_images),
 * and the indexes the chart timeline reads.
 *
 * - `lab_result`: one measured value of one test. Immutable once written (a
 *   trigger refuses any change to what was measured): a correction is a new
 *   row whose `corrects_id` points at the one it replaces.
 * - `document`: a file attached to a patient (and optionally a visit). The
 *   row is the metadata and syncs like any row; the bytes live in the
 *   device's document store (a folder beside the database, one file per
 *   sha256) and travel separately (sync/documents/*). Never hard-deleted:
 *   removal sets `removed_at` with a reason; the file's identity (hash, size,
 *   type, name) cannot change.
 * - `treatment_plan` / `treatment_plan_step`: multi-visit plans with
 *   estimated costs (integer minor units) and a status machine
 *   (shared/clinical/treatment-plan-status.ts).
 *
 * Timeline indexes: every source is read by (patient_id, occurred_at, id)
 * so a first page reads a few index entries per source, whatever the
 * patient's history: walk-in visits (appointment visits show through their
 * appointment, already indexed by (patient_id, start_at) since 0003),
 * payments, allergies and medical history.
 */
import type { Kysely, Migration } from 'kysely';
import { addCapture, runStatements, SYNCED_COLUMNS } from './helpers';

const refuse = (message: string) => `SELECT RAISE(ABORT, '${message}')`;

const statements = [
  `CREATE TABLE lab_result (${SYNCED_COLUMNS},
     patient_id TEXT NOT NULL REFERENCES patient (id),
     visit_id TEXT REFERENCES visit (id),
     test_name TEXT NOT NULL CHECK (length(test_name) BETWEEN 1 AND 200),
     test_code TEXT,
     value TEXT NOT NULL CHECK (length(value) BETWEEN 1 AND 200),
     numeric_value REAL,
     unit TEXT,
     reference_low REAL,
     reference_high REAL,
     reference_text TEXT,
     flag TEXT NOT NULL CHECK (flag IN ('normal', 'low', 'high', 'critical', 'abnormal')),
     status TEXT NOT NULL CHECK (status IN ('preliminary', 'final')),
     resulted_at TEXT NOT NULL,
     lab_name TEXT,
     notes TEXT,
     corrects_id TEXT REFERENCES lab_result (id),
     recorded_by TEXT,
     CHECK (reference_low IS NULL OR reference_high IS NULL OR reference_low <= reference_high)
   )`,
  `CREATE INDEX lab_result_patient_time ON lab_result (patient_id, resulted_at, id)`,
  `CREATE INDEX lab_result_corrects ON lab_result (corrects_id) WHERE corrects_id IS NOT NULL`,
  `CREATE INDEX lab_result_visit ON lab_result (visit_id) WHERE visit_id IS NOT NULL`,
  // patient_id may move (a patient merge re-points the chart); nothing measured may, nor is it tombstoned.
  // (Deletes are refused by every synced table's capture triggers.)
  `CREATE TRIGGER lab_result_immutable BEFORE UPDATE ON lab_result
     WHEN OLD.test_name IS NOT NEW.test_name OR OLD.test_code IS NOT NEW.test_code OR OLD.value IS NOT NEW.value
       OR OLD.numeric_value IS NOT NEW.numeric_value OR OLD.unit IS NOT NEW.unit OR OLD.reference_low IS NOT NEW.reference_low
       OR OLD.reference_high IS NOT NEW.reference_high OR OLD.reference_text IS NOT NEW.reference_text OR OLD.flag IS NOT NEW.flag
       OR OLD.status IS NOT NEW.status OR OLD.resulted_at IS NOT NEW.resulted_at OR OLD.notes IS NOT NEW.notes
       OR OLD.corrects_id IS NOT NEW.corrects_id OR OLD.visit_id IS NOT NEW.visit_id OR NEW.deleted_at IS NOT NULL
     BEGIN ${refuse('lab_result is immutable: record a correction instead')}; END`,

  `CREATE TABLE document (${SYNCED_COLUMNS},
     patient_id TEXT NOT NULL REFERENCES patient (id),
     visit_id TEXT REFERENCES visit (id),
     kind TEXT NOT NULL CHECK (kind IN ('pdf', 'image', 'other')),
     category TEXT,
     description TEXT,
     file_name TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
     mime_type TEXT NOT NULL,
     byte_size INTEGER NOT NULL CHECK (byte_size > 0),
     sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
     stored_at TEXT NOT NULL,
     uploaded_by TEXT,
     removed_at TEXT,
     removed_by TEXT,
     removed_reason TEXT
   )`,
  `CREATE INDEX document_patient_time ON document (patient_id, stored_at, id)`,
  `CREATE INDEX document_visit ON document (visit_id) WHERE visit_id IS NOT NULL`,
  `CREATE INDEX document_sha ON document (sha256)`,
  `CREATE TRIGGER document_identity BEFORE UPDATE ON document
     WHEN OLD.sha256 IS NOT NEW.sha256 OR OLD.byte_size IS NOT NEW.byte_size OR OLD.mime_type IS NOT NEW.mime_type
       OR OLD.kind IS NOT NEW.kind OR OLD.file_name IS NOT NEW.file_name OR OLD.stored_at IS NOT NEW.stored_at
       OR NEW.deleted_at IS NOT NULL OR (OLD.removed_at IS NOT NULL AND NEW.removed_at IS NULL)
     BEGIN ${refuse('a document cannot be changed or deleted, only marked removed')}; END`,

  `CREATE TABLE treatment_plan (${SYNCED_COLUMNS},
     patient_id TEXT NOT NULL REFERENCES patient (id),
     title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
     description TEXT,
     status TEXT NOT NULL CHECK (status IN ('proposed', 'accepted', 'in_progress', 'completed', 'cancelled')),
     estimated_cost_minor INTEGER NOT NULL CHECK (estimated_cost_minor >= 0),
     created_by TEXT,
     status_changed_at TEXT NOT NULL
   )`,
  `CREATE INDEX treatment_plan_patient_time ON treatment_plan (patient_id, created_at, id)`,
  `CREATE TABLE treatment_plan_step (${SYNCED_COLUMNS},
     plan_id TEXT NOT NULL REFERENCES treatment_plan (id),
     step_order INTEGER NOT NULL CHECK (step_order >= 1),
     description TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
     estimated_cost_minor INTEGER NOT NULL CHECK (estimated_cost_minor >= 0),
     status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'skipped')),
     done_at TEXT,
     done_by TEXT,
     visit_id TEXT REFERENCES visit (id),
     CHECK ((status = 'pending') = (done_at IS NULL))
   )`,
  `CREATE INDEX treatment_plan_step_plan ON treatment_plan_step (plan_id, step_order)`,

  // Timeline sources already on the chart.
  `CREATE INDEX visit_walk_in_patient_time ON visit (patient_id, coalesce(checked_in_at, clinic_day), id) WHERE appointment_id IS NULL`,
  `CREATE INDEX payment_patient_time ON payment (patient_id, received_at, id)`,
  `CREATE INDEX allergy_patient_time ON allergy (patient_id, created_at, id)`,
  `CREATE INDEX medical_history_patient_time ON medical_history (patient_id, created_at, id)`,

  // Device-only: which documents' bytes this device has sent to the hub (sync/documents/*).
  `CREATE TABLE document_blob_sent (
     sha256 TEXT NOT NULL,
     practice_id TEXT NOT NULL,
     sent_at TEXT NOT NULL,
     PRIMARY KEY (practice_id, sha256)
   ) WITHOUT ROWID`,
];

export const resultsDocumentsPlans: Migration = {
  async up(db: Kysely<unknown>) {
    await runStatements(db, statements);
    for (const table of ['lab_result', 'document', 'treatment_plan', 'treatment_plan_step']) {
      await addCapture(db, table, { causal: true });
    }
  },
};
