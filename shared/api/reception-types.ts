/** What the reception operations return. */
import type { AppointmentStatus, BookingSource, VisitStatus, VisitType } from '../domain/reception-status';
import type { Role } from '../domain/roles';
import type { Clash, WorkingHours } from '../domain/schedule';
import type { PaymentMethod } from '../schemas/reception';

export interface ServiceType {
  id: string;
  name: string;
  durationMinutes: number;
  priceMinor: number;
  colour: string;
  practitionerShareBp: number;
  active: boolean;
}

export interface Room {
  id: string;
  name: string;
  active: boolean;
}

export interface Practitioner {
  userId: string;
  displayName: string;
  role: Role;
  bookable: boolean;
  serviceTypeIds: string[];
  workingHours: WorkingHours[];
}

export interface ReceptionSetup {
  serviceTypes: ServiceType[];
  rooms: Room[];
  /** Doctors and nurses (vets and technicians) of the practice, bookable or not. */
  practitioners: Practitioner[];
  /** This desk's queue-number series, e.g. "A" → … */
  queueSeries: string;
  waitingAlertMinutes: number;
}

export interface AppointmentView {
  id: string;
  bookingRef: string;
  patientId: string;
  patientName: string;
  accountName: string;
  phone: string;
  practitionerId: string;
  practitionerName: string;
  roomId: string | null;
  roomName: string | null;
  serviceTypeId: string;
  serviceName: string;
  colour: string;
  startAt: string;
  endAt: string;
  status: AppointmentStatus;
  source: BookingSource;
  notes: string | null;
  overrideReason: string | null;
  cancelReason: string | null;
  recurrenceId: string | null;
  recurrenceIndex: number | null;
  visitId: string | null;
  visitStatus: VisitStatus | null;
}

export interface BookingResult {
  appointmentIds: string[];
  bookingRefs: string[];
}

/** Sent as the `detail` of a `conflict` error when a booking would double-book. */
export interface ClashDetail {
  clashes: (Clash & { startAt: string; patientName: string; practitionerName: string })[];
}

export interface QueueEntry {
  visitId: string;
  appointmentId: string | null;
  /** "A-3"; null until the patient is checked in. */
  queueLabel: string | null;
  patientId: string;
  patientName: string;
  practitionerId: string | null;
  practitionerName: string | null;
  serviceName: string;
  status: VisitStatus;
  type: VisitType;
  scheduledAt: string | null;
  checkedInAt: string | null;
  statusChangedAt: string;
  dueMinor: number;
  paidMinor: number;
  /**
   * Another desk gave out the same number today (two desks with one series
   * letter, offline from each other): call this patient by name; the sync
   * engine renumbers them by `renumberQueueClashes`.
   */
  queueLabelClash: boolean;
}

export interface DayTotals {
  visits: number;
  completed: number;
  waiting: number;
  chargedMinor: number;
  takenMinor: number;
  refundedMinor: number;
  byMethod: Record<PaymentMethod, number>;
  practitionerShareMinor: number;
  centreShareMinor: number;
}

export interface QueueBoard {
  day: string;
  entries: QueueEntry[];
  totals: DayTotals;
  waitingAlertMinutes: number;
}

export interface PaymentView {
  id: string;
  visitId: string | null;
  amountMinor: number;
  method: PaymentMethod;
  reference: string | null;
  receiptNumber: string;
  receivedAt: string;
  refundOf: string | null;
  reason: string | null;
}

export interface Receipt {
  fileName: string;
  /** The PDF, base64-encoded. */
  pdfBase64: string;
}
