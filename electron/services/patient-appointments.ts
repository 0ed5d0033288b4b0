/** The chart's appointments list: the patient's own, a merged patient's read as its survivor's. */
import type { AppointmentView } from '../../shared/api/reception-types';
import { diary } from '../db/appointments';
import type { LocalDatabase } from '../db/database';
import { recentAppointmentIds } from '../db/patient-appointments';
import { survivorOf } from '../db/patient-merge';
import type { Actor } from './actor';

const CHART_APPOINTMENTS = 50;

export function appointmentsForPatient(db: LocalDatabase, actor: Actor, patientId: string): AppointmentView[] {
  const rows = recentAppointmentIds(db, actor.practiceId, survivorOf(db, patientId), CHART_APPOINTMENTS);
  if (rows.length === 0) return [];
  const days = rows.map((r) => r.clinic_day).sort();
  const views = diary(db, { practiceId: actor.practiceId, fromDay: days[0]!, toDay: days.at(-1)!, ids: rows.map((r) => r.id) });
  return views.sort((a, b) => (a.startAt < b.startAt ? 1 : a.startAt > b.startAt ? -1 : 0));
}
