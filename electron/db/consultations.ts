/**
 * The consultation and its rows (migration 0011). Signed rows are refused
 * by the table triggers as well as by the services.
 */
import type { LocalDatabase } from './database';
import type { ConsultationTable } from './schema-consultations';
import { insertSynced, updateSynced } from './synced-rows';

type Values = Record<string, string | number | null>;

export function findConsultation(db: LocalDatabase, practiceId: string, id: string): ConsultationTable | undefined {
  return db.first(
    db.kysely.selectFrom('consultation').selectAll().where('id', '=', id).where('practice_id', '=', practiceId).where('deleted_at', 'is', null),
  );
}

/** The visit's consultation: the first started, if two devices each started one offline. */
export function consultationOfVisit(db: LocalDatabase, practiceId: string, visitId: string): ConsultationTable | undefined {
  return db.first(
    db.kysely
      .selectFrom('consultation')
      .selectAll()
      .where('visit_id', '=', visitId)
      .where('practice_id', '=', practiceId)
      .where('deleted_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .limit(1),
  );
}

export function insertConsultation(db: LocalDatabase, practiceId: string, values: Values): string {
  return insertSynced(db, 'consultation', practiceId, values);
}

/** `bases`: columns restated on the versions given (they ship even when their value is unchanged). */
export function updateConsultation(db: LocalDatabase, id: string, values: Values, bases?: Record<string, string[]>): boolean {
  return updateSynced(db, 'consultation', id, values, bases ? { bases } : {});
}

export function vitalsOf(db: LocalDatabase, consultationId: string) {
  return db.all(
    db.kysely.selectFrom('vital_signs').selectAll().where('consultation_id', '=', consultationId).where('deleted_at', 'is', null).orderBy('recorded_at'),
  );
}

export function diagnosesOf(db: LocalDatabase, consultationId: string) {
  return db.all(
    db.kysely
      .selectFrom('consultation_diagnosis')
      .selectAll()
      .where('consultation_id', '=', consultationId)
      .where('deleted_at', 'is', null)
      .orderBy('is_primary', 'desc')
      .orderBy('created_at'),
  );
}

export function proceduresOf(db: LocalDatabase, consultationId: string) {
  return db.all(
    db.kysely.selectFrom('consultation_procedure').selectAll().where('consultation_id', '=', consultationId).where('deleted_at', 'is', null).orderBy('created_at'),
  );
}

export function addendaOf(db: LocalDatabase, consultationId: string) {
  return db.all(db.kysely.selectFrom('consultation_addendum').selectAll().where('consultation_id', '=', consultationId).orderBy('written_at').orderBy('id'));
}

export function insertConsultationRow(
  db: LocalDatabase,
  table: 'vital_signs' | 'consultation_diagnosis' | 'consultation_procedure' | 'consultation_addendum',
  practiceId: string,
  values: Values,
): string {
  return insertSynced(db, table, practiceId, values);
}

/** A live diagnosis or procedure of the practice, with its consultation. */
export function findConsultationRow(db: LocalDatabase, table: 'consultation_diagnosis' | 'consultation_procedure', practiceId: string, id: string) {
  return db.first(
    db.kysely
      .selectFrom(table)
      .select(['id', 'consultation_id', 'patient_id'])
      .where('id', '=', id)
      .where('practice_id', '=', practiceId)
      .where('deleted_at', 'is', null),
  );
}

/** Tombstones a row of a draft (synced rows are never deleted). */
export function removeConsultationRow(db: LocalDatabase, table: 'consultation_diagnosis' | 'consultation_procedure', id: string): void {
  updateSynced(db, table, id, { deleted_at: db.isoNow() });
}

export function changeDiagnosisRow(db: LocalDatabase, id: string, values: { status?: string; is_primary?: number }): void {
  updateSynced(db, 'consultation_diagnosis', id, values);
}

/** Other diagnoses of the consultation that are marked primary (one primary per consultation). */
export function primaryDiagnoses(db: LocalDatabase, consultationId: string): string[] {
  return db
    .all(
      db.kysely
        .selectFrom('consultation_diagnosis')
        .select('id')
        .where('consultation_id', '=', consultationId)
        .where('is_primary', '=', 1)
        .where('deleted_at', 'is', null),
    )
    .map((r) => r.id);
}

export function clearPrimary(db: LocalDatabase, diagnosisId: string): void {
  updateSynced(db, 'consultation_diagnosis', diagnosisId, { is_primary: 0 });
}

/** A code of the shipped ICD-10-CM set (dot optional), or undefined. */
export function findIcd10Code(db: LocalDatabase, code: string) {
  const bare = code.replace('.', '').trim().toUpperCase();
  return db.first(db.kysely.selectFrom('icd10_code').select(['code', 'code_dotted', 'billable', 'title']).where('code', '=', bare));
}

/** Note columns of the consultation with an open clinical-text conflict. */
export function conflictedColumns(db: LocalDatabase, consultationId: string): string[] {
  return db
    .all(
      db.kysely
        .selectFrom('sync_conflict')
        .select('column_name')
        .where('table_name', '=', 'consultation')
        .where('row_id', '=', consultationId)
        .where('state', '=', 'open'),
    )
    .map((r) => r.column_name);
}

/** The patient's consultations, newest first, with their primary diagnosis. */
export function consultationsOfPatient(db: LocalDatabase, practiceId: string, patientId: string) {
  return db.all(
    db.kysely
      .selectFrom('consultation as c')
      .leftJoin('app_user as u', 'u.id', 'c.practitioner_id')
      .select((eb) => [
        'c.id',
        'c.visit_id',
        'c.started_at',
        'c.status',
        'c.chief_complaint',
        'u.display_name as practitioner_name',
        eb
          .selectFrom('consultation_diagnosis as d')
          .select('d.description')
          .whereRef('d.consultation_id', '=', 'c.id')
          .where('d.is_primary', '=', 1)
          .where('d.deleted_at', 'is', null)
          .limit(1)
          .as('primary_diagnosis'),
      ])
      .where('c.patient_id', '=', patientId)
      .where('c.practice_id', '=', practiceId)
      .where('c.deleted_at', 'is', null)
      .orderBy('c.started_at', 'desc'),
  );
}

/** The species the vital ranges apply to: an animal's (Other when not recorded), or null for a person. */
export function speciesOf(db: LocalDatabase, patientId: string): string | null {
  const row = db.first(db.kysely.selectFrom('patient').select(['kind', 'species']).where('id', '=', patientId));
  return row?.kind === 'animal' ? (row.species ?? 'Other') : null;
}

/** Every weight recorded for the patient, oldest first (the chart's weight history). */
export function weightsOf(db: LocalDatabase, patientId: string) {
  return db.all(
    db.kysely
      .selectFrom('vital_signs')
      .select(['recorded_at', 'weight_kg'])
      .where('patient_id', '=', patientId)
      .where('weight_kg', 'is not', null)
      .where('deleted_at', 'is', null)
      .orderBy('recorded_at'),
  );
}
