/** Row types of the device database, as Kysely sees them. */
import type { Generated } from 'kysely';
import type * as Consultations from './schema-consultations';
import type {
  DocumentBlobSentTable,
  DocumentTable,
  LabResultTable,
  TreatmentPlanStepTable,
  TreatmentPlanTable,
} from './schema-results-documents-plans';
import type { MedicationTable, PrescriptionItemTable, PrescriptionTable, VaccinationTable } from './schema-prescribing';

interface SyncedRow {
  id: string;
  practice_id: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface DeviceTable {
  id: string;
  created_at: string;
  queue_series: string | null;
}

export interface SyncLogTable {
  seq: Generated<number>;
  table_name: string;
  row_id: string;
  practice_id: string;
  op: 'insert' | 'update';
  changes: string;
  hlc: string;
  device_id: string;
  actor_id: string | null;
  /** Per column, the HLCs of the versions this change writes over (JSON, migration 0008); NULL before. */
  bases: string | null;
}

export interface PracticeTable extends SyncedRow {
  name: string;
  kind: 'medical' | 'veterinary';
  allowed_species: string;
  currency: string;
  tax_rate_bp: number;
  time_zone: string;
  locale: string;
  waiting_alert_minutes: number;
}

export interface AppUserTable extends SyncedRow {
  email: string;
  display_name: string;
  licence_number: string | null;
  last_sign_in_at: string | null;
}

export interface UserCredentialTable {
  user_id: string;
  verifier: string;
  updated_at: string;
}

export interface PracticeUserTable extends SyncedRow {
  user_id: string;
  role: string;
  is_active: number;
}

export interface AccountTable extends SyncedRow {
  title: string | null;
  first_name: string;
  last_name: string;
  id_number: string | null;
  email: string | null;
  phone_primary: string;
  phone_secondary: string | null;
  address_line1: string | null;
  address_line2: string | null;
  city: string | null;
  region: string | null;
  postal_code: string | null;
  preferred_contact: string;
  email_reminders: number;
  sms_reminders: number;
  credit_limit_minor: number;
  notes: string | null;
  alerts: string | null;
  readonly phone_primary_digits?: string;
  readonly phone_secondary_digits?: string;
}

export interface PatientTable extends SyncedRow {
  account_id: string;
  kind: 'human' | 'animal';
  first_name: string;
  last_name: string | null;
  date_of_birth: string | null;
  approximate_age: string | null;
  sex: string;
  reproductive_status: string | null;
  species: string | null;
  breed: string | null;
  colour: string | null;
  markings: string | null;
  microchip_number: string | null;
  id_number: string | null;
  phone: string | null;
  email: string | null;
  relationship_to_account: string;
  status: string;
  deceased_date: string | null;
  insurer: string | null;
  insurance_policy_number: string | null;
  alerts: string | null;
  behavioural_notes: string | null;
  notes: string | null;
  /** Set when merged into another patient (migration 0009): this row is then a redirect to that one. */
  merged_into_id: string | null;
  readonly phone_digits?: string;
}

export interface EmergencyContactTable extends SyncedRow {
  patient_id: string;
  name: string;
  relationship: string | null;
  phone: string;
  alternate_phone: string | null;
}

export interface MedicalAidTable extends SyncedRow {
  patient_id: string;
  scheme: string;
  plan: string | null;
  member_number: string;
  dependant_code: string | null;
  is_main_member: number;
  main_member_name: string | null;
  main_member_id_number: string | null;
  valid_from: string | null;
  valid_to: string | null;
}

export interface AllergyTable extends SyncedRow {
  patient_id: string;
  allergen: string;
  reaction: string | null;
  severity: string;
  diagnosed_date: string | null;
  notes: string | null;
}

export interface MedicalHistoryTable extends SyncedRow {
  patient_id: string;
  condition: string;
  onset_date: string | null;
  status: string;
  notes: string | null;
}

export interface FamilyHistoryTable extends SyncedRow {
  patient_id: string;
  relation: string;
  condition: string;
  notes: string | null;
}

export interface AuditLogTable extends SyncedRow {
  device_id: string;
  device_seq: number;
  at: string;
  user_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  patient_id: string | null;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}

export interface PatientSearchDocTable {
  doc_id: Generated<number>;
  patient_id: string;
  practice_id: string;
  last_key: string;
  first_key: string;
  body: string;
}

export interface ServiceTypeTable extends SyncedRow {
  name: string;
  duration_minutes: number;
  price_minor: number;
  colour: string;
  practitioner_share_bp: number;
  is_active: number;
}

export interface RoomTable extends SyncedRow {
  name: string;
  is_active: number;
}

export interface PractitionerProfileTable extends SyncedRow {
  user_id: string;
  working_hours: string;
  is_bookable: number;
}

export interface PractitionerServiceTable extends SyncedRow {
  user_id: string;
  service_type_id: string;
}

export interface RecurrenceTable extends SyncedRow {
  every_days: number;
  occurrences: number;
  first_start_at: string;
}

export interface AppointmentTable extends SyncedRow {
  booking_ref: string;
  patient_id: string;
  practitioner_id: string;
  room_id: string | null;
  service_type_id: string;
  start_at: string;
  end_at: string;
  clinic_day: string;
  status: string;
  source: string;
  notes: string | null;
  cancel_reason: string | null;
  override_reason: string | null;
  recurrence_id: string | null;
  recurrence_index: number | null;
  created_by: string | null;
  status_changed_at: string;
}

export interface VisitTable extends SyncedRow {
  appointment_id: string | null;
  patient_id: string;
  practitioner_id: string | null;
  service_type_id: string;
  clinic_day: string;
  type: string;
  status: string;
  queue_series: string | null;
  queue_number: number | null;
  checked_in_at: string | null;
  called_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  status_changed_at: string;
}

/** The queue board's cards (migration 0007): derived from visit and its sources by triggers, local, never synced. */
export interface QueueCardTable {
  practice_id: string;
  clinic_day: string;
  visit_id: string;
  appointment_id: string | null;
  queue_series: string | null;
  queue_number: number | null;
  patient_id: string;
  /** As displayName() writes it. */
  patient_name: string;
  practitioner_id: string | null;
  service_type_id: string;
  status: string;
  type: string;
  scheduled_at: string | null;
  checked_in_at: string | null;
  status_changed_at: string;
  due_minor: number;
  paid_minor: number;
}

export interface ChargeTable extends SyncedRow {
  visit_id: string;
  patient_id: string;
  account_id: string;
  description: string;
  amount_minor: number;
  practitioner_id: string | null;
  practitioner_share_minor: number;
  centre_share_minor: number;
}

export interface PaymentTable extends SyncedRow {
  visit_id: string | null;
  patient_id: string;
  account_id: string;
  amount_minor: number;
  method: string;
  reference: string | null;
  refund_of: string | null;
  reason: string | null;
  practitioner_share_minor: number;
  centre_share_minor: number;
  received_by: string | null;
  received_at: string;
  receipt_number: string;
}

/** "Not the same patient" for one duplicate pair (migration 0009); id = the pair's id. */
export interface DuplicateDismissalTable extends SyncedRow {
  patient_a_id: string;
  patient_b_id: string;
  dismissed_by: string | null;
}

/** Sync engine state (local only, never captured): pushed_through, pull_cursor, … */
export interface SyncMetaTable {
  key: string;
  value: string;
}

/** Changes received from other devices (ARCHITECTURE §4); with sync_log, what merged rows are computed from. */
export interface SyncInboxTable {
  device_id: string;
  device_seq: number;
  hub_seq: number | null;
  table_name: string;
  row_id: string;
  practice_id: string;
  op: 'insert' | 'update';
  changes: string;
  hlc: string;
  actor: string | null;
  received_at: string;
  /** As sync_log.bases. */
  bases: string | null;
}

/** A conflict raised by merging (derived from the changes, never synced; migration 0008). */
export interface SyncConflictTable {
  id: string;
  practice_id: string;
  table_name: string;
  row_id: string;
  column_name: string;
  kind: 'clinical-text' | 'status';
  heads: string;
  state: 'open' | 'resolved';
  resolved_hlc: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
  resolved_value: string | null;
}

/** Outbox entries pushes skip (the hub refused them for good). */
export interface SyncQuarantineTable {
  seq: number;
  reason: string;
  quarantined_at: string;
}

/** Rows whose merged state could not be written yet (no insert seen, a missing parent, a UNIQUE clash). */
export interface SyncUnappliedTable {
  table_name: string;
  row_id: string;
  reason: string;
  deferred_at: string;
}

/** The FTS5 index over patient_search_doc (query with MATCH). */
export interface PatientSearchTable {
  rowid: number;
  body: string;
}

/** The shipped ICD-10-CM code set (local reference data, migration 0010); rank = generality order. */
export interface Icd10CodeTable {
  rank: number;
  code: string;
  code_dotted: string;
  billable: 0 | 1;
  title: string;
  short_title: string;
  title_words: string;
}

/** The FTS5 index over icd10_code titles (query with MATCH). */
export interface Icd10SearchTable {
  rowid: number;
  title: string;
}

/** Every distinct word of the titles, with how many codes use it (typo correction). */
export interface Icd10WordTable {
  word: string;
  codes: number;
}

export interface Icd10MetaTable {
  key: string;
  value: string;
}

/** How often this practice chose a code (never synced; a ranking hint). */
export interface Icd10UsageTable {
  practice_id: string;
  code: string;
  uses: number;
  last_used_at: string;
}

export interface DB {
  device: DeviceTable;
  sync_log: SyncLogTable;
  practice: PracticeTable;
  app_user: AppUserTable;
  user_credential: UserCredentialTable;
  practice_user: PracticeUserTable;
  account: AccountTable;
  patient: PatientTable;
  emergency_contact: EmergencyContactTable;
  medical_aid: MedicalAidTable;
  allergy: AllergyTable;
  medical_history: MedicalHistoryTable;
  family_history: FamilyHistoryTable;
  audit_log: AuditLogTable;
  patient_search_doc: PatientSearchDocTable;
  patient_search: PatientSearchTable;
  service_type: ServiceTypeTable;
  room: RoomTable;
  practitioner_profile: PractitionerProfileTable;
  practitioner_service: PractitionerServiceTable;
  recurrence: RecurrenceTable;
  appointment: AppointmentTable;
  visit: VisitTable;
  queue_card: QueueCardTable;
  charge: ChargeTable;
  payment: PaymentTable;
  duplicate_dismissal: DuplicateDismissalTable;
  sync_meta: SyncMetaTable;
  sync_inbox: SyncInboxTable;
  sync_quarantine: SyncQuarantineTable;
  sync_unapplied: SyncUnappliedTable;
  sync_conflict: SyncConflictTable;
  icd10_code: Icd10CodeTable;
  icd10_search: Icd10SearchTable;
  icd10_word: Icd10WordTable;
  icd10_meta: Icd10MetaTable;
  icd10_usage: Icd10UsageTable;
  protocol: Consultations.ProtocolTable;
  consultation: Consultations.ConsultationTable;
  vital_signs: Consultations.VitalSignsTable;
  consultation_diagnosis: Consultations.ConsultationDiagnosisTable;
  consultation_procedure: Consultations.ConsultationProcedureTable;
  consultation_addendum: Consultations.ConsultationAddendumTable;
  practice_diagnosis_code: Consultations.PracticeDiagnosisCodeTable;
  practice_diagnosis_usage: Consultations.PracticeDiagnosisUsageTable;
  lab_result: LabResultTable;
  document: DocumentTable;
  treatment_plan: TreatmentPlanTable;
  treatment_plan_step: TreatmentPlanStepTable;
  document_blob_sent: DocumentBlobSentTable;
  medication: MedicationTable;
  prescription: PrescriptionTable;
  prescription_item: PrescriptionItemTable;
  vaccination: VaccinationTable;
}
