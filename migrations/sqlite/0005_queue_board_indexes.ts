/**
 * 0005: the queue board reads one clinic-day (hundreds of visits in a large
 * hospital) from a database holding years of them. Without these, each
 * visit costs several random page reads (the visit row, then the patient,
 * account and appointment rows through their primary keys, then the charge
 * and payment rows); with them the day's visits are one contiguous range of
 * one index, and every other lookup is answered from a narrow covering index
 * (the board names them with INDEXED BY, see electron/db/visits.ts). The
 * visit, charge and payment indexes replace narrower ones with the same
 * leading columns, so writes do not pay twice.
 */
import type { Kysely, Migration } from 'kysely';
import { runStatements } from './helpers';

const statements = [
  `CREATE INDEX visit_board ON visit (practice_id, clinic_day, deleted_at, id, appointment_id, queue_series, queue_number,
     patient_id, practitioner_id, service_type_id, status, type, checked_in_at, status_changed_at)`,
  `DROP INDEX visit_day`,
  `CREATE INDEX charge_visit_amount ON charge (visit_id, deleted_at, amount_minor)`,
  `DROP INDEX charge_visit`,
  `CREATE INDEX payment_visit_amount ON payment (visit_id, amount_minor)`,
  `DROP INDEX payment_visit`,
  `CREATE INDEX patient_board_names ON patient (id, account_id, kind, first_name, last_name)`,
  `CREATE INDEX account_board_names ON account (id, last_name)`,
  `CREATE INDEX appointment_board_start ON appointment (id, start_at)`,
];

export const queueBoardIndexes: Migration = {
  async up(db: Kysely<unknown>) {
    await runStatements(db, statements);
  },
};
