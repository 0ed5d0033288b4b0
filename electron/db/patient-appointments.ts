/** A patient's appointments, newest first, for the chart (one index range: appointment_patient_start). */
import type { LocalDatabase } from './database';

export function recentAppointmentIds(db: LocalDatabase, practiceId: string, patientId: string, limit: number): { id: string; clinic_day: string }[] {
  return db.all(
    db.kysely
      .selectFrom('appointment')
      .select(['id', 'clinic_day'])
      .where('patient_id', '=', patientId)
      .where('practice_id', '=', practiceId)
      .where('deleted_at', 'is', null)
      .orderBy('start_at', 'desc')
      .limit(limit),
  );
}
