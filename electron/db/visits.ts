/** Visits (the day's queue) and the numbers they are called by. */
import { sql } from 'kysely';
import type { QueueEntry } from '../../shared/api/reception-types';
import { queueNumberClashes, type NumberedVisit } from '../../shared/domain/numbering';
import type { VisitStatus, VisitType } from '../../shared/domain/reception-status';
import type { LocalDatabase } from './database';
import { displayName } from './patients';
import type { PatientTable, VisitTable } from './schema';

export function findVisit(db: LocalDatabase, practiceId: string, id: string): VisitTable | undefined {
  return db.first(db.kysely.selectFrom('visit').selectAll().where('id', '=', id).where('practice_id', '=', practiceId).where('deleted_at', 'is', null));
}

export function visitOfAppointment(db: LocalDatabase, appointmentId: string): VisitTable | undefined {
  return db.first(db.kysely.selectFrom('visit').selectAll().where('appointment_id', '=', appointmentId).where('deleted_at', 'is', null));
}

/** The next number in this desk's series for the day (each desk has its own series: no clash offline). */
export function nextQueueNumber(db: LocalDatabase, practiceId: string, day: string, series: string): number {
  const row = db.first(
    db.kysely
      .selectFrom('visit')
      .select((eb) => eb.fn.max('queue_number').as('n'))
      .where('practice_id', '=', practiceId)
      .where('clinic_day', '=', day)
      .where('queue_series', '=', series)
      .where('queue_number', 'is not', null),
  );
  return (row?.n ?? 0) + 1;
}

export function queueLabel(series: string | null, number: number | null): string | null {
  return series && number ? `${series}-${number}` : null;
}

interface BoardRow {
  id: string;
  appointment_id: string | null;
  queue_series: string | null;
  queue_number: number | null;
  patient_id: string;
  kind: PatientTable['kind'];
  first_name: PatientTable['first_name'];
  last_name: PatientTable['last_name'];
  account_last: string;
  practitioner_id: string | null;
  practitioner_name: string | null;
  service_name: string;
  status: string;
  type: string;
  scheduled_at: string | null;
  checked_in_at: string | null;
  status_changed_at: string;
  due: number;
  paid: number;
}

/**
 * Every visit of a clinic day with names, amounts due and paid: the queue
 * board in one query. Written out rather than built so it can name its
 * covering indexes (migration 0005): SQLite would otherwise look patients,
 * accounts and appointments up through their primary keys, two random page
 * reads each instead of one.
 */
export function queueRows(db: LocalDatabase, practiceId: string, day: string, visitId?: string): QueueEntry[] {
  const onlyVisit = visitId ? sql`AND v.id = ${visitId}` : sql``;
  const query = sql<BoardRow>`
    SELECT v.id, v.appointment_id, v.queue_series, v.queue_number, v.patient_id,
           p.kind, p.first_name, p.last_name, a.last_name AS account_last,
           v.practitioner_id, u.display_name AS practitioner_name, st.name AS service_name,
           v.status, v.type, ap.start_at AS scheduled_at, v.checked_in_at, v.status_changed_at,
           (SELECT coalesce(sum(c.amount_minor), 0) FROM charge c WHERE c.visit_id = v.id AND c.deleted_at IS NULL) AS due,
           (SELECT coalesce(sum(pm.amount_minor), 0) FROM payment pm WHERE pm.visit_id = v.id) AS paid
    FROM visit v INDEXED BY visit_board
    JOIN patient p INDEXED BY patient_board_names ON p.id = v.patient_id
    JOIN account a INDEXED BY account_board_names ON a.id = p.account_id
    JOIN service_type st ON st.id = v.service_type_id
    LEFT JOIN app_user u ON u.id = v.practitioner_id
    LEFT JOIN appointment ap INDEXED BY appointment_board_start ON ap.id = v.appointment_id
    WHERE v.practice_id = ${practiceId} AND v.clinic_day = ${day} AND v.deleted_at IS NULL ${onlyVisit}
    ORDER BY v.checked_in_at, v.queue_number, ap.start_at`;
  const rows = db.all(query.compile(db.kysely));
  const numbered = visitId ? dayNumbers(db, practiceId, day) : rows.map((r) => ({ id: r.id, day, series: r.queue_series, number: r.queue_number, checkedInAt: r.checked_in_at }));
  const clashes = queueNumberClashes(numbered);
  return rows.map((r) => ({
    visitId: r.id,
    appointmentId: r.appointment_id,
    queueLabel: queueLabel(r.queue_series, r.queue_number),
    patientId: r.patient_id,
    patientName: displayName(r, r.account_last),
    practitionerId: r.practitioner_id,
    practitionerName: r.practitioner_name,
    serviceName: r.service_name,
    status: r.status as VisitStatus,
    type: r.type as VisitType,
    scheduledAt: r.scheduled_at,
    checkedInAt: r.checked_in_at,
    statusChangedAt: r.status_changed_at,
    dueMinor: r.due,
    paidMinor: r.paid,
    queueLabelClash: clashes.has(r.id),
  }));
}

/** The queue numbers handed out on a day, by every desk (for clash detection). */
function dayNumbers(db: LocalDatabase, practiceId: string, day: string): NumberedVisit[] {
  const rows = db.all(
    db.kysely
      .selectFrom('visit')
      .select(['id', 'queue_series', 'queue_number', 'checked_in_at'])
      .where('practice_id', '=', practiceId)
      .where('clinic_day', '=', day)
      .where('queue_number', 'is not', null)
      .where('deleted_at', 'is', null),
  );
  return rows.map((r) => ({ id: r.id, day, series: r.queue_series, number: r.queue_number, checkedInAt: r.checked_in_at }));
}
