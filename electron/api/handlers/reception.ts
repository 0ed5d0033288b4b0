import { cancelAppointment, bookAppointment, markNoShow, reschedule } from '../../services/booking';
import { appointmentsForPatient } from '../../services/patient-appointments';
import { diaryDay, diaryWeek, findNextFreeSlot } from '../../services/diary';
import { paymentsForVisit, receipt, refundPayment, takePayment } from '../../services/payments';
import { checkIn, moveVisit, queueForDay, registerWalkIn } from '../../services/queue';
import { receptionSetup, saveDesk, savePractitioner, saveRoom, saveServiceType } from '../../services/reception-setup';
import type { HandlersFor } from '../context';

export const receptionHandlers: HandlersFor<'reception'> = {
  'reception.setup': (_input, { db, actor }) => receptionSetup(db, actor),
  'reception.saveServiceType': (input, { db, actor }) => saveServiceType(db, actor, input),
  'reception.saveRoom': (input, { db, actor }) => saveRoom(db, actor, input),
  'reception.savePractitioner': (input, { db, actor }) => savePractitioner(db, actor, input),
  'reception.saveDesk': (input, { db, actor }) => saveDesk(db, actor, input),
};

export const appointmentHandlers: HandlersFor<'appointments'> = {
  'appointments.day': (input, { db, actor }) => diaryDay(db, actor, input),
  'appointments.week': (input, { db, actor }) => diaryWeek(db, actor, input),
  'appointments.nextFreeSlot': (input, { db, actor }) => findNextFreeSlot(db, actor, input),
  'appointments.book': (input, { db, actor }) => bookAppointment(db, actor, input),
  'appointments.reschedule': (input, { db, actor }) => reschedule(db, actor, input),
  'appointments.cancel': (input, { db, actor }) => cancelAppointment(db, actor, input),
  'appointments.noShow': (input, { db, actor }) => markNoShow(db, actor, input.appointmentId),
  'appointments.checkIn': (input, { db, actor }) => checkIn(db, actor, input.appointmentId),
  'appointments.forPatient': (input, { db, actor }) => appointmentsForPatient(db, actor, input.patientId),
};

export const visitHandlers: HandlersFor<'visits'> = {
  'visits.walkIn': (input, { db, actor }) => registerWalkIn(db, actor, input),
  'visits.move': (input, { db, actor }) => moveVisit(db, actor, input),
};

export const queueHandlers: HandlersFor<'queue'> = {
  'queue.day': (input, { db, actor }) => queueForDay(db, actor, input.day),
};

export const paymentHandlers: HandlersFor<'payments'> = {
  'payments.take': (input, { db, actor }) => takePayment(db, actor, input),
  'payments.refund': (input, { db, actor }) => refundPayment(db, actor, input),
  'payments.forVisit': (input, { db, actor }) => paymentsForVisit(db, actor, input.visitId),
  'payments.receipt': (input, { db, actor }) => receipt(db, actor, input.paymentId),
};
