/** Accounts and patients: reads and writes, in the data layer's snake_case. */
import type { Account, Patient } from '../../shared/api/types';
import type { AccountFields, PatientFields } from '../../shared/schemas/patient';
import { fromRow, toRow } from './case';
import type { LocalDatabase } from './database';
import type { AccountTable, PatientTable } from './schema';
import { insertSynced, updateSynced } from './synced-rows';

const ACCOUNT_BOOLEANS = ['email_reminders', 'sms_reminders'] as const;

export function toAccount(row: AccountTable): Account {
  return fromRow<Account>(row, ACCOUNT_BOOLEANS);
}

export function toPatient(row: PatientTable): Patient {
  return fromRow<Patient>(row);
}

export function insertAccount(db: LocalDatabase, practiceId: string, fields: AccountFields): string {
  return insertSynced(db, 'account', practiceId, toRow(fields));
}

export function updateAccount(db: LocalDatabase, accountId: string, fields: AccountFields): boolean {
  return updateSynced(db, 'account', accountId, toRow(fields));
}

export function insertPatient(
  db: LocalDatabase,
  practiceId: string,
  accountId: string,
  kind: 'human' | 'animal',
  fields: PatientFields,
): string {
  return insertSynced(db, 'patient', practiceId, { ...toRow(fields), account_id: accountId, kind });
}

export function updatePatient(db: LocalDatabase, patientId: string, fields: PatientFields): boolean {
  return updateSynced(db, 'patient', patientId, toRow(fields));
}

/** Survivor's values chosen in a merge (patient columns and account_id). */
export function updatePatientRow(db: LocalDatabase, patientId: string, row: Record<string, string | number | null>): boolean {
  return updateSynced(db, 'patient', patientId, row);
}

export function findAccountRow(db: LocalDatabase, practiceId: string, accountId: string): AccountTable | undefined {
  return db.first(
    db.kysely
      .selectFrom('account')
      .selectAll()
      .where('id', '=', accountId)
      .where('practice_id', '=', practiceId)
      .where('deleted_at', 'is', null),
  );
}

export function findPatientRow(db: LocalDatabase, practiceId: string, patientId: string): PatientTable | undefined {
  // Compiled once: every booking, check-in and chart asks.
  return db.firstShaped(
    'patient row',
    () => db.kysely.selectFrom('patient').selectAll().where('id', '=', patientId).where('practice_id', '=', practiceId).where('deleted_at', 'is', null).compile(),
    [patientId, practiceId],
  );
}

export function patientsOfAccount(db: LocalDatabase, accountId: string): PatientTable[] {
  return db.all(
    db.kysely
      .selectFrom('patient')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('deleted_at', 'is', null)
      // A merged patient is a redirect, not one of the account's patients.
      .where('merged_into_id', 'is', null)
      .orderBy('first_name'),
  );
}

/** How reception reads a patient's name: "Jane Smith", or for an animal "Milo (Smith)". */
export function displayName(
  patient: Pick<PatientTable, 'kind' | 'first_name' | 'last_name'>,
  accountLastName: string,
): string {
  if (patient.kind === 'animal') return `${patient.first_name} (${patient.last_name ?? accountLastName})`;
  return `${patient.first_name} ${patient.last_name ?? accountLastName}`.trim();
}

export function patientNames(db: LocalDatabase, patientIds: string[]): Map<string, string> {
  if (patientIds.length === 0) return new Map();
  const rows = db.all(
    db.kysely
      .selectFrom('patient as p')
      .innerJoin('account as a', 'a.id', 'p.account_id')
      .select(['p.id', 'p.kind', 'p.first_name', 'p.last_name', 'a.last_name as account_last'])
      .where('p.id', 'in', patientIds),
  );
  return new Map(rows.map((p) => [p.id, displayName(p, p.account_last)]));
}
