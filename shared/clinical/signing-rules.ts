/**
 * Who may sign a consultation: its own practitioner (any clinician with
 * clinical.write), or a doctor co-signing for a colleague (a nurse's
 * triage note, a locum who left). Signing makes the note immutable; the
 * correction path is an addendum, which any clinician may write.
 */
import { can, type Role } from '../domain/roles';

export function maySign(role: Role, userId: string, practitionerId: string | null): boolean {
  if (!can(role, 'clinical.write')) return false;
  return practitionerId === userId || role === 'doctor';
}
