/** Row types of the consultation tables (migration 0011), as Kysely sees them. */

interface SyncedRow {
  id: string;
  practice_id: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface ProtocolTable extends SyncedRow {
  name: string;
  species: string | null;
  subjective_template: string | null;
  objective_template: string | null;
  assessment_template: string | null;
  plan_template: string | null;
  is_active: number;
}

export interface ConsultationTable extends SyncedRow {
  visit_id: string;
  patient_id: string;
  practitioner_id: string | null;
  protocol_id: string | null;
  chief_complaint: string | null;
  subjective: string | null;
  objective: string | null;
  assessment: string | null;
  plan: string | null;
  status: 'draft' | 'signed';
  started_at: string;
  signed_at: string | null;
  signed_by: string | null;
}

export interface VitalSignsTable extends SyncedRow {
  consultation_id: string;
  patient_id: string;
  temperature_c: number | null;
  weight_kg: number | null;
  heart_rate_bpm: number | null;
  respiratory_rate_bpm: number | null;
  bp_systolic: number | null;
  bp_diastolic: number | null;
  body_condition_score: number | null;
  pain_score: number | null;
  recorded_at: string;
  recorded_by: string | null;
}

export interface ConsultationDiagnosisTable extends SyncedRow {
  consultation_id: string;
  patient_id: string;
  /** Migration 0017 added PRACTICE: a code of the practice's own list. */
  code_system: 'ICD-10' | 'PRACTICE' | 'FREE_TEXT';
  code: string | null;
  description: string;
  is_primary: number;
  status: 'active' | 'resolved' | 'chronic';
  onset_date: string | null;
}

export interface ConsultationProcedureTable extends SyncedRow {
  consultation_id: string;
  patient_id: string;
  code_system: 'CPT' | 'NAPPI' | 'PRACTICE';
  code: string;
  description: string;
  quantity: number;
  unit_price_minor: number;
}

/** Append-only (a ledger): never updated. */
export interface ConsultationAddendumTable extends SyncedRow {
  consultation_id: string;
  patient_id: string;
  author_id: string | null;
  written_at: string;
  text: string;
}

/** The practice's own diagnosis list (migration 0017); the id is derived from practice and code. */
export interface PracticeDiagnosisCodeTable extends SyncedRow {
  code: string;
  description: string;
  /** JSON list of species names; empty: any patient. */
  species: string;
  /** Other words clinicians type for it, separated by ';'. */
  synonyms: string | null;
  is_active: number;
}

/** Local ranking hint, never synced. */
export interface PracticeDiagnosisUsageTable {
  practice_id: string;
  code: string;
  uses: number;
  last_used_at: string;
}
