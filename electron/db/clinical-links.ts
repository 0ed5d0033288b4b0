/** Checks the clinical records make before linking to a visit. */
import type { LocalDatabase } from './database';

/** The visit, if it is this patient's in this practice. */
export function visitOfPatient(db: LocalDatabase, practiceId: string, patientId: string, visitId: string): { id: string } | undefined {
  return db.first(
    db.kysely
      .selectFrom('visit')
      .select('id')
      .where('id', '=', visitId)
      .where('practice_id', '=', practiceId)
      .where('patient_id', '=', patientId)
      .where('deleted_at', 'is', null),
  );
}
