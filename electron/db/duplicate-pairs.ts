/**
 * The duplicates list: pairs of live patients of a practice that look like
 * one patient registered twice (on one desk, or on two desks that synced).
 *
 * Each reason is a GROUP BY over one index (microchip, ID number, phone,
 * name and date of birth, first name within an account), keeping only keys
 * held by more than one patient; only those few patients are then read. So
 * a practice of 100k patients costs a handful of index scans, never a
 * comparison of every patient with every other.
 *
 * A pair's id is derived from the two patient ids (sorted), so every device
 * lists the same pair under the same id, and "not the same patient"
 * (`duplicate_dismissal`, keyed by that id) hides it everywhere.
 */
import { sql, type RawBuilder } from 'kysely';
import type { DuplicateReason } from '../../shared/api/types';
import type { LocalDatabase } from './database';
import { derivedRowId } from './derived-id';
import { insertSynced } from './synced-rows';

/** A key shared by more patients than this is a placeholder (a default date, "0000"), not a duplicate. */
export const MAX_GROUP = 25;
const MIN_PHONE_DIGITS = 6;

/** UUID-shaped (version 8: derived, not random) so it sits in any uuid column. */
export function duplicatePairId(patientA: string, patientB: string): string {
  const [a, b] = patientA < patientB ? [patientA, patientB] : [patientB, patientA];
  return derivedRowId('duplicate-pair', a, b);
}

export interface FoundPair {
  id: string;
  patientA: string;
  patientB: string;
  reasons: DuplicateReason[];
}

interface Member {
  id: string;
  key: string;
  kind: string;
  first: string;
  last: string;
  species: string | null;
  account_id: string;
}

/** What each keyed query selects of its patient `p`, so the members need no second read of the row. */
const MEMBER = sql.raw('p.id, p.kind, p.first_name, p.last_name, p.species, p.account_id, p.deleted_at, p.merged_into_id');

/** Live (not deleted, not merged) patients whose key is shared, with what the pair tests compare. */
function membersOf(db: LocalDatabase, keyed: RawBuilder<unknown>): Member[] {
  return db.all(
    sql<Member>`
    SELECT k.id, k.key, k.kind, lower(k.first_name) AS first, lower(coalesce(k.last_name, a.last_name)) AS last,
           k.species, k.account_id
    FROM (${keyed}) k
    CROSS JOIN account a ON a.id = k.account_id
    WHERE k.deleted_at IS NULL AND k.merged_into_id IS NULL`.compile(db.kysely),
  );
}

/** Keys held by several patients, per reason: each subquery reads one index. */
function keyedMembers(db: LocalDatabase, practiceId: string): { reason: DuplicateReason; members: Member[]; same: (a: Member, b: Member) => boolean }[] {
  const sameFirst = (a: Member, b: Member) => a.first === b.first;
  const microchip = sql`
    SELECT ${MEMBER}, p.microchip_number AS key FROM patient p
    WHERE p.practice_id = ${practiceId} AND p.microchip_number IN (
      SELECT microchip_number FROM patient WHERE practice_id = ${practiceId} AND microchip_number IS NOT NULL
      GROUP BY microchip_number HAVING count(*) > 1)`;
  const idNumber = sql`
    SELECT ${MEMBER}, p.id_number AS key FROM patient p
    WHERE p.practice_id = ${practiceId} AND p.id_number IN (
      SELECT id_number FROM patient WHERE practice_id = ${practiceId} AND id_number IS NOT NULL
      GROUP BY id_number HAVING count(*) > 1)`;
  const ownPhone = sql`
    SELECT ${MEMBER}, p.phone_digits AS key FROM patient p
    WHERE p.practice_id = ${practiceId} AND p.phone IS NOT NULL AND p.phone_digits IN (
      SELECT phone_digits FROM patient WHERE practice_id = ${practiceId} AND phone IS NOT NULL
      GROUP BY phone_digits HAVING count(*) > 1 AND length(phone_digits) >= ${MIN_PHONE_DIGITS})`;
  // Accounts sharing a phone (the owner registered twice), then their patients.
  const accountPhone = sql`
    SELECT ${MEMBER}, a.phone_primary_digits AS key FROM account a JOIN patient p ON p.account_id = a.id
    WHERE a.practice_id = ${practiceId} AND a.deleted_at IS NULL AND a.phone_primary_digits IN (
      SELECT phone_primary_digits FROM account WHERE practice_id = ${practiceId}
      GROUP BY phone_primary_digits HAVING count(*) > 1 AND length(phone_primary_digits) >= ${MIN_PHONE_DIGITS})`;
  // The same first name twice on one account (both desks added the pet to its known owner).
  // CROSS JOIN keeps SQLite driving from the few shared keys into the index.
  const sameAccount = sql`
    SELECT ${MEMBER}, p.account_id || '|' || lower(p.first_name) AS key
    FROM (SELECT account_id, first_name COLLATE NOCASE AS first FROM patient
          GROUP BY account_id, first_name COLLATE NOCASE HAVING count(*) > 1) g
    CROSS JOIN patient p ON p.account_id = g.account_id AND p.first_name = g.first COLLATE NOCASE
    WHERE p.practice_id = ${practiceId}`;
  const nameAndBirth = sql`
    SELECT ${MEMBER}, lower(p.first_name) || '|' || p.date_of_birth || '|' || coalesce(p.species, '') || '|' || coalesce(lower(p.last_name), '') AS key
    FROM (SELECT first_name COLLATE NOCASE AS first, date_of_birth, species, last_name COLLATE NOCASE AS last FROM patient
          WHERE practice_id = ${practiceId} AND date_of_birth IS NOT NULL
          GROUP BY first_name COLLATE NOCASE, date_of_birth, species, last_name COLLATE NOCASE HAVING count(*) > 1) g
    CROSS JOIN patient p ON p.practice_id = ${practiceId} AND p.date_of_birth IS NOT NULL AND p.first_name = g.first COLLATE NOCASE
      AND p.date_of_birth = g.date_of_birth AND p.species IS g.species AND p.last_name IS g.last COLLATE NOCASE`;
  return [
    { reason: 'microchip', members: membersOf(db, microchip), same: () => true },
    { reason: 'idNumber', members: membersOf(db, idNumber), same: () => true },
    { reason: 'phone', members: membersOf(db, ownPhone), same: sameFirst },
    { reason: 'phone', members: membersOf(db, accountPhone), same: sameFirst },
    { reason: 'phone', members: membersOf(db, sameAccount), same: sameFirst },
    {
      reason: 'nameAndDateOfBirth',
      members: membersOf(db, nameAndBirth),
      // Species and the patient's own surname are in the key. An animal's surname is its
      // owner's: without it, a practice of 100k pets pairs thousands of same-named,
      // same-birthday animals of different owners (measured on the seeded practice).
      same: (a, b) => a.kind === b.kind && a.last === b.last,
    },
  ];
}

/** Every candidate pair of the practice not dismissed, reasons merged per pair, in a stable order. */
export function findDuplicatePairs(db: LocalDatabase, practiceId: string): FoundPair[] {
  const pairs = new Map<string, FoundPair>();
  for (const { reason, members, same } of keyedMembers(db, practiceId)) {
    const groups = new Map<string, Member[]>();
    for (const m of members) {
      const group = groups.get(m.key);
      if (group) group.push(m);
      else groups.set(m.key, [m]);
    }
    for (const group of groups.values()) {
      if (group.length < 2 || group.length > MAX_GROUP) continue;
      group.sort((x, y) => (x.id < y.id ? -1 : 1));
      for (let i = 0; i < group.length; i++) {
        for (let j = i + 1; j < group.length; j++) {
          const a = group[i]!;
          const b = group[j]!;
          if (a.id === b.id || !same(a, b)) continue;
          const id = duplicatePairId(a.id, b.id);
          const pair = pairs.get(id) ?? { id, patientA: a.id, patientB: b.id, reasons: [] };
          if (!pair.reasons.includes(reason)) pair.reasons.push(reason);
          pairs.set(id, pair);
        }
      }
    }
  }
  const dismissed = dismissedPairIds(db, practiceId);
  return [...pairs.values()].filter((p) => !dismissed.has(p.id)).sort((x, y) => (x.id < y.id ? -1 : 1));
}

function dismissedPairIds(db: LocalDatabase, practiceId: string): Set<string> {
  const rows = db.all(
    db.kysely.selectFrom('duplicate_dismissal').select('id').where('practice_id', '=', practiceId).where('deleted_at', 'is', null),
  );
  return new Set(rows.map((r) => r.id));
}

/** "Not the same patient": one synced row per pair, the same id on every desk. */
export function dismissPair(db: LocalDatabase, practiceId: string, patientA: string, patientB: string, userId: string): string {
  const [a, b] = patientA < patientB ? [patientA, patientB] : [patientB, patientA];
  const id = duplicatePairId(a, b);
  const existing = db.first(db.kysely.selectFrom('duplicate_dismissal').select('id').where('id', '=', id));
  if (!existing) insertSynced(db, 'duplicate_dismissal', practiceId, { patient_a_id: a, patient_b_id: b, dismissed_by: userId }, id);
  return id;
}
