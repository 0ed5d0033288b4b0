/**
 * Who may write each synced table, as the hub checks it on every push
 * (migrations/postgres/0010_push_roles.sql is seeded with exactly this; a
 * test compares the two). A device's outbox entry is accepted when the role
 * of the hub account that pushes it holds the permission of at least one of
 * its table's rules. A rule with `onlyColumns` covers only an update that
 * changes nothing but those columns: a patient merge re-points a clinical
 * record (`patient_id`) without the right to change what it says.
 *
 * Read off the operations that write each table (electron/services/*, the
 * contract's `access`), plus the writes a device makes by itself whoever is
 * signed in (`ANY_MEMBER`): the audit log, a sign-in's timestamp, rows moved
 * after a merge arrived (sync/engine/follow-merges.ts) and numbers reassigned
 * after a clash (sync/engine/number-clashes.ts).
 *
 * Data, not code: a new synced table adds its rules here and to a hub
 * migration; until it does, the hub refuses every push to it.
 *
 * @example
 *   TABLE_WRITE_RULES.consultation; // [{ permission: 'clinical.write', onlyColumns: null }, { permission: 'patients.merge', onlyColumns: ['patient_id', 'updated_at'] }, …]
 */
import type { Permission } from './roles';

/** Any active member of the practice, whatever the role: writes the device makes for everyone. */
export const ANY_MEMBER = 'any_member';
export type WriteRight = Permission | typeof ANY_MEMBER;

export interface TableWriteRule {
  permission: WriteRight;
  /** Null: the whole row, insert or update. Otherwise an update of these columns only (`updated_at` included). */
  onlyColumns: readonly string[] | null;
}

const full = (permission: WriteRight): TableWriteRule => ({ permission, onlyColumns: null });
// Every update moves updated_at (electron/db/synced-rows.ts), so it is part of every column-limited rule.
const only = (permission: WriteRight, ...columns: string[]): TableWriteRule => ({ permission, onlyColumns: [...columns, 'updated_at'] });

/** A patient merge (patients.merge), and every device following a merge it pulled, re-point the patient's rows. */
const followsMerges = [only('patients.merge', 'patient_id'), only(ANY_MEMBER, 'patient_id')];

export const TABLE_WRITE_RULES: Readonly<Record<string, readonly TableWriteRule[]>> = {
  // First-run setup creates it (its administrator holds everything); the desk's waiting alert is reception setup.
  practice: [full('practice.manage'), only('reception.setup', 'waiting_alert_minutes')],
  // Signing in stamps last_sign_in_at for whoever signs in.
  app_user: [full('staff.manage'), only(ANY_MEMBER, 'last_sign_in_at')],
  practice_user: [full('staff.manage')],
  account: [full('patients.write')],
  patient: [
    full('patients.write'),
    full('patients.merge'), // the survivor takes the fields kept; the merged one points at it
    only(ANY_MEMBER, 'merged_into_id'), // redirect chains shortened after a pull
    only('clinical.write', 'behavioural_notes', 'notes'), // settling a clinical-text conflict
  ],
  emergency_contact: [full('patients.write'), ...followsMerges],
  medical_aid: [full('patients.write'), ...followsMerges],
  allergy: [full('patients.write'), ...followsMerges, only('clinical.write', 'notes')],
  medical_history: [full('clinical.write'), ...followsMerges],
  family_history: [full('clinical.write'), ...followsMerges],
  service_type: [full('reception.setup')],
  room: [full('reception.setup')],
  practitioner_profile: [full('reception.setup')],
  practitioner_service: [full('reception.setup')],
  recurrence: [full('appointments.write')],
  appointment: [
    full('appointments.write'),
    only('queue.move', 'status', 'status_changed_at'), // a visit finished or cancelled takes its appointment along
    only('payments.take', 'status', 'status_changed_at'), // the payment that settles a visit completes it
    only('conflicts.status', 'status'),
    only(ANY_MEMBER, 'booking_ref'), // a clashing booking reference renumbered after a pull
    ...followsMerges,
  ],
  visit: [
    full('appointments.write'),
    full('queue.move'),
    only('clinical.write', 'status', 'status_changed_at', 'called_at', 'started_at'), // starting a consultation calls the patient in
    only('payments.take', 'status', 'status_changed_at'),
    only('conflicts.status', 'status'),
    only(ANY_MEMBER, 'queue_number'), // a clashing queue number renumbered after a pull
    ...followsMerges,
  ],
  charge: [full('appointments.write'), ...followsMerges],
  payment: [full('payments.take'), full('payments.refund')],
  audit_log: [full(ANY_MEMBER)],
  duplicate_dismissal: [full('patients.merge')],
  lab_result: [full('clinical.write'), ...followsMerges],
  document: [full('clinical.write'), ...followsMerges],
  treatment_plan: [full('clinical.write'), only('conflicts.status', 'status'), ...followsMerges],
  treatment_plan_step: [full('clinical.write'), only('conflicts.status', 'status')],
  // Seeded with the practice's starter protocols when a consultation starts.
  protocol: [full('clinical.write')],
  consultation: [full('clinical.write'), ...followsMerges],
  vital_signs: [full('clinical.write'), ...followsMerges],
  consultation_diagnosis: [full('clinical.write'), ...followsMerges],
  consultation_procedure: [full('clinical.write'), ...followsMerges],
  consultation_addendum: [full('clinical.write')],
  // The starter catalogue is inserted (derived ids) by the first medications.search of any clinical.read user.
  medication: [full('clinical.read'), full('clinical.catalogue')],
  prescription: [full('clinical.write'), ...followsMerges],
  prescription_item: [full('clinical.write')],
  vaccination: [full('clinical.write'), ...followsMerges],
  practice_diagnosis_code: [full('clinical.catalogue')],
};

/** The rules as rows, in a fixed order: what hub.table_write_rule holds. */
export function tableWriteRuleRows(): { table: string; permission: WriteRight; onlyColumns: readonly string[] | null }[] {
  return Object.entries(TABLE_WRITE_RULES)
    .flatMap(([table, rules]) => rules.map((r) => ({ table, permission: r.permission, onlyColumns: r.onlyColumns })))
    .sort((a, b) => key(a).localeCompare(key(b)));
}

const key = (r: { table: string; permission: string; onlyColumns: readonly string[] | null }) =>
  `${r.table}|${r.permission}|${r.onlyColumns?.join(',') ?? ''}`;
