/** Appointments: the diary's reads, and the rows a clash check compares against. */
import type { AppointmentView } from '../../shared/api/reception-types';
import type { AppointmentStatus, BookingSource, VisitStatus } from '../../shared/domain/reception-status';
import type { Booked } from '../../shared/domain/schedule';
import type { LocalDatabase } from './database';
import { displayName } from './patients';
import type { AppointmentTable } from './schema';

/** No booking is longer than this, so a clash search can bound its index range. */
export const MAX_DURATION_MS = 480 * 60_000;
const LIVE = ['CONFIRMED', 'CHECKED_IN', 'COMPLETED'];

export function findAppointment(db: LocalDatabase, practiceId: string, id: string): AppointmentTable | undefined {
  return db.first(
    db.kysely.selectFrom('appointment').selectAll().where('id', '=', id).where('practice_id', '=', practiceId).where('deleted_at', 'is', null),
  );
}

/** Live bookings overlapping [startAt, endAt) for the same practitioner, room or patient: three index range scans. */
export function overlappingBookings(
  db: LocalDatabase,
  candidate: { startAt: string; endAt: string; practitionerId: string; roomId: string | null; patientId: string },
): Booked[] {
  const lowest = new Date(Date.parse(candidate.startAt) - MAX_DURATION_MS).toISOString();
  const base = db.kysely
    .selectFrom('appointment')
    .select(['id', 'start_at', 'end_at', 'practitioner_id', 'room_id', 'patient_id'])
    .where('start_at', '<', candidate.endAt)
    .where('start_at', '>', lowest)
    .where('end_at', '>', candidate.startAt)
    .where('status', 'in', LIVE)
    .where('deleted_at', 'is', null);
  const window = [candidate.endAt, lowest, candidate.startAt, ...LIVE];
  // Compiled once each: every booking and move asks all three.
  const overlapping = (column: 'practitioner_id' | 'patient_id' | 'room_id', id: string) =>
    db.allShaped(`bookings overlapping by ${column}`, () => base.where(column, '=', id).compile(), [...window, id]);
  const rows = [
    ...overlapping('practitioner_id', candidate.practitionerId),
    ...overlapping('patient_id', candidate.patientId),
    ...(candidate.roomId ? overlapping('room_id', candidate.roomId) : []),
  ];
  const unique = new Map(rows.map((r) => [r.id, r]));
  return [...unique.values()].map((r) => ({
    id: r.id,
    startAt: r.start_at,
    endAt: r.end_at,
    practitionerId: r.practitioner_id,
    roomId: r.room_id,
    patientId: r.patient_id,
  }));
}

/** Busy intervals of one practitioner between two instants (for "next free slot"). */
export function busyIntervals(db: LocalDatabase, practitionerId: string, fromUtc: string, toUtc: string) {
  const lowest = new Date(Date.parse(fromUtc) - MAX_DURATION_MS).toISOString();
  return db
    .all(
      db.kysely
        .selectFrom('appointment')
        .select(['start_at', 'end_at'])
        .where('practitioner_id', '=', practitionerId)
        .where('start_at', '>', lowest)
        .where('start_at', '<', toUtc)
        .where('status', 'in', LIVE)
        .where('deleted_at', 'is', null),
    )
    .map((r) => ({ startAt: r.start_at, endAt: r.end_at }));
}

export interface DiaryFilter {
  practiceId: string;
  fromDay: string;
  toDay: string; // inclusive
  practitionerId?: string | undefined;
  roomId?: string | undefined;
  /** Only these appointments (e.g. to name the ones a booking clashes with). */
  ids?: readonly string[] | undefined;
}

const DAY_MS = 86_400_000;

/**
 * A start_at range that surely holds every appointment of the clinic days
 * asked for: clinic_day is the practice-local day, at most 14 h from UTC, so
 * a day's margin either side is enough (even if the practice later changes its
 * time zone). It lets the (practitioner_id, start_at) and (room_id, start_at)
 * indexes seek to the days instead of walking a practitioner's whole history.
 */
function startAtBounds(fromDay: string, toDay: string): [string, string] {
  return [new Date(Date.parse(`${fromDay}T00:00:00Z`) - DAY_MS).toISOString(), new Date(Date.parse(`${toDay}T00:00:00Z`) + 2 * DAY_MS).toISOString()];
}

/** The diary for a range of clinic days, with everything one row needs to draw itself. */
export function diary(db: LocalDatabase, filter: DiaryFilter): AppointmentView[] {
  let query = db.kysely
    .selectFrom('appointment as ap')
    .innerJoin('patient as p', 'p.id', 'ap.patient_id')
    .innerJoin('account as a', 'a.id', 'p.account_id')
    .innerJoin('app_user as u', 'u.id', 'ap.practitioner_id')
    .innerJoin('service_type as st', 'st.id', 'ap.service_type_id')
    .leftJoin('room as r', 'r.id', 'ap.room_id')
    .leftJoin('visit as v', (join) => join.onRef('v.appointment_id', '=', 'ap.id').on('v.deleted_at', 'is', null))
    .select([
      'ap.id',
      'ap.booking_ref',
      'ap.patient_id',
      'p.kind',
      'p.first_name',
      'p.last_name',
      'a.first_name as account_first',
      'a.last_name as account_last',
      'a.phone_primary',
      'ap.practitioner_id',
      'u.display_name as practitioner_name',
      'ap.room_id',
      'r.name as room_name',
      'ap.service_type_id',
      'st.name as service_name',
      'st.colour',
      'ap.start_at',
      'ap.end_at',
      'ap.status',
      'ap.source',
      'ap.notes',
      'ap.override_reason',
      'ap.cancel_reason',
      'ap.recurrence_id',
      'ap.recurrence_index',
      'v.id as visit_id',
      'v.status as visit_status',
    ])
    .where('ap.practice_id', '=', filter.practiceId)
    .where('ap.clinic_day', '>=', filter.fromDay)
    .where('ap.clinic_day', '<=', filter.toDay)
    .where('ap.deleted_at', 'is', null);
  if (filter.practitionerId || filter.roomId) {
    const [from, to] = startAtBounds(filter.fromDay, filter.toDay);
    query = query.where('ap.start_at', '>=', from).where('ap.start_at', '<', to);
  }
  if (filter.practitionerId) query = query.where('ap.practitioner_id', '=', filter.practitionerId);
  if (filter.roomId) query = query.where('ap.room_id', '=', filter.roomId);
  if (filter.ids) query = query.where('ap.id', 'in', filter.ids.length > 0 ? [...filter.ids] : ['']);
  return db.all(query.orderBy('ap.start_at')).map((r) => ({
    id: r.id,
    bookingRef: r.booking_ref,
    patientId: r.patient_id,
    patientName: displayName(r, r.account_last),
    accountName: `${r.account_first} ${r.account_last}`,
    phone: r.phone_primary,
    practitionerId: r.practitioner_id,
    practitionerName: r.practitioner_name,
    roomId: r.room_id,
    roomName: r.room_name,
    serviceTypeId: r.service_type_id,
    serviceName: r.service_name,
    colour: r.colour,
    startAt: r.start_at,
    endAt: r.end_at,
    status: r.status as AppointmentStatus,
    source: r.source as BookingSource,
    notes: r.notes,
    overrideReason: r.override_reason,
    cancelReason: r.cancel_reason,
    recurrenceId: r.recurrence_id,
    recurrenceIndex: r.recurrence_index,
    visitId: r.visit_id,
    visitStatus: r.visit_status as VisitStatus | null,
  }));
}

/** This and the following occurrences of a recurring booking that can still move. */
export function laterOccurrences(db: LocalDatabase, recurrenceId: string, fromIndex: number): AppointmentTable[] {
  return db.all(
    db.kysely
      .selectFrom('appointment')
      .selectAll()
      .where('recurrence_id', '=', recurrenceId)
      .where('recurrence_index', '>=', fromIndex)
      .where('status', '=', 'CONFIRMED')
      .where('deleted_at', 'is', null)
      .orderBy('recurrence_index'),
  );
}

export function bookingRefTaken(db: LocalDatabase, practiceId: string, ref: string): boolean {
  return !!db.first(db.kysely.selectFrom('appointment').select('id').where('practice_id', '=', practiceId).where('booking_ref', '=', ref));
}
