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
type CardColumn = (typeof CARD_COLUMNS)[number] & keyof QueueCardTable;
/** A card as read: its CARD_COLUMNS values in that order (rowsShaped). */
type Card = readonly (string | number | null)[];
/** Where each column sits in a Card. */
const at = Object.fromEntries(CARD_COLUMNS.map((c, i) => [c, i])) as { readonly [C in CardColumn]: number };

/** Board order: arrivals first by check-in time, then queue number, then the booked time (nulls first, as SQL sorts them). */
function boardOrder(a: Card, b: Card): number {
  return (
    compareNullsFirst(a[at.checked_in_at] as string | null, b[at.checked_in_at] as string | null) ||
    compareNullsFirst(a[at.queue_number] as number | null, b[at.queue_number] as number | null) ||
    compareNullsFirst(a[at.scheduled_at] as string | null, b[at.scheduled_at] as string | null)
  );
}

function compareNullsFirst<T extends string | number>(a: T | null, b: T | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

function cardsOfDay(db: LocalDatabase, practiceId: string, day: string, visitId?: string): Card[] {
  const ofDay = () => db.kysely.selectFrom('queue_card').select(CARD_COLUMNS).where('practice_id', '=', practiceId).where('clinic_day', '=', day);
  const rows = visitId
    ? db.rowsShaped('queue card of a visit', () => ofDay().where('visit_id', '=', visitId).compile(), [practiceId, day, visitId])
    : db.rowsShaped('queue cards of a day', () => ofDay().compile(), [practiceId, day]);
  return rows as unknown as Card[];
}

/**
 * Every visit of a clinic day with names, amounts due and paid: the queue
 * board as one range read of its cards (migration 0007 keeps them in step
 * with visits, patients, charges and payments). Practitioner and service
 * names come from their own small tables, and the few hundred cards are
 * sorted here rather than by SQL. Cards are read as arrays and every
 * statement is compiled once: at ~400 cards a refresh, objects per row and
 * query building were as dear as the read (bench: queue_board_ms).
 */
export function queueRows(db: LocalDatabase, practiceId: string, day: string, visitId?: string): QueueEntry[] {
  const cards = cardsOfDay(db, practiceId, day, visitId).sort(boardOrder);
  const services = new Map(
    db
      .allShaped('service names', () => db.kysely.selectFrom('service_type').select(['id', 'name']).where('practice_id', '=', practiceId).compile(), [practiceId])
      .map((s) => [s.id, s.name]),
  );
  const practitioners = new Map(
    db.allShaped('user names', () => db.kysely.selectFrom('app_user').select(['id', 'display_name']).compile(), []).map((u) => [u.id, u.display_name]),
  );
  const numbered = visitId
    ? dayNumbers(db, practiceId, day)
    : cards.map((c) => ({ id: c[at.visit_id] as string, day, series: c[at.queue_series] as string | null, number: c[at.queue_number] as number | null, checkedInAt: c[at.checked_in_at] as string | null }));
  const clashes = queueNumberClashes(numbered);
  return cards.map((c) => {
    const practitionerId = c[at.practitioner_id] as string | null;
    return {
      visitId: c[at.visit_id] as string,
      appointmentId: c[at.appointment_id] as string | null,
      queueLabel: queueLabel(c[at.queue_series] as string | null, c[at.queue_number] as number | null),
      patientId: c[at.patient_id] as string,
      patientName: c[at.patient_name] as string,
      practitionerId,
      practitionerName: practitionerId ? (practitioners.get(practitionerId) ?? null) : null,
      serviceName: services.get(c[at.service_type_id] as string) ?? '',
      status: c[at.status] as VisitStatus,
      type: c[at.type] as VisitType,
      scheduledAt: c[at.scheduled_at] as string | null,
      checkedInAt: c[at.checked_in_at] as string | null,
      statusChangedAt: c[at.status_changed_at] as string,
      dueMinor: c[at.due_minor] as number,
      paidMinor: c[at.paid_minor] as number,
      queueLabelClash: clashes.has(c[at.visit_id] as string),
    };
  });
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
