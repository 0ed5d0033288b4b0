/**
 * The reception status machines of seed 002. Pure data and functions: the
 * services use them to refuse illegal moves, the sync merge rules to merge.
 */
import { statusMachine } from './status-machine';

export const APPOINTMENT_STATUSES = ['CONFIRMED', 'CHECKED_IN', 'COMPLETED', 'CANCELLED', 'NO_SHOW'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const appointmentStatus = statusMachine<AppointmentStatus>(
  {
    CONFIRMED: ['CHECKED_IN', 'CANCELLED', 'NO_SHOW'],
    CHECKED_IN: ['COMPLETED', 'CANCELLED'],
    COMPLETED: [],
    CANCELLED: [],
    NO_SHOW: [],
  },
  { CONFIRMED: 0, CHECKED_IN: 1, COMPLETED: 2, CANCELLED: 2, NO_SHOW: 2 },
);

/** SCHEDULED: booked, not yet arrived (seed 002's status flow starts there). */
export const VISIT_STATUSES = ['SCHEDULED', 'WAITING', 'CALLED', 'IN_PROGRESS', 'PENDING_PAYMENT', 'COMPLETED', 'CANCELLED'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];

export const visitStatus = statusMachine<VisitStatus>(
  {
    SCHEDULED: ['WAITING', 'CANCELLED'],
    WAITING: ['CALLED', 'CANCELLED'],
    CALLED: ['IN_PROGRESS', 'WAITING', 'CANCELLED'],
    IN_PROGRESS: ['PENDING_PAYMENT'],
    PENDING_PAYMENT: ['COMPLETED'],
    COMPLETED: [],
    CANCELLED: [],
  },
  { SCHEDULED: 0, WAITING: 1, CALLED: 2, IN_PROGRESS: 3, PENDING_PAYMENT: 4, COMPLETED: 5, CANCELLED: 5 },
);

export const BOOKING_SOURCES = ['PHONE', 'WALK_IN', 'ONLINE', 'SYSTEM'] as const;
export type BookingSource = (typeof BOOKING_SOURCES)[number];

export const VISIT_TYPES = ['SCHEDULED', 'WALK_IN'] as const;
export type VisitType = (typeof VISIT_TYPES)[number];
