/** Visits (the day's queue) and the numbers they are called by. */
import type { QueueEntry } from '../../shared/api/reception-types';
import { queueNumberClashes, type NumberedVisit } from '../../shared/domain/numbering';
import type { VisitStatus, VisitType } from '../../shared/domain/reception-status';
import type { LocalDatabase } from './database';
import type { QueueCardTable, VisitTable } from './schema';

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

// Not practice_id and clinic_day: the caller knows them, and every value read costs.
const CARD_COLUMNS = [
  'visit_id', 'appointment_id', 'queue_series', 'queue_number', 'patient_id', 'patient_name', 'practitioner_id', 'service_type_id',
  'status', 'type', 'scheduled_at', 'checked_in_at', 'status_changed_at', 'due_minor', 'paid_minor',
] as const;
type Card = Pick<QueueCardTable, (typeof CARD_COLUMNS)[number]>;

/** Board order: arrivals first by check-in time, then queue number, then the booked time (nulls first, as SQL sorts them). */
function boardOrder(a: Card, b: Card): number {
  return compareNullsFirst(a.checked_in_at, b.checked_in_at) || compareNullsFirst(a.queue_number, b.queue_number) || compareNullsFirst(a.scheduled_at, b.scheduled_at);
}

function compareNullsFirst<T extends string | number>(a: T | null, b: T | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/**
 * Every visit of a clinic day with names, amounts due and paid: the queue
 * board as one range read of its cards (migration 0007 keeps them in step
 * with visits, patients, charges and payments). Practitioner and service
 * names come from their own small tables, and the few hundred cards are
 * sorted here: both cheaper than per-card joins and a temporary B-tree.
 */
export function queueRows(db: LocalDatabase, practiceId: string, day: string, visitId?: string): QueueEntry[] {
  let query = db.kysely
    .selectFrom('queue_card')
    .select(CARD_COLUMNS)
    .where('practice_id', '=', practiceId)
    .where('clinic_day', '=', day);
  if (visitId) query = query.where('visit_id', '=', visitId);
  const cards = db.all(query).sort(boardOrder);
  const services = new Map(db.all(db.kysely.selectFrom('service_type').select(['id', 'name']).where('practice_id', '=', practiceId)).map((s) => [s.id, s.name]));
  const practitioners = new Map(db.all(db.kysely.selectFrom('app_user').select(['id', 'display_name'])).map((u) => [u.id, u.display_name]));
  const numbered = visitId ? dayNumbers(db, practiceId, day) : cards.map((c) => ({ id: c.visit_id, day, series: c.queue_series, number: c.queue_number, checkedInAt: c.checked_in_at }));
  const clashes = queueNumberClashes(numbered);
  return cards.map((c) => ({
    visitId: c.visit_id,
    appointmentId: c.appointment_id,
    queueLabel: queueLabel(c.queue_series, c.queue_number),
    patientId: c.patient_id,
    patientName: c.patient_name,
    practitionerId: c.practitioner_id,
    practitionerName: c.practitioner_id ? (practitioners.get(c.practitioner_id) ?? null) : null,
    serviceName: services.get(c.service_type_id) ?? '',
    status: c.status as VisitStatus,
    type: c.type as VisitType,
    scheduledAt: c.scheduled_at,
    checkedInAt: c.checked_in_at,
    statusChangedAt: c.status_changed_at,
    dueMinor: c.due_minor,
    paidMinor: c.paid_minor,
    queueLabelClash: clashes.has(c.visit_id),
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
