/**
 * How each synced table merges (ARCHITECTURE §4, "Merge rules by table
 * class"). Every table migrations 0001–0003 put capture triggers on is here,
 * listed parents first so that applying a page writes parents before their
 * children (the retry in apply.ts covers whatever order still fails).
 *
 * - `row`: per-column last-writer-wins by HLC, except the columns named in
 *   `status` (merged to the furthest legal state) and `clinicalText`.
 * - `ledger`: append-only; the insert is the row, never updated.
 *
 * @example
 *   tableRule('visit'); // { table: 'visit', kind: 'row', status: { status: visitStatus }, … }
 *   columnMerge(tableRule('medical_history')!, 'notes'); // 'clinical-text'
 */
import { consultationStatus } from '../../shared/domain/consultation-status';
import { prescriptionStatus } from '../../shared/domain/prescription-status';
import { appointmentStatus, visitStatus } from '../../shared/domain/reception-status';
import type { StatusMachine } from '../../shared/domain/status-machine';
import { planStepStatus, treatmentPlanStatus } from '../../shared/clinical/treatment-plan-status';

export type TableKind = 'row' | 'ledger';

export interface TableRule {
  table: string;
  kind: TableKind;
  /** Status columns and the machine that merges them. */
  status: Readonly<Record<string, StatusMachine<string>>>;
  /**
   * EXTENSION POINT (clinical free text, a later issue): columns whose
   * concurrent edits must keep both versions and raise a conflict for a
   * clinician (see `textState` in sync/merge/column-merge.ts). Until the
   * text-version ledger exists they merge last-writer-wins like any column.
   */
  clinicalText: readonly string[];
  /**
   * A status value that seals the clinical text (a signed consultation):
   * once the row's merged status is it, each text column shows the newest
   * standing version written by a sealing change (the signature restates
   * the text it signed), not a concurrent edit with a later clock. The edit
   * stays a head of the column's conflict, never lost.
   */
  sealedBy?: { column: string; value: string };
}

const row = (table: string, extra: Partial<Pick<TableRule, 'status' | 'clinicalText' | 'sealedBy'>> = {}): TableRule => ({
  table,
  kind: 'row',
  status: extra.status ?? {},
  clinicalText: extra.clinicalText ?? [],
  ...(extra.sealedBy ? { sealedBy: extra.sealedBy } : {}),
});
const ledger = (table: string): TableRule => ({ table, kind: 'ledger', status: {}, clinicalText: [] });

/** Parents before children (foreign keys point up this list). */
export const TABLE_RULES: readonly TableRule[] = [
  row('practice'),
  row('app_user'),
  row('practice_user'),
  row('account'),
  row('patient', { clinicalText: ['behavioural_notes', 'notes'] }),
  row('emergency_contact'),
  row('medical_aid'),
  row('allergy', { clinicalText: ['notes'] }),
  row('medical_history', { clinicalText: ['notes'] }),
  row('family_history', { clinicalText: ['notes'] }),
  row('service_type'),
  row('room'),
  row('practitioner_profile'),
  row('practitioner_service'),
  row('recurrence'),
  row('appointment', { status: { status: appointmentStatus } }),
  row('visit', { status: { status: visitStatus } }),
  row('charge'),
  ledger('payment'),
  ledger('audit_log'),
  row('duplicate_dismissal'),
  row('lab_result'),
  row('document'),
  row('treatment_plan', { status: { status: treatmentPlanStatus }, clinicalText: ['description'] }),
  row('treatment_plan_step', { status: { status: planStepStatus } }),
  row('protocol'),
  row('consultation', {
    status: { status: consultationStatus },
    clinicalText: ['chief_complaint', 'subjective', 'objective', 'assessment', 'plan'],
    sealedBy: { column: 'status', value: 'signed' },
  }),
  row('vital_signs'),
  row('practice_diagnosis_code'),
  row('consultation_diagnosis'),
  row('consultation_procedure'),
  ledger('consultation_addendum'),
  row('medication'),
  row('prescription', { status: { status: prescriptionStatus } }),
  row('prescription_item'),
  row('vaccination'),
];

const byTable = new Map(TABLE_RULES.map((rule, rank) => [rule.table, { rule, rank }]));

export const SYNCED_TABLE_NAMES: readonly string[] = TABLE_RULES.map((r) => r.table);

export function tableRule(table: string): TableRule | undefined {
  return byTable.get(table)?.rule;
}

/** Position in the parents-first order. */
export function tableRank(table: string): number {
  return byTable.get(table)?.rank ?? TABLE_RULES.length;
}

export type ColumnMerge = 'lww' | 'status' | 'clinical-text';

export function columnMerge(rule: TableRule, column: string): ColumnMerge {
  if (column in rule.status) return 'status';
  if (rule.clinicalText.includes(column)) return 'clinical-text';
  return 'lww';
}
