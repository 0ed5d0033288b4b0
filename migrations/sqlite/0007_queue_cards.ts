/**
 * 0007: the queue board reads its cards from one table kept by triggers.
 *
 * A clinic-day of a large hospital holds ~400 visits; building the board
 * from the source tables costs five index seeks per visit (patient, owner,
 * appointment, charges, payments) into tables of millions of rows, ~10 ms a
 * board even with the covering indexes of 0005. `queue_card` holds exactly
 * what a card shows, clustered by (practice, clinic day), so the board is one
 * contiguous range read. It is derived, local state (never synced, never
 * captured): the triggers below keep it in the same transaction as every
 * write to its sources, whether made here or applied by the sync engine, and
 * each refresh recomputes a card from the sources rather than patching it,
 * so it cannot drift. Practitioner and service names are joined at read time:
 * those tables are tiny, and a rename must not rewrite years of cards.
 *
 * The board-only covering indexes of 0005 go; the visit index the day's
 * other queries need comes back narrow.
 */
import type { Kysely, Migration } from 'kysely';
import { runStatements } from './helpers';

/**
 * The name a card shows, as `displayName` (electron/db/patients.ts) writes it:
 * "Whiskers (Gonzalez)" for an animal, "Thandi Nkosi" for a person, the
 * account holder's surname when the patient has none. Kept in the card
 * rather than four name columns: the board reads hundreds of cards, and each
 * value read costs. tests/integration/queue-cards.test.ts holds the two equal.
 */
const PATIENT_NAME = `CASE p.kind
    WHEN 'animal' THEN p.first_name || ' (' || coalesce(p.last_name, a.last_name) || ')'
    ELSE trim(p.first_name || ' ' || coalesce(p.last_name, a.last_name)) END`;

/** Every card column, as the source tables give it for one visit (`v`). */
const CARD_FROM_SOURCES = `
  SELECT v.practice_id, v.clinic_day, v.id, v.appointment_id, v.queue_series, v.queue_number,
         v.patient_id, ${PATIENT_NAME},
         v.practitioner_id, v.service_type_id, v.status, v.type, ap.start_at,
         v.checked_in_at, v.status_changed_at,
         (SELECT coalesce(sum(c.amount_minor), 0) FROM charge c WHERE c.visit_id = v.id AND c.deleted_at IS NULL),
         (SELECT coalesce(sum(pm.amount_minor), 0) FROM payment pm WHERE pm.visit_id = v.id)
  FROM visit v
  JOIN patient p ON p.id = v.patient_id
  JOIN account a ON a.id = p.account_id
  LEFT JOIN appointment ap ON ap.id = v.appointment_id
  WHERE v.deleted_at IS NULL`;

const refreshCard = (visitId: string) => `INSERT OR REPLACE INTO queue_card ${CARD_FROM_SOURCES} AND v.id = ${visitId};`;
const dueOf = (visitId: string) =>
  `UPDATE queue_card SET due_minor = (SELECT coalesce(sum(amount_minor), 0) FROM charge WHERE visit_id = ${visitId} AND deleted_at IS NULL) WHERE visit_id = ${visitId};`;
const paidOf = (visitId: string) =>
  `UPDATE queue_card SET paid_minor = (SELECT coalesce(sum(amount_minor), 0) FROM payment WHERE visit_id = ${visitId}) WHERE visit_id = ${visitId};`;

const statements = [
  `CREATE TABLE queue_card (
     practice_id TEXT NOT NULL,
     clinic_day TEXT NOT NULL,
     visit_id TEXT NOT NULL,
     appointment_id TEXT,
     queue_series TEXT,
     queue_number INTEGER,
     patient_id TEXT NOT NULL,
     patient_name TEXT NOT NULL,
     practitioner_id TEXT,
     service_type_id TEXT NOT NULL,
     status TEXT NOT NULL,
     type TEXT NOT NULL,
     scheduled_at TEXT,
     checked_in_at TEXT,
     status_changed_at TEXT NOT NULL,
     due_minor INTEGER NOT NULL,
     paid_minor INTEGER NOT NULL,
     PRIMARY KEY (practice_id, clinic_day, visit_id)
   ) WITHOUT ROWID`,
  // The cards of the visits already held, in key order (a sequential build), before the indexes.
  `INSERT INTO queue_card ${CARD_FROM_SOURCES} ORDER BY v.practice_id, v.clinic_day, v.id`,
  `CREATE UNIQUE INDEX queue_card_visit ON queue_card (visit_id)`,
  `CREATE INDEX queue_card_patient ON queue_card (patient_id)`,

  // A visit written or moved (another day, another patient, deleted): its card again from the sources.
  `CREATE TRIGGER queue_card_visit_insert AFTER INSERT ON visit BEGIN ${refreshCard('NEW.id')} END`,
  `CREATE TRIGGER queue_card_visit_update AFTER UPDATE ON visit BEGIN
     DELETE FROM queue_card WHERE visit_id = OLD.id;
     ${refreshCard('NEW.id')}
   END`,
  `CREATE TRIGGER queue_card_visit_delete AFTER DELETE ON visit BEGIN DELETE FROM queue_card WHERE visit_id = OLD.id; END`,

  `CREATE TRIGGER queue_card_appointment_moved AFTER UPDATE OF start_at ON appointment BEGIN
     UPDATE queue_card SET scheduled_at = NEW.start_at WHERE appointment_id = NEW.id;
   END`,
  `CREATE TRIGGER queue_card_patient_renamed AFTER UPDATE OF kind, first_name, last_name, account_id ON patient BEGIN
     UPDATE queue_card SET patient_name = (SELECT ${PATIENT_NAME} FROM patient p JOIN account a ON a.id = p.account_id WHERE p.id = NEW.id)
     WHERE patient_id = NEW.id;
   END`,
  `CREATE TRIGGER queue_card_account_renamed AFTER UPDATE OF last_name ON account BEGIN
     UPDATE queue_card SET patient_name = (SELECT ${PATIENT_NAME} FROM patient p JOIN account a ON a.id = p.account_id WHERE p.id = queue_card.patient_id)
     WHERE patient_id IN (SELECT id FROM patient WHERE account_id = NEW.id);
   END`,

  `CREATE TRIGGER queue_card_charge_insert AFTER INSERT ON charge BEGIN ${dueOf('NEW.visit_id')} END`,
  `CREATE TRIGGER queue_card_charge_update AFTER UPDATE OF visit_id, amount_minor, deleted_at ON charge BEGIN
     ${dueOf('OLD.visit_id')}
     ${dueOf('NEW.visit_id')}
   END`,
  `CREATE TRIGGER queue_card_charge_delete AFTER DELETE ON charge BEGIN ${dueOf('OLD.visit_id')} END`,
  `CREATE TRIGGER queue_card_payment_insert AFTER INSERT ON payment WHEN NEW.visit_id IS NOT NULL BEGIN ${paidOf('NEW.visit_id')} END`,
  `CREATE TRIGGER queue_card_payment_delete AFTER DELETE ON payment WHEN OLD.visit_id IS NOT NULL BEGIN ${paidOf('OLD.visit_id')} END`,

  `DROP INDEX visit_board`,
  `DROP INDEX patient_board_names`,
  `DROP INDEX account_board_names`,
  `DROP INDEX appointment_board_start`,
  `CREATE INDEX visit_day ON visit (practice_id, clinic_day)`,
];

export const queueCards: Migration = {
  async up(db: Kysely<unknown>) {
    await runStatements(db, statements);
  },
};
