/** Inputs of the reception desk: set-up, booking, the queue and payments at the desk. */
import { z } from 'zod';
import { t } from '../i18n';
import { isLocalDateTime } from '../domain/practice-time';
import { BOOKING_SOURCES, VISIT_STATUSES } from '../domain/reception-status';
import { choice, isoDate, optionalText, requiredText, uuid, wholeNumber } from './common';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const hhmm = z.string().regex(HHMM, { error: t('err.timeFormat') });
export const localDateTime = z.string({ error: t('err.required') }).refine(isLocalDateTime, { error: t('err.localDateTime') });

export const serviceTypeFields = z.object({
  name: requiredText(100),
  durationMinutes: wholeNumber(5, 480),
  /** Price in minor units. */
  priceMinor: wholeNumber(0, 100_000_000),
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: t('err.colour') }).default('#228be6'),
  /** The practitioner's share in basis points; the centre keeps the rest. */
  practitionerShareBp: wholeNumber(0, 10_000).default(0),
  active: z.boolean().default(true),
});
export const saveServiceTypeInput = z.object({ id: uuid.optional(), fields: serviceTypeFields });

export const roomFields = z.object({ name: requiredText(60), active: z.boolean().default(true) });
export const saveRoomInput = z.object({ id: uuid.optional(), fields: roomFields });

export const workingHours = z
  .object({ weekday: wholeNumber(0, 6), start: hhmm, end: hhmm })
  .refine((h) => !HHMM.test(h.start) || !HHMM.test(h.end) || h.start < h.end, { error: t('err.endAfterStart'), path: ['end'] });

export const savePractitionerInput = z.object({
  userId: uuid,
  serviceTypeIds: z.array(uuid).max(100),
  workingHours: z
    .array(workingHours)
    .max(50)
    .superRefine((hours, ctx) => {
      // Two intervals of one weekday may touch (13:00–14:00, 14:00–17:00) but not overlap.
      hours.forEach((h, i) => {
        const earlier = hours.slice(0, i).find((o) => o.weekday === h.weekday && o.start < h.end && h.start < o.end);
        if (earlier) ctx.addIssue({ code: 'custom', path: [i, 'start'], message: t('err.hoursOverlap', { start: earlier.start, end: earlier.end }) });
      });
    }),
  bookable: z.boolean().default(true),
});

export const saveDeskInput = z.object({
  queueSeries: z.string().trim().regex(/^[A-Z]{1,2}$/, { error: t('err.queueSeries') }),
  waitingAlertMinutes: wholeNumber(1, 600),
});

const override = optionalText(500);

export const bookAppointmentInput = z.object({
  patientId: uuid,
  practitionerId: uuid,
  serviceTypeId: uuid,
  roomId: uuid.nullish().transform((v) => v ?? null),
  /** Practice-local wall time. */
  start: localDateTime,
  durationMinutes: wholeNumber(5, 480).optional(),
  source: choice(BOOKING_SOURCES).default('PHONE'),
  notes: optionalText(2000),
  /** Given when the receptionist books over a clash on purpose. */
  overrideReason: override,
  repeat: z.object({ everyDays: wholeNumber(1, 365), occurrences: wholeNumber(2, 52) }).nullish(),
});
export type BookAppointmentInput = z.input<typeof bookAppointmentInput>;

export const rescheduleInput = z.object({
  appointmentId: uuid,
  start: localDateTime,
  practitionerId: uuid.optional(),
  roomId: uuid.nullish(),
  overrideReason: override,
  /** For a recurring booking: this one, or this and the following ones. */
  scope: choice(['this', 'following'] as const).default('this'),
});

export const cancelAppointmentInput = z.object({
  appointmentId: uuid,
  reason: requiredText(500),
  scope: choice(['this', 'following'] as const).default('this'),
});

export const appointmentIdInput = z.object({ appointmentId: uuid });

export const walkInInput = z.object({
  patientId: uuid,
  serviceTypeId: uuid,
  practitionerId: uuid.nullish().transform((v) => v ?? null),
});

export const moveVisitInput = z.object({ visitId: uuid, to: choice(VISIT_STATUSES) });

export const PAYMENT_METHODS = ['CASH', 'CARD', 'BANK_TRANSFER', 'MEDICAL_AID'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const takePaymentInput = z.object({
  visitId: uuid,
  amountMinor: wholeNumber(1, 100_000_000),
  method: choice(PAYMENT_METHODS),
  reference: optionalText(100),
});

export const refundInput = z.object({
  paymentId: uuid,
  amountMinor: wholeNumber(1, 100_000_000),
  reason: requiredText(500),
});

export const dayInput = z.object({
  day: isoDate,
  practitionerId: uuid.optional(),
  roomId: uuid.optional(),
});

export const weekInput = z.object({
  firstDay: isoDate,
  practitionerId: uuid.optional(),
  roomId: uuid.optional(),
});

export const nextFreeSlotInput = z.object({
  serviceTypeId: uuid,
  practitionerId: uuid.optional(),
  from: localDateTime,
});

export const receiptInput = z.object({ paymentId: uuid });
