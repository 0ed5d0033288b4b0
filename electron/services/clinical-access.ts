/** Shared checks of the clinical record services: rights, the patient, the visit. */
import { can, type Permission } from '../../shared/domain/roles';
import { visitOfPatient } from '../db/clinical-links';
import type { LocalDatabase } from '../db/database';
import { findPatientRow } from '../db/patients';
import type { Actor } from './actor';
import { forbidden, notFound, validationError } from './errors';

export function requireRight(actor: Actor, permission: Permission): void {
  if (!can(actor.role, permission)) throw forbidden(actor.role);
}

/** The patient's chart id: a merged patient's records go to the survivor. */
export function chartPatientId(db: LocalDatabase, actor: Actor, patientId: string): string {
  const patient = findPatientRow(db, actor.practiceId, patientId);
  if (!patient) throw notFound('Patient');
  return patient.merged_into_id ?? patient.id;
}

export function requireVisitOf(db: LocalDatabase, actor: Actor, patientId: string, visitId: string | null): void {
  if (visitId === null) return;
  if (!visitOfPatient(db, actor.practiceId, patientId, visitId)) {
    throw validationError({ visitId: 'That visit is not one of this patient’s' });
  }
}
