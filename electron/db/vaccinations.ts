/**
 * Vaccinations given, and the latest dose per patient and vaccine for the due
 * list. A dose entered in error stays on the chart but counts for nothing:
 * the due list's reads leave it out.
 */
import type { VaccinationView } from '../../shared/api/prescribing-types';
import type { LocalDatabase } from './database';
import type { VaccinationTable } from './schema-prescribing';
import { userNames } from './staff';
import { insertSynced, updateSynced } from './synced-rows';

type MarkColumns = 'entered_in_error_at' | 'entered_in_error_by' | 'entered_in_error_reason';
export type NewVaccination = Omit<VaccinationTable, 'id' | 'practice_id' | 'created_at' | 'updated_at' | 'deleted_at' | MarkColumns>;

export function insertVaccination(db: LocalDatabase, practiceId: string, v: NewVaccination): string {
  return insertSynced(db, 'vaccination', practiceId, { ...v });
}

/** The one change a recorded dose allows (migration 0016's trigger): marked once, never cleared. */
export function markVaccinationEnteredInError(db: LocalDatabase, id: string, by: string, reason: string): boolean {
  return updateSynced(db, 'vaccination', id, { entered_in_error_at: db.isoNow(), entered_in_error_by: by, entered_in_error_reason: reason });
}

/** Views of these rows, with the names of whoever marked one in error (the user may be another desk's, synced). */
export function toVaccinationViews(db: LocalDatabase, rows: readonly VaccinationTable[]): VaccinationView[] {
  const names = userNames(db, [...new Set(rows.flatMap((r) => (r.entered_in_error_by ? [r.entered_in_error_by] : [])))]);
  return rows.map((r) => toVaccinationView(r, names));
}

function toVaccinationView(r: VaccinationTable, names: ReadonlyMap<string, string>): VaccinationView {
  return {
    id: r.id,
    patientId: r.patient_id,
    visitId: r.visit_id,
    vaccineName: r.vaccine_name,
    vaccineType: r.vaccine_type,
    manufacturer: r.manufacturer,
    lotNumber: r.lot_number,
    site: r.site,
    givenAt: r.given_at,
    givenBy: r.given_by,
    givenByName: r.given_by_name,
    expiryDate: r.expiry_date,
    nextDueOn: r.next_due_on,
    notes: r.notes,
    enteredInError:
      r.entered_in_error_at === null
        ? null
        : { at: r.entered_in_error_at, byName: (r.entered_in_error_by && names.get(r.entered_in_error_by)) || null, reason: r.entered_in_error_reason ?? '' },
  };
}

export function findVaccination(db: LocalDatabase, practiceId: string, id: string): VaccinationTable | undefined {
  return db.first(
    db.kysely.selectFrom('vaccination').selectAll().where('id', '=', id).where('practice_id', '=', practiceId).where('deleted_at', 'is', null),
  );
}

export function vaccinationRowsOf(db: LocalDatabase, practiceId: string, patientIds: readonly string[]): VaccinationTable[] {
  if (patientIds.length === 0) return [];
  return db.all(
    db.kysely
      .selectFrom('vaccination')
      .selectAll()
      .where('patient_id', 'in', patientIds)
      .where('practice_id', '=', practiceId)
      .where('deleted_at', 'is', null)
      .orderBy('given_at', 'desc')
      .orderBy('id', 'desc'),
  );
}

export interface GivenDoseRow {
  id: string;
  patientId: string;
  vaccineName: string;
  givenAt: string;
  nextDueOn: string | null;
}

/** Patients (merged ones included) with some live dose, not entered in error, due by `dueBy`: one index range on vaccination_due. */
export function patientsWithDoseDueBy(db: LocalDatabase, practiceId: string, dueBy: string): string[] {
  return db
    .all(
      db.kysely
        .selectFrom('vaccination')
        .select('patient_id')
        .distinct()
        .where('practice_id', '=', practiceId)
        .where('deleted_at', 'is', null)
        .where('entered_in_error_at', 'is', null)
        .where('next_due_on', 'is not', null)
        .where('next_due_on', '<=', dueBy),
    )
    .map((r) => r.patient_id);
}

/**
 * Every live dose of these patients (so a later booster can supersede an
 * earlier due date); one entered in error supersedes nothing, so the dose
 * before it counts again.
 */
export function dosesOf(db: LocalDatabase, practiceId: string, patientIds: readonly string[]): GivenDoseRow[] {
  if (patientIds.length === 0) return [];
  return db.all(
    db.kysely
      .selectFrom('vaccination')
      .select(['id', 'patient_id as patientId', 'vaccine_name as vaccineName', 'given_at as givenAt', 'next_due_on as nextDueOn'])
      .where('practice_id', '=', practiceId)
      .where('deleted_at', 'is', null)
      .where('entered_in_error_at', 'is', null)
      .where('patient_id', 'in', patientIds),
  );
}

export interface ReminderContact {
  patientId: string;
  patientKind: 'human' | 'animal';
  firstName: string;
  lastName: string | null;
  species: string | null;
  patientPhone: string | null;
  patientEmail: string | null;
  accountFirst: string;
  accountLast: string;
  accountPhone: string;
  accountEmail: string | null;
  preferredContact: string;
}

/** Who to remind, for the live, active, unmerged patients among these. */
export function reminderContacts(db: LocalDatabase, practiceId: string, patientIds: readonly string[]): Map<string, ReminderContact> {
  if (patientIds.length === 0) return new Map();
  const rows = db.all(
    db.kysely
      .selectFrom('patient as p')
      .innerJoin('account as a', 'a.id', 'p.account_id')
      .select([
        'p.id as patientId',
        'p.kind as patientKind',
        'p.first_name as firstName',
        'p.last_name as lastName',
        'p.species',
        'p.phone as patientPhone',
        'p.email as patientEmail',
        'a.first_name as accountFirst',
        'a.last_name as accountLast',
        'a.phone_primary as accountPhone',
        'a.email as accountEmail',
        'a.preferred_contact as preferredContact',
      ])
      .where('p.practice_id', '=', practiceId)
      .where('p.id', 'in', patientIds)
      .where('p.deleted_at', 'is', null)
      .where('p.merged_into_id', 'is', null)
      .where('p.status', '=', 'active'),
  ) as ReminderContact[];
  return new Map(rows.map((r) => [r.patientId, r]));
}
