/**
 * Patient merge in the data layer: which rows point at a patient, moving
 * them to the survivor with ordinary synced updates, and following the
 * redirect a merged patient leaves behind (`patient.merged_into_id`).
 *
 * Ledgers (payment, audit_log) are append-only and keep the merged
 * patient's id; whoever reads them follows the redirect (`survivorOf`).
 */
import { sql } from 'kysely';
import type { LocalDatabase } from './database';
import type { SyncedTable } from './synced-rows';
import { updateSynced } from './synced-rows';

/** Every updatable synced table with a `patient_id` (foreign keys to patient.id in migrations/sqlite). */
export const PATIENT_CHILD_TABLES = [
  'emergency_contact',
  'medical_aid',
  'allergy',
  'medical_history',
  'family_history',
  'appointment',
  'visit',
  'charge',
  // The clinical record (0011–0014): what it says stays frozen, whom it is filed under follows the merge.
  'consultation',
  'vital_signs',
  'consultation_diagnosis',
  'consultation_procedure',
  'prescription',
  'vaccination',
  'lab_result',
  'document',
  'treatment_plan',
] as const satisfies readonly SyncedTable[];
export type PatientChildTable = (typeof PATIENT_CHILD_TABLES)[number];

/** What the side-by-side view counts per patient (ledgers included: they are counted, not moved). */
export interface PatientRecordCounts {
  appointments: number;
  visits: number;
  allergies: number;
  medicalHistory: number;
  familyHistory: number;
  emergencyContacts: number;
  medicalAid: number;
  charges: number;
  payments: number;
}

const COUNTED = {
  appointments: 'appointment',
  visits: 'visit',
  allergies: 'allergy',
  medicalHistory: 'medical_history',
  familyHistory: 'family_history',
  emergencyContacts: 'emergency_contact',
  medicalAid: 'medical_aid',
  charges: 'charge',
} as const satisfies Record<Exclude<keyof PatientRecordCounts, 'payments'>, PatientChildTable>;

export function recordCounts(db: LocalDatabase, patientId: string): PatientRecordCounts {
  const counts = {} as PatientRecordCounts;
  for (const [key, table] of Object.entries(COUNTED) as [keyof typeof COUNTED, PatientChildTable][]) {
    counts[key] = liveChildIds(db, table, patientId).length;
  }
  counts.payments =
    db.first(
      db.kysely.selectFrom('payment').select((eb) => eb.fn.countAll<number>().as('n')).where('patient_id', '=', patientId),
    )?.n ?? 0;
  return counts;
}

function liveChildIds(db: LocalDatabase, table: PatientChildTable, patientId: string): string[] {
  const rows = db.all(
    db.kysely
      .selectFrom(table)
      .select('id')
      .where('patient_id', '=', patientId)
      .where('deleted_at', 'is', null)
      .orderBy('id'),
  );
  return rows.map((r) => r.id);
}

/** Move every live row of `fromId` to `toId`, one synced update each. Returns how many per table. */
export function repointChildren(db: LocalDatabase, fromId: string, toId: string): Record<PatientChildTable, number> {
  const moved = {} as Record<PatientChildTable, number>;
  for (const table of PATIENT_CHILD_TABLES) {
    const ids = liveChildIds(db, table, fromId);
    for (const id of ids) updateSynced(db, table, id, { patient_id: toId });
    moved[table] = ids.length;
  }
  return moved;
}

/** Patients merged into `survivorId` (directly), the redirects that lead to it. */
export function patientsMergedInto(db: LocalDatabase, survivorId: string): string[] {
  return db
    .all(db.kysely.selectFrom('patient').select('id').where('merged_into_id', '=', survivorId).orderBy('id'))
    .map((r) => r.id);
}

/** The patient and every patient merged into it, however many merges back: whose ledger rows are its own. */
export function patientAndMerged(db: LocalDatabase, patientId: string): string[] {
  const all = [patientId];
  for (let i = 0; i < all.length; i++) {
    for (const id of patientsMergedInto(db, all[i]!)) if (!all.includes(id)) all.push(id);
  }
  return all;
}

export function markMerged(db: LocalDatabase, mergedId: string, survivorId: string | null): boolean {
  return updateSynced(db, 'patient', mergedId, { merged_into_id: survivorId });
}

/**
 * The patient a (possibly merged) id stands for now: the end of its
 * redirect chain. Two desks merging A into B and B into A while apart leave
 * a cycle; every node breaks it the same way (the smallest id in the cycle
 * is the survivor), so all of them resolve every id alike.
 */
export function survivorOf(db: LocalDatabase, patientId: string): string {
  const seen: string[] = [];
  let current = patientId;
  for (;;) {
    const row = db.first(db.kysely.selectFrom('patient').select('merged_into_id').where('id', '=', current));
    const next = row?.merged_into_id ?? null;
    if (next === null) return current;
    seen.push(current);
    if (seen.includes(next)) {
      const cycle = seen.slice(seen.indexOf(next));
      return cycle.reduce((min, id) => (id < min ? id : min));
    }
    current = next;
  }
}

/** Rows still pointing at a merged patient: late arrivals from a desk that had not heard of the merge. */
function strandedChildren(db: LocalDatabase, table: PatientChildTable): { id: string; patient_id: string }[] {
  // The table name comes from PATIENT_CHILD_TABLES, never from input.
  // CROSS JOIN keeps the merged patients (the patient_merged_into partial index) as the outer loop,
  // reaching each child table through its patient_id index; ordered by id here, since
  // ORDER BY c.id let the planner walk the whole child table in id order instead.
  const rows = db.all(
    sql<{ id: string; patient_id: string }>`
      SELECT c.id, c.patient_id FROM patient m CROSS JOIN ${sql.table(table)} c
      WHERE m.merged_into_id IS NOT NULL AND c.patient_id = m.id AND c.deleted_at IS NULL`.compile(db.kysely),
  );
  return rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface FollowedMerges {
  /** Merged patients whose redirect was shortened (a chain) or cleared (the survivor of a cycle). */
  redirects: { patientId: string; from: string | null; to: string | null }[];
  /** Rows moved to their patient's survivor. */
  moved: { table: PatientChildTable; id: string; from: string; to: string }[];
}

/**
 * Bring this device's rows in line with every merge it knows of: redirects
 * point straight at a survivor, and rows that arrived for a merged patient
 * move to its survivor. What is written depends only on the merged patients'
 * state, so every node writes the same values (last-writer-wins then keeps
 * them equal whoever's write wins); a node with nothing stranded writes
 * nothing. Call inside a transaction.
 */
export function followMerges(db: LocalDatabase): FollowedMerges {
  const followed: FollowedMerges = { redirects: [], moved: [] };
  // Sorted here, not by ORDER BY id: that made the planner scan every patient in id order
  // rather than read the patient_merged_into partial index (every applied page asks).
  const merged = db
    .all(db.kysely.selectFrom('patient').select(['id', 'merged_into_id']).where('merged_into_id', 'is not', null))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (merged.length === 0) return followed;
  const target = new Map(merged.map((p) => [p.id, survivorOf(db, p.id)]));
  for (const p of merged) {
    const root = target.get(p.id)!;
    const wanted = root === p.id ? null : root;
    if (wanted !== p.merged_into_id) followed.redirects.push({ patientId: p.id, from: p.merged_into_id, to: wanted });
  }
  for (const r of followed.redirects) markMerged(db, r.patientId, r.to);
  for (const table of PATIENT_CHILD_TABLES) {
    for (const row of strandedChildren(db, table)) {
      const to = target.get(row.patient_id) ?? survivorOf(db, row.patient_id);
      if (to === row.patient_id) continue;
      updateSynced(db, table, row.id, { patient_id: to });
      followed.moved.push({ table, id: row.id, from: row.patient_id, to });
    }
  }
  return followed;
}
