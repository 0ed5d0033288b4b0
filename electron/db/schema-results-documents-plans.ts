/** Row types of migration 0013 (lab results, documents, treatment plans), as Kysely sees them. */

interface SyncedRow {
  id: string;
  practice_id: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface LabResultTable extends SyncedRow {
  patient_id: string;
  visit_id: string | null;
  test_name: string;
  test_code: string | null;
  value: string;
  numeric_value: number | null;
  unit: string | null;
  reference_low: number | null;
  reference_high: number | null;
  reference_text: string | null;
  flag: string;
  status: string;
  resulted_at: string;
  lab_name: string | null;
  notes: string | null;
  corrects_id: string | null;
  recorded_by: string | null;
}

export interface DocumentTable extends SyncedRow {
  patient_id: string;
  visit_id: string | null;
  kind: string;
  category: string | null;
  description: string | null;
  file_name: string;
  mime_type: string;
  byte_size: number;
  sha256: string;
  stored_at: string;
  uploaded_by: string | null;
  removed_at: string | null;
  removed_by: string | null;
  removed_reason: string | null;
}

export interface TreatmentPlanTable extends SyncedRow {
  patient_id: string;
  title: string;
  description: string | null;
  status: string;
  estimated_cost_minor: number;
  created_by: string | null;
  status_changed_at: string;
}

export interface TreatmentPlanStepTable extends SyncedRow {
  plan_id: string;
  step_order: number;
  description: string;
  estimated_cost_minor: number;
  status: string;
  done_at: string | null;
  done_by: string | null;
  visit_id: string | null;
}

/** Device-only: documents whose bytes this device has sent to the hub. */
export interface DocumentBlobSentTable {
  sha256: string;
  practice_id: string;
  sent_at: string;
}
