/**
 * The duplicates list and patient merge (ARCHITECTURE §4, "uniqueness across
 * devices … surfaced as duplicates to merge, never a failed sync").
 *
 * A merge is one transaction: the survivor takes the chosen values, every
 * row of the merged patient moves to the survivor (ordinary synced updates,
 * so every device sees the same moves), the merged patient becomes a
 * redirect (`merged_into_id`), and the audit log keeps both ids and the
 * choices. Rows a desk adds for the merged patient before it hears of the
 * merge are moved when it does (followMerges, run after every sync apply).
 */
import type { DuplicatePair, DuplicatePatientSummary, MergeComparison, MergeResult, MergeSide } from '../../shared/api/duplicate-types';
import { t } from '../../shared/i18n';
import { MERGE_FIELDS, type MergePatientsInput } from '../../shared/schemas/duplicates';
import { patientFields } from '../../shared/schemas/patient';
import { appendAudit } from '../db/audit-log';
import { toRow } from '../db/case';
import type { LocalDatabase } from '../db/database';
import { dismissPair, findDuplicatePairs } from '../db/duplicate-pairs';
import { loadHits } from '../db/patient-search';
import { markMerged, patientsMergedInto, recordCounts, repointChildren } from '../db/patient-merge';
import * as patients from '../db/patients';
import type { PatientTable } from '../db/schema';
import type { Actor } from './actor';
import { changedFields } from './diff';
import { conflict, notFound, validationError } from './errors';
import { applyPracticeRules } from './patient-rules';

/** Most pairs one list shows; a practice with more works through them page by page as it merges. */
const MAX_PAIRS = 500;

export function listDuplicates(db: LocalDatabase, actor: Actor): DuplicatePair[] {
  const pairs = findDuplicatePairs(db, actor.practiceId).slice(0, MAX_PAIRS);
  const hits = new Map(loadHits(db, [...new Set(pairs.flatMap((p) => [p.patientA, p.patientB]))]).map((h) => [h.id, h]));
  const summary = (id: string): DuplicatePatientSummary | null => {
    const h = hits.get(id);
    if (!h) return null;
    return {
      patientId: h.id,
      displayName: patients.displayName(h, h.account_last),
      accountName: `${h.account_first} ${h.account_last}`,
      species: h.species,
      dateOfBirth: h.date_of_birth,
      microchipNumber: h.microchip_number,
      phone: h.patient_phone ?? h.account_phone,
    };
  };
  return pairs.flatMap((p) => {
    const a = summary(p.patientA);
    const b = summary(p.patientB);
    return a && b ? [{ id: p.id, patientA: a, patientB: b, reasons: p.reasons }] : [];
  });
}

/** A live, unmerged patient of the actor's practice, or a not-found / conflict error. */
function requireMergeable(db: LocalDatabase, actor: Actor, patientId: string): PatientTable {
  const row = patients.findPatientRow(db, actor.practiceId, patientId);
  if (!row) throw notFound('Patient');
  if (row.merged_into_id !== null) throw conflict('err.mergedPatient');
  return row;
}

export function dismissDuplicate(db: LocalDatabase, actor: Actor, input: { patientAId: string; patientBId: string }): { id: string } {
  return db.transaction(actor.userId, () => {
    requireMergeable(db, actor, input.patientAId);
    requireMergeable(db, actor, input.patientBId);
    const id = dismissPair(db, actor.practiceId, input.patientAId, input.patientBId, actor.userId);
    appendAudit(db, {
      practiceId: actor.practiceId,
      userId: actor.userId,
      action: 'create',
      entityType: 'duplicate_dismissal',
      entityId: id,
      patientId: input.patientAId,
      after: { patientAId: input.patientAId, patientBId: input.patientBId },
    });
    return { id };
  });
}

function sideOf(db: LocalDatabase, actor: Actor, row: PatientTable): MergeSide {
  const account = patients.findAccountRow(db, actor.practiceId, row.account_id)!;
  return {
    patient: patients.toPatient(row),
    account: patients.toAccount(account),
    displayName: patients.displayName(row, account.last_name),
    counts: recordCounts(db, row.id),
  };
}

const fieldOf = (row: PatientTable, field: (typeof MERGE_FIELDS)[number]) =>
  (patients.toPatient(row) as unknown as Record<string, unknown>)[field] ?? null;

export function compareForMerge(db: LocalDatabase, actor: Actor, input: { patientAId: string; patientBId: string }): MergeComparison {
  const a = requireMergeable(db, actor, input.patientAId);
  const b = requireMergeable(db, actor, input.patientBId);
  return {
    a: sideOf(db, actor, a),
    b: sideOf(db, actor, b),
    differing: MERGE_FIELDS.filter((f) => fieldOf(a, f) !== fieldOf(b, f)),
  };
}

export function mergePatients(db: LocalDatabase, actor: Actor, input: MergePatientsInput): MergeResult {
  return db.transaction(actor.userId, () => {
    const survivor = requireMergeable(db, actor, input.survivorId);
    const merged = requireMergeable(db, actor, input.mergedId);
    if (survivor.kind !== merged.kind) throw validationError({ mergedId: t('err.mergeSame') });

    const chosen = Object.fromEntries(
      MERGE_FIELDS.map((f) => [f, fieldOf(input.keep[f] === 'merged' ? merged : survivor, f)]),
    ) as Record<(typeof MERGE_FIELDS)[number], unknown>;
    const { accountId, ...fields } = chosen;
    const parsed = patientFields.safeParse(fields);
    if (!parsed.success) throw validationError({ keep: parsed.error.issues[0]?.message ?? t('err.validation') });
    const kept = applyPracticeRules(actor.practice, parsed.data, 'keep');
    if (!patients.findAccountRow(db, actor.practiceId, accountId as string)) throw notFound('Account');

    const survivorRow = { ...toRow(kept), account_id: accountId as string };
    const diff = changedFields(survivor, survivorRow);
    if (Object.keys(diff.after).length > 0) patients.updatePatientRow(db, survivor.id, survivorRow);
    const moved = repointChildren(db, merged.id, survivor.id);
    // Patients merged into this one earlier now redirect straight to the survivor.
    const redirected = patientsMergedInto(db, merged.id);
    for (const id of redirected) markMerged(db, id, survivor.id);
    markMerged(db, merged.id, survivor.id);

    const record = { survivorId: survivor.id, mergedId: merged.id, keep: input.keep, moved, redirected };
    const audit = (patientId: string, before: unknown, after: unknown) =>
      appendAudit(db, { practiceId: actor.practiceId, userId: actor.userId, action: 'update', entityType: 'patient_merge', entityId: merged.id, patientId, before, after });
    audit(survivor.id, { survivor: diff.before }, { ...record, survivor: diff.after });
    audit(merged.id, { merged: patients.toPatient(merged) }, record);
    return { survivorId: survivor.id, mergedId: merged.id, moved };
  });
}
