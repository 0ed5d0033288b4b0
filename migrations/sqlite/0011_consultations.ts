/**
 * 0011: the consultation — SOAP note, vital signs, coded diagnoses,
 * procedures, addenda and protocol templates (issue 5; seeds 000 SOAPNote,
 * VitalSigns, Diagnosis, Protocol; 004 Consultation, ConsultationDiagnosis,
 * ConsultationProcedure; 003 consultations).
 *
 * - `consultation`: normally one per visit (not UNIQUE: two devices may
 *   start one for the same visit offline; both survive and the screen opens
 *   the earliest). Status draft → signed.
 * - `vital_signs`, `consultation_diagnosis`, `consultation_procedure`: rows
 *   of a consultation, editable while it is a draft.
 * - `consultation_addendum`: append-only (a ledger): the correction path
 *   once the note is signed.
 * - `protocol`: SOAP templates, species-specific or for any patient.
 *
 * Signed is immutable, enforced here as well as in the services:
 * - a signed consultation's content columns cannot change, from any writer,
 *   the sync engine included (a remote edit of a signed note then waits in
 *   sync_unapplied with its change kept in sync_inbox: never silently
 *   overwritten, never lost); only the signing stamp (signed_at, signed_by)
 *   may settle between two devices that signed concurrently;
 * - rows of a signed consultation cannot be added, changed or removed on this
 *   device (pd_capture() = 1). Changes arriving by sync were made on a device
 *   where the note was still a draft, before or concurrently with the
 *   signing: they apply (adding is not overwriting), so a page carrying a
 *   draft's last vitals and its signing applies in any order.
 */
import type { Kysely, Migration } from 'kysely';
import { addCapture, runStatements, SYNCED_COLUMNS } from './helpers';

const CONTENT = ['visit_id', 'patient_id', 'practitioner_id', 'protocol_id', 'chief_complaint', 'subjective', 'objective', 'assessment', 'plan', 'status', 'started_at', 'deleted_at'];
const changed = (columns: readonly string[]) => columns.map((c) => `NEW.${c} IS NOT OLD.${c}`).join(' OR ');
const SIGNED_MESSAGE = 'the consultation is signed: it cannot be changed; add an addendum instead';

function childGuards(table: string): string[] {
  const signed = (row: 'NEW' | 'OLD') => `(SELECT status FROM consultation WHERE id = ${row}.consultation_id) = 'signed'`;
  return [
    `CREATE TRIGGER "${table}_signed_insert" BEFORE INSERT ON "${table}" WHEN pd_capture() = 1 AND ${signed('NEW')}
     BEGIN SELECT RAISE(ABORT, '${SIGNED_MESSAGE}'); END`,
    `CREATE TRIGGER "${table}_signed_update" BEFORE UPDATE ON "${table}" WHEN pd_capture() = 1 AND (${signed('OLD')} OR ${signed('NEW')})
     BEGIN SELECT RAISE(ABORT, '${SIGNED_MESSAGE}'); END`,
  ];
}

const statements = [
  `CREATE TABLE protocol (${SYNCED_COLUMNS},
     name TEXT NOT NULL,
     species TEXT,
     subjective_template TEXT,
     objective_template TEXT,
     assessment_template TEXT,
     plan_template TEXT,
     is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1))
   )`,
  `CREATE INDEX protocol_practice ON protocol (practice_id, name) WHERE deleted_at IS NULL`,

  `CREATE TABLE consultation (${SYNCED_COLUMNS},
     visit_id TEXT NOT NULL REFERENCES visit (id),
     patient_id TEXT NOT NULL REFERENCES patient (id),
     practitioner_id TEXT REFERENCES app_user (id),
     protocol_id TEXT REFERENCES protocol (id),
     chief_complaint TEXT,
     subjective TEXT,
     objective TEXT,
     assessment TEXT,
     plan TEXT,
     status TEXT NOT NULL CHECK (status IN ('draft', 'signed')),
     started_at TEXT NOT NULL,
     signed_at TEXT,
     signed_by TEXT REFERENCES app_user (id),
     CHECK (status = 'draft' OR signed_at IS NOT NULL)
   )`,
  `CREATE INDEX consultation_visit ON consultation (visit_id, created_at)`,
  `CREATE INDEX consultation_patient ON consultation (patient_id, started_at)`,
  `CREATE TRIGGER consultation_signed_immutable BEFORE UPDATE ON consultation
     WHEN OLD.status = 'signed' AND (${changed(CONTENT)})
     BEGIN SELECT RAISE(ABORT, '${SIGNED_MESSAGE}'); END`,

  `CREATE TABLE vital_signs (${SYNCED_COLUMNS},
     consultation_id TEXT NOT NULL REFERENCES consultation (id),
     patient_id TEXT NOT NULL REFERENCES patient (id),
     temperature_c REAL CHECK (temperature_c BETWEEN 5 AND 46),
     weight_kg REAL CHECK (weight_kg > 0 AND weight_kg <= 2000),
     heart_rate_bpm INTEGER CHECK (heart_rate_bpm BETWEEN 1 AND 1000),
     respiratory_rate_bpm INTEGER CHECK (respiratory_rate_bpm BETWEEN 1 AND 300),
     bp_systolic INTEGER CHECK (bp_systolic BETWEEN 30 AND 300),
     bp_diastolic INTEGER CHECK (bp_diastolic BETWEEN 10 AND 200),
     body_condition_score INTEGER CHECK (body_condition_score BETWEEN 1 AND 9),
     pain_score INTEGER CHECK (pain_score BETWEEN 0 AND 10),
     recorded_at TEXT NOT NULL,
     recorded_by TEXT REFERENCES app_user (id)
   )`, // the CHECKs are the widest of shared/clinical/vital-ranges.ts (any species); the service checks the patient's
  `CREATE INDEX vital_signs_consultation ON vital_signs (consultation_id)`,
  `CREATE INDEX vital_signs_patient ON vital_signs (patient_id, recorded_at)`,

  `CREATE TABLE consultation_diagnosis (${SYNCED_COLUMNS},
     consultation_id TEXT NOT NULL REFERENCES consultation (id),
     patient_id TEXT NOT NULL REFERENCES patient (id),
     code_system TEXT NOT NULL CHECK (code_system IN ('ICD-10', 'FREE_TEXT')),
     code TEXT,
     description TEXT NOT NULL,
     is_primary INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
     status TEXT NOT NULL CHECK (status IN ('active', 'resolved', 'chronic')),
     onset_date TEXT,
     CHECK ((code_system = 'ICD-10') = (code IS NOT NULL))
   )`,
  `CREATE INDEX consultation_diagnosis_consultation ON consultation_diagnosis (consultation_id)`,
  `CREATE INDEX consultation_diagnosis_patient ON consultation_diagnosis (patient_id)`,

  `CREATE TABLE consultation_procedure (${SYNCED_COLUMNS},
     consultation_id TEXT NOT NULL REFERENCES consultation (id),
     patient_id TEXT NOT NULL REFERENCES patient (id),
     code_system TEXT NOT NULL CHECK (code_system IN ('CPT', 'NAPPI', 'PRACTICE')),
     code TEXT NOT NULL,
     description TEXT NOT NULL,
     quantity INTEGER NOT NULL CHECK (quantity > 0),
     unit_price_minor INTEGER NOT NULL CHECK (unit_price_minor >= 0)
   )`,
  `CREATE INDEX consultation_procedure_consultation ON consultation_procedure (consultation_id)`,

  `CREATE TABLE consultation_addendum (${SYNCED_COLUMNS},
     consultation_id TEXT NOT NULL REFERENCES consultation (id),
     patient_id TEXT NOT NULL REFERENCES patient (id),
     author_id TEXT REFERENCES app_user (id),
     written_at TEXT NOT NULL,
     text TEXT NOT NULL CHECK (length(trim(text)) > 0)
   )`,
  `CREATE INDEX consultation_addendum_consultation ON consultation_addendum (consultation_id, written_at)`,

  ...childGuards('vital_signs'),
  ...childGuards('consultation_diagnosis'),
  ...childGuards('consultation_procedure'),
];

export const consultations: Migration = {
  async up(db: Kysely<unknown>) {
    await runStatements(db, statements);
    for (const table of ['protocol', 'consultation', 'vital_signs', 'consultation_diagnosis', 'consultation_procedure']) {
      await addCapture(db, table, { causal: true });
    }
    await addCapture(db, 'consultation_addendum', { causal: true, appendOnly: true });
  },
};
