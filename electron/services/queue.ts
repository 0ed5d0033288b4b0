/** Checking in, walk-ins, and moving visits through the day's queue. */
import type { z } from 'zod';
import type { QueueBoard, QueueEntry } from '../../shared/api/reception-types';
import { formatMoney } from '../../shared/domain/money';
import { addLocalDays, clinicDay, localToUtc } from '../../shared/domain/practice-time';
import type { VisitStatus } from '../../shared/domain/reception-status';
import type { moveVisitInput, walkInInput } from '../../shared/schemas/reception';
import { findAppointment } from '../db/appointments';
import { appendAudit } from '../db/audit-log';
import type { LocalDatabase } from '../db/database';
import { chargesOfVisit, dayTotals, insertPendingCharge, paymentsOfVisit } from '../db/ledger';
import { waitingAlertMinutes } from '../db/practices';
import type { VisitTable } from '../db/schema';
import { insertSynced, updateSynced } from '../db/synced-rows';
import { findVisit, nextQueueNumber, queueRows, visitOfAppointment } from '../db/visits';
import type { Actor } from './actor';
import { conflict, notFound, validationError } from './errors';
import { queueSeriesOf } from './reception-setup';
import { requireAppointmentMove, requireBookable, requireVisitMove } from './reception-checks';

export function today(db: LocalDatabase, actor: Actor): string {
  return clinicDay(db.isoNow(), actor.practice.timeZone);
}

export function queueEntry(db: LocalDatabase, actor: Actor, visit: Pick<VisitTable, 'id' | 'clinic_day'>): QueueEntry {
  return queueRows(db, actor.practiceId, visit.clinic_day, visit.id)[0]!;
}

export function balanceOf(db: LocalDatabase, visitId: string): { due: number; paid: number } {
  const due = chargesOfVisit(db, visitId).reduce((sum, c) => sum + c.amount_minor, 0);
  const paid = paymentsOfVisit(db, visitId).reduce((sum, p) => sum + p.amount_minor, 0);
  return { due, paid };
}

/** Moves a visit (and, when it ends, its appointment) with the timestamps each status keeps. */
export function setVisitStatus(db: LocalDatabase, actor: Actor, visit: VisitTable, to: VisitStatus): void {
  requireVisitMove(visit.status, to);
  const now = db.isoNow();
  const stamps: Partial<Record<VisitStatus, string>> = { CALLED: 'called_at', IN_PROGRESS: 'started_at', PENDING_PAYMENT: 'finished_at' };
  const stamp = stamps[to];
  updateSynced(db, 'visit', visit.id, { status: to, status_changed_at: now, ...(stamp ? { [stamp]: now } : {}) });
  if (visit.appointment_id && (to === 'COMPLETED' || to === 'CANCELLED')) {
    const appointment = findAppointment(db, actor.practiceId, visit.appointment_id);
    if (appointment && appointment.status !== to) {
      requireAppointmentMove(appointment.status, to);
      updateSynced(db, 'appointment', appointment.id, { status: to, status_changed_at: now });
    }
  }
  appendAudit(db, {
    practiceId: actor.practiceId,
    userId: actor.userId,
    action: 'update',
    entityType: 'visit',
    entityId: visit.id,
    patientId: visit.patient_id,
    before: { status: visit.status },
    after: { status: to },
  });
}

function issueQueueNumber(db: LocalDatabase, actor: Actor, day: string): { queue_series: string; queue_number: number } {
  const series = queueSeriesOf(db);
  return { queue_series: series, queue_number: nextQueueNumber(db, actor.practiceId, day, series) };
}

export function checkIn(db: LocalDatabase, actor: Actor, appointmentId: string): QueueEntry {
  return db.transaction(actor.userId, () => {
    const appointment = findAppointment(db, actor.practiceId, appointmentId);
    if (!appointment) throw notFound('Appointment');
    requireAppointmentMove(appointment.status, 'CHECKED_IN');
    const day = today(db, actor);
    if (appointment.clinic_day !== day) {
      throw validationError({ appointmentId: `This appointment is for ${appointment.clinic_day}; move it to today before checking in` });
    }
    const visit = visitOfAppointment(db, appointment.id);
    if (!visit) throw notFound('Visit');
    requireVisitMove(visit.status, 'WAITING');
    const now = db.isoNow();
    updateSynced(db, 'appointment', appointment.id, { status: 'CHECKED_IN', status_changed_at: now });
    updateSynced(db, 'visit', visit.id, { status: 'WAITING', checked_in_at: now, status_changed_at: now, ...issueQueueNumber(db, actor, day) });
    appendAudit(db, { practiceId: actor.practiceId, userId: actor.userId, action: 'update', entityType: 'appointment', entityId: appointment.id, patientId: appointment.patient_id, before: { status: appointment.status }, after: { status: 'CHECKED_IN' } });
    return queueEntry(db, actor, visit);
  });
}

/** A patient with no appointment: a visit straight into the queue, with its pending charge, atomically. */
export function registerWalkIn(db: LocalDatabase, actor: Actor, input: z.output<typeof walkInInput>): QueueEntry {
  return db.transaction(actor.userId, () => {
    const { patient, service } = requireBookable(db, actor, { ...input, roomId: null });
    const day = today(db, actor);
    const now = db.isoNow();
    const visitId = insertSynced(db, 'visit', actor.practiceId, {
      appointment_id: null,
      patient_id: patient.id,
      practitioner_id: input.practitionerId,
      service_type_id: service.id,
      clinic_day: day,
      type: 'WALK_IN',
      status: 'WAITING',
      checked_in_at: now,
      status_changed_at: now,
      ...issueQueueNumber(db, actor, day),
    });
    insertPendingCharge(db, actor.practiceId, { id: visitId, patientId: patient.id, accountId: patient.account_id, practitionerId: input.practitionerId }, service);
    appendAudit(db, { practiceId: actor.practiceId, userId: actor.userId, action: 'create', entityType: 'visit', entityId: visitId, patientId: patient.id, after: { type: 'WALK_IN', service: service.name } });
    return queueEntry(db, actor, { id: visitId, clinic_day: day });
  });
}

export function moveVisit(db: LocalDatabase, actor: Actor, input: z.output<typeof moveVisitInput>): QueueEntry {
  return db.transaction(actor.userId, () => {
    const visit = findVisit(db, actor.practiceId, input.visitId);
    if (!visit) throw notFound('Visit');
    // A booked visit joins the queue only by checking in, which numbers it and checks in its appointment.
    if (visit.status === 'SCHEDULED' && input.to === 'WAITING') throw conflict('err.checkInFirst');
    const { due, paid } = balanceOf(db, visit.id);
    if (input.to === 'COMPLETED' && paid < due) {
      throw conflict('err.stillDue', { amount: formatMoney(due - paid, actor.practice.currency) });
    }
    setVisitStatus(db, actor, visit, input.to);
    // Nothing to pay (free follow-up, or paid in advance): finishing completes the visit.
    if (input.to === 'PENDING_PAYMENT' && paid >= due) setVisitStatus(db, actor, findVisit(db, actor.practiceId, visit.id)!, 'COMPLETED');
    return queueEntry(db, actor, visit);
  });
}

export function queueForDay(db: LocalDatabase, actor: Actor, day: string): QueueBoard {
  const tz = actor.practice.timeZone;
  const fromUtc = localToUtc(`${day}T00:00`, tz);
  const toUtc = localToUtc(addLocalDays(`${day}T00:00`, 1), tz);
  const entries = queueRows(db, actor.practiceId, day);
  return {
    day,
    entries,
    totals: dayTotals(db, actor.practiceId, entries, fromUtc, toUtc),
    waitingAlertMinutes: waitingAlertMinutes(db, actor.practiceId),
  };
}
