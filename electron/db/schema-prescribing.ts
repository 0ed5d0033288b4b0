/** Row types of migration 0012 (prescribing and vaccinations, with 0016's mark of a dose entered in error), as Kysely sees them. */

interface SyncedRow {
  id: string;
  practice_id: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** The practice's medication catalogue. */
export interface MedicationTable extends SyncedRow {
  name: string;
  generic_name: string | null;
  /** Comma-separated. */
  active_ingredients: string | null;
  form: string | null;
  strength: string | null;
  route: string | null;
  category: string | null;
  nappi_code: string | null;
  is_controlled: number;
  schedule: string | null;
  /** The species it is for (vet), or null for any / human. */
  species: string | null;
  default_dose: string | null;
  default_frequency: string | null;
  default_instructions: string | null;
  is_active: number;
}

export interface PrescriptionTable extends SyncedRow {
  patient_id: string;
  visit_id: string | null;
  prescriber_id: string;
  prescriber_name: string;
  prescriber_licence: string | null;
  prescription_number: string;
  issued_at: string;
  status: string;
  cancelled_at: string | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
  notes: string | null;
}

export interface PrescriptionItemTable extends SyncedRow {
  prescription_id: string;
  medication_id: string;
  position: number;
  medication_name: string;
  strength: string | null;
  form: string | null;
  is_controlled: number;
  schedule: string | null;
  dose: string;
  frequency: string;
  duration: string | null;
  quantity: number;
  refills: number;
  instructions: string | null;
  allergy_override_reason: string | null;
}

export interface VaccinationTable extends SyncedRow {
  patient_id: string;
  visit_id: string | null;
  vaccine_name: string;
  vaccine_type: string | null;
  manufacturer: string | null;
  lot_number: string | null;
  site: string | null;
  given_at: string;
  given_by: string | null;
  given_by_name: string | null;
  expiry_date: string | null;
  /** Practice-local date (YYYY-MM-DD). */
  next_due_on: string | null;
  notes: string | null;
  /** Migration 0016: set once (all three) when the dose was recorded in error; never cleared. */
  entered_in_error_at: string | null;
  entered_in_error_by: string | null;
  entered_in_error_reason: string | null;
}
