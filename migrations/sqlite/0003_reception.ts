/**
 * 0003: the reception desk (seed 002). Service types with prices and the
 * practitioner/centre split, rooms, practitioners' services and hours,
 * appointments (with recurrence rules), visits (the day's queue), charges
 * (the pending payment booked with each visit) and the payment ledger
 * (append-only: refunds are new, negative rows).
 *
 * Queue numbers: each device issues numbers in its own series (a letter the
 * practice can set per desk), so two desks cut off from each other never hand
 * out the same "A-4"; the series is part of the number everywhere it shows.
 */
import type { Kysely, Migration } from 'kysely';
import { addCapture, recreateCapture, runStatements, SYNCED_COLUMNS } from './helpers';

const SYNCED_TABLES = [
  'service_type',
  'room',
  'practitioner_profile',
  'practitioner_service',
  'recurrence',
  'appointment',
  'visit',
  'charge',
] as const;

const statements = [
  `ALTER TABLE device ADD COLUMN queue_series TEXT`,
  // Minutes a patient may wait before the queue board highlights them.
  `ALTER TABLE practice ADD COLUMN waiting_alert_minutes INTEGER NOT NULL DEFAULT 20`,

  `CREATE TABLE service_type (${SYNCED_COLUMNS},
     name TEXT NOT NULL,
     duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),
     price_minor INTEGER NOT NULL CHECK (price_minor >= 0),
     colour TEXT NOT NULL,
     practitioner_share_bp INTEGER NOT NULL CHECK (practitioner_share_bp BETWEEN 0 AND 10000),
     is_active INTEGER NOT NULL DEFAULT 1
   )`,
  `CREATE TABLE room (${SYNCED_COLUMNS},
     name TEXT NOT NULL,
     is_active INTEGER NOT NULL DEFAULT 1
   )`,
  // Working hours as JSON: [{ "weekday": 1, "start": "08:00", "end": "13:00" }, …] in practice time.
  `CREATE TABLE practitioner_profile (${SYNCED_COLUMNS},
     user_id TEXT NOT NULL REFERENCES app_user (id),
     working_hours TEXT NOT NULL DEFAULT '[]',
     is_bookable INTEGER NOT NULL DEFAULT 1
   )`,
  `CREATE INDEX practitioner_profile_user ON practitioner_profile (practice_id, user_id)`,
  `CREATE TABLE practitioner_service (${SYNCED_COLUMNS},
     user_id TEXT NOT NULL REFERENCES app_user (id),
     service_type_id TEXT NOT NULL REFERENCES service_type (id)
   )`,
  `CREATE INDEX practitioner_service_user ON practitioner_service (user_id, service_type_id)`,

  `CREATE TABLE recurrence (${SYNCED_COLUMNS},
     every_days INTEGER NOT NULL CHECK (every_days BETWEEN 1 AND 365),
     occurrences INTEGER NOT NULL CHECK (occurrences BETWEEN 2 AND 104),
     first_start_at TEXT NOT NULL
   )`,

  `CREATE TABLE appointment (${SYNCED_COLUMNS},
     booking_ref TEXT NOT NULL,
     patient_id TEXT NOT NULL REFERENCES patient (id),
     practitioner_id TEXT NOT NULL REFERENCES app_user (id),
     room_id TEXT REFERENCES room (id),
     service_type_id TEXT NOT NULL REFERENCES service_type (id),
     start_at TEXT NOT NULL,
     end_at TEXT NOT NULL,
     clinic_day TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('CONFIRMED', 'CHECKED_IN', 'COMPLETED', 'CANCELLED', 'NO_SHOW')),
     source TEXT NOT NULL CHECK (source IN ('PHONE', 'WALK_IN', 'ONLINE', 'SYSTEM')),
     notes TEXT,
     cancel_reason TEXT,
     override_reason TEXT,
     recurrence_id TEXT REFERENCES recurrence (id),
     recurrence_index INTEGER,
     created_by TEXT,
     status_changed_at TEXT NOT NULL,
     CHECK (end_at > start_at)
   )`,
  // Unique here; a clash between two devices' references is a sync-time finding, not a failed write.
  `CREATE UNIQUE INDEX appointment_booking_ref ON appointment (practice_id, booking_ref)`,
  `CREATE INDEX appointment_practitioner_start ON appointment (practitioner_id, start_at)`,
  `CREATE INDEX appointment_room_start ON appointment (room_id, start_at) WHERE room_id IS NOT NULL`,
  `CREATE INDEX appointment_patient_start ON appointment (patient_id, start_at)`,
  `CREATE INDEX appointment_day ON appointment (practice_id, clinic_day, start_at)`,
  `CREATE INDEX appointment_recurrence ON appointment (recurrence_id, recurrence_index) WHERE recurrence_id IS NOT NULL`,

  `CREATE TABLE visit (${SYNCED_COLUMNS},
     appointment_id TEXT REFERENCES appointment (id),
     patient_id TEXT NOT NULL REFERENCES patient (id),
     practitioner_id TEXT REFERENCES app_user (id),
     service_type_id TEXT NOT NULL REFERENCES service_type (id),
     clinic_day TEXT NOT NULL,
     type TEXT NOT NULL CHECK (type IN ('SCHEDULED', 'WALK_IN')),
     status TEXT NOT NULL CHECK (status IN ('SCHEDULED', 'WAITING', 'CALLED', 'IN_PROGRESS', 'PENDING_PAYMENT', 'COMPLETED', 'CANCELLED')),
     queue_series TEXT,
     queue_number INTEGER,
     checked_in_at TEXT,
     called_at TEXT,
     started_at TEXT,
     finished_at TEXT,
     status_changed_at TEXT NOT NULL
   )`,
  `CREATE INDEX visit_day ON visit (practice_id, clinic_day, status)`,
  `CREATE INDEX visit_appointment ON visit (appointment_id) WHERE appointment_id IS NOT NULL`,
  `CREATE INDEX visit_queue ON visit (practice_id, clinic_day, queue_series, queue_number) WHERE queue_number IS NOT NULL`,
  `CREATE INDEX visit_patient ON visit (patient_id, clinic_day)`,

  `CREATE TABLE charge (${SYNCED_COLUMNS},
     visit_id TEXT NOT NULL REFERENCES visit (id),
     patient_id TEXT NOT NULL REFERENCES patient (id),
     account_id TEXT NOT NULL REFERENCES account (id),
     description TEXT NOT NULL,
     amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
     practitioner_id TEXT REFERENCES app_user (id),
     practitioner_share_minor INTEGER NOT NULL,
     centre_share_minor INTEGER NOT NULL,
     CHECK (practitioner_share_minor + centre_share_minor = amount_minor)
   )`,
  `CREATE INDEX charge_visit ON charge (visit_id)`,

  // The ledger. Amounts are minor units; a refund is a negative row pointing at what it refunds.
  `CREATE TABLE payment (${SYNCED_COLUMNS},
     visit_id TEXT REFERENCES visit (id),
     patient_id TEXT NOT NULL REFERENCES patient (id),
     account_id TEXT NOT NULL REFERENCES account (id),
     amount_minor INTEGER NOT NULL CHECK (amount_minor <> 0),
     method TEXT NOT NULL CHECK (method IN ('CASH', 'CARD', 'BANK_TRANSFER', 'MEDICAL_AID')),
     reference TEXT,
     refund_of TEXT REFERENCES payment (id),
     reason TEXT,
     practitioner_share_minor INTEGER NOT NULL,
     centre_share_minor INTEGER NOT NULL,
     received_by TEXT,
     received_at TEXT NOT NULL,
     receipt_number TEXT NOT NULL,
     CHECK (practitioner_share_minor + centre_share_minor = amount_minor)
   )`,
  `CREATE INDEX payment_visit ON payment (visit_id)`,
  `CREATE INDEX payment_received ON payment (practice_id, received_at)`,
  `CREATE INDEX payment_refund_of ON payment (refund_of) WHERE refund_of IS NOT NULL`,
  `CREATE INDEX payment_receipt ON payment (practice_id, receipt_number)`,
];

export const reception: Migration = {
  async up(db: Kysely<unknown>) {
    await runStatements(db, statements);
    await recreateCapture(db, 'practice');
    for (const table of SYNCED_TABLES) await addCapture(db, table);
    await addCapture(db, 'payment', { appendOnly: true });
  },
};
