/**
 * Booking, rescheduling, cancelling and no-shows. A booking is atomic as
 * seed 002 demands: the appointment, its visit and its pending charge are
 * written in one transaction, or none of them is.
 */
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { AppointmentView, BookingResult } from '../../shared/api/reception-types';
import { addLocalDays, clinicDay, localToUtc, utcToLocal } from '../../shared/domain/practice-time';
import { bookingRefFor } from '../../shared/domain/numbering';
import { recurrenceStarts } from '../../shared/domain/schedule';
import type { bookAppointmentInput, cancelAppointmentInput, rescheduleInput } from '../../shared/schemas/reception';
import { bookingRefTaken, diary, findAppointment, laterOccurrences } from '../db/appointments';
import { insertPendingCharge } from '../db/ledger';
import { appendAudit } from '../db/audit-log';
import type { LocalDatabase } from '../db/database';
import type { AppointmentTable } from '../db/schema';
import { insertSynced, updateSynced } from '../db/synced-rows';
import { visitOfAppointment } from '../db/visits';
import type { Actor } from './actor';
import { notFound } from './errors';
import { refuseClashes, requireAppointmentMove, requireBookable, requireVisitMove } from './reception-checks';

const plusMinutes = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/** The appointment's reference, from its own id (see shared/domain/numbering.ts), skipping any already taken here. */
function uniqueBookingRef(db: LocalDatabase, practiceId: string, appointmentId: string): string {
  for (let attempt = 0; ; attempt += 1) {
    const ref = bookingRefFor(appointmentId, attempt);
    if (!bookingRefTaken(db, practiceId, ref)) return ref;
  }
}

export function bookAppointment(db: LocalDatabase, actor: Actor, input: z.output<typeof bookAppointmentInput>): BookingResult {
  const tz = actor.practice.timeZone;
  const { patient, service } = requireBookable(db, actor, input);
  const minutes = input.durationMinutes ?? service.duration_minutes;
  const starts = input.repeat ? recurrenceStarts(input.start, input.repeat.everyDays, input.repeat.occurrences) : [input.start];
  const occurrences = starts.map((local) => {
    const startAt = localToUtc(local, tz);
    return { startAt, endAt: plusMinutes(startAt, minutes), clinicDay: local.slice(0, 10) };
  });
  const candidates = occurrences.map((o) => ({ ...o, practitionerId: input.practitionerId, roomId: input.roomId, patientId: patient.id }));

  return db.transaction(actor.userId, () => {
    // Checked inside the transaction: another window may have booked the slot a moment ago.
    refuseClashes(db, actor, candidates, input.overrideReason);
    const now = db.isoNow();
    const recurrenceId = input.repeat
      ? insertSynced(db, 'recurrence', actor.practiceId, {
          every_days: input.repeat.everyDays,
          occurrences: input.repeat.occurrences,
          first_start_at: occurrences[0]!.startAt,
        })
      : null;
    const result: BookingResult = { appointmentIds: [], bookingRefs: [] };
    occurrences.forEach((o, index) => {
      const appointmentId = uuidv7();
      const bookingRef = uniqueBookingRef(db, actor.practiceId, appointmentId);
      insertSynced(db, 'appointment', actor.practiceId, {
        booking_ref: bookingRef,
        patient_id: patient.id,
        practitioner_id: input.practitionerId,
        room_id: input.roomId,
        service_type_id: service.id,
        start_at: o.startAt,
        end_at: o.endAt,
        clinic_day: o.clinicDay,
        status: 'CONFIRMED',
        source: input.source,
        notes: input.notes,
        override_reason: input.overrideReason,
        recurrence_id: recurrenceId,
        recurrence_index: recurrenceId ? index : null,
        created_by: actor.userId,
        status_changed_at: now,
      }, appointmentId);
      const visitId = insertSynced(db, 'visit', actor.practiceId, {
        appointment_id: appointmentId,
        patient_id: patient.id,
        practitioner_id: input.practitionerId,
        service_type_id: service.id,
        clinic_day: o.clinicDay,
        type: 'SCHEDULED',
        status: 'SCHEDULED',
        status_changed_at: now,
      });
      insertPendingCharge(db, actor.practiceId, { id: visitId, patientId: patient.id, accountId: patient.account_id, practitionerId: input.practitionerId }, service);
      appendAudit(db, {
        practiceId: actor.practiceId,
        userId: actor.userId,
        action: 'create',
        entityType: 'appointment',
        entityId: appointmentId,
        patientId: patient.id,
        after: { bookingRef, startAt: o.startAt, practitionerId: input.practitionerId, service: service.name, source: input.source, overrideReason: input.overrideReason },
      });
      result.appointmentIds.push(appointmentId);
      result.bookingRefs.push(bookingRef);
    });
    return result;
  });
}

function targetsOf(db: LocalDatabase, appointment: AppointmentTable, scope: 'this' | 'following'): AppointmentTable[] {
  if (scope === 'this' || !appointment.recurrence_id || appointment.recurrence_index === null) return [appointment];
  return laterOccurrences(db, appointment.recurrence_id, appointment.recurrence_index);
}

export function viewOf(db: LocalDatabase, actor: Actor, appointment: AppointmentTable): AppointmentView {
  return diary(db, { practiceId: actor.practiceId, fromDay: appointment.clinic_day, toDay: appointment.clinic_day, ids: [appointment.id] })[0]!;
}

export function reschedule(db: LocalDatabase, actor: Actor, input: z.output<typeof rescheduleInput>): AppointmentView {
  const tz = actor.practice.timeZone;
  return db.transaction(actor.userId, () => {
    const appointment = findAppointment(db, actor.practiceId, input.appointmentId);
    if (!appointment) throw notFound('Appointment');
    if (appointment.status !== 'CONFIRMED') requireAppointmentMove(appointment.status, 'CONFIRMED');
    const practitionerId = input.practitionerId ?? appointment.practitioner_id;
    const roomId = input.roomId === undefined ? appointment.room_id : input.roomId;
    requireBookable(db, actor, { patientId: appointment.patient_id, serviceTypeId: appointment.service_type_id, practitionerId, roomId });
    const firstDay = clinicDay(appointment.start_at, tz);
    const moves = targetsOf(db, appointment, input.scope).map((target) => {
      const dayOffset = Math.round((Date.parse(clinicDay(target.start_at, tz)) - Date.parse(firstDay)) / 86_400_000);
      const local = addLocalDays(input.start, dayOffset);
      const startAt = localToUtc(local, tz);
      const minutes = (Date.parse(target.end_at) - Date.parse(target.start_at)) / 60_000;
      return { target, startAt, endAt: plusMinutes(startAt, minutes), clinicDay: local.slice(0, 10) };
    });
    const candidates = moves.map((m) => ({ startAt: m.startAt, endAt: m.endAt, practitionerId, roomId, patientId: appointment.patient_id }));
    refuseClashes(db, actor, candidates, input.overrideReason, moves.map((m) => m.target.id));
    for (const m of moves) {
      updateSynced(db, 'appointment', m.target.id, {
        start_at: m.startAt,
        end_at: m.endAt,
        clinic_day: m.clinicDay,
        practitioner_id: practitionerId,
        room_id: roomId,
        override_reason: input.overrideReason ?? m.target.override_reason,
      });
      const visit = visitOfAppointment(db, m.target.id);
      if (visit) updateSynced(db, 'visit', visit.id, { clinic_day: m.clinicDay, practitioner_id: practitionerId });
      appendAudit(db, {
        practiceId: actor.practiceId,
        userId: actor.userId,
        action: 'update',
        entityType: 'appointment',
        entityId: m.target.id,
        patientId: appointment.patient_id,
        before: { startAt: utcToLocal(m.target.start_at, tz), practitionerId: m.target.practitioner_id, roomId: m.target.room_id },
        after: { startAt: utcToLocal(m.startAt, tz), practitionerId, roomId, overrideReason: input.overrideReason },
      });
    }
    return viewOf(db, actor, findAppointment(db, actor.practiceId, appointment.id)!);
  });
}

/** Ends an appointment as cancelled or no-show, and its visit with it; nothing already paid is touched. */
function endAppointment(db: LocalDatabase, actor: Actor, appointment: AppointmentTable, to: 'CANCELLED' | 'NO_SHOW', reason: string | null): void {
  requireAppointmentMove(appointment.status, to);
  const visit = visitOfAppointment(db, appointment.id);
  if (visit) requireVisitMove(visit.status, 'CANCELLED');
  const now = db.isoNow();
  updateSynced(db, 'appointment', appointment.id, { status: to, cancel_reason: reason, status_changed_at: now });
  if (visit) updateSynced(db, 'visit', visit.id, { status: 'CANCELLED', status_changed_at: now });
  appendAudit(db, {
    practiceId: actor.practiceId,
    userId: actor.userId,
    action: 'update',
    entityType: 'appointment',
    entityId: appointment.id,
    patientId: appointment.patient_id,
    before: { status: appointment.status },
    after: { status: to, reason },
  });
}

export function cancelAppointment(db: LocalDatabase, actor: Actor, input: z.output<typeof cancelAppointmentInput>): { cancelled: number } {
  return db.transaction(actor.userId, () => {
    const appointment = findAppointment(db, actor.practiceId, input.appointmentId);
    if (!appointment) throw notFound('Appointment');
    const targets = input.scope === 'following' ? targetsOf(db, appointment, 'following') : [appointment];
    for (const target of targets) endAppointment(db, actor, target, 'CANCELLED', input.reason);
    return { cancelled: targets.length };
  });
}

export function markNoShow(db: LocalDatabase, actor: Actor, appointmentId: string): AppointmentView {
  return db.transaction(actor.userId, () => {
    const appointment = findAppointment(db, actor.practiceId, appointmentId);
    if (!appointment) throw notFound('Appointment');
    endAppointment(db, actor, appointment, 'NO_SHOW', null);
    return viewOf(db, actor, findAppointment(db, actor.practiceId, appointmentId)!);
  });
}
