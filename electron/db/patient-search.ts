/**
 * Finding a patient by any part of their name, the account holder's name,
 * a phone number, an ID or microchip number. Two index lookups, merged:
 * a name-prefix range scan (works from the first letter) and the FTS5
 * trigram index (any substring of three or more characters).
 */
import { sql } from 'kysely';
import type { PatientSearchHit } from '../../shared/api/types';
import type { LocalDatabase } from './database';
import { displayName } from './patients';

const FTS_CANDIDATES = 200;
const byName = new Intl.Collator('en', { sensitivity: 'base' });
const PHONE_LIKE = /^[+(\d][\d\s()\-.]*$/;

interface SearchTerms {
  whole: string;
  long: string[];
  short: string[];
}

export function searchTerms(query: string): SearchTerms {
  const whole = query.trim().toLowerCase().replace(/\s+/g, ' ');
  if (PHONE_LIKE.test(whole) && /\d/.test(whole)) {
    const digits = whole.replace(/\D/g, '');
    return { whole: digits, long: digits.length >= 3 ? [digits] : [], short: digits.length >= 3 ? [] : [digits] };
  }
  const tokens = whole.split(' ').filter(Boolean);
  return { whole, long: tokens.filter((t) => t.length >= 3), short: tokens.filter((t) => t.length < 3) };
}

const ftsPhrase = (token: string) => `"${token.replace(/"/g, '""')}"`;

function prefixCandidates(db: LocalDatabase, practiceId: string, prefix: string, limit: number): string[] {
  const upper = `${prefix}\uffff`;
  const byLast = db.all(
    db.kysely
      .selectFrom('patient_search_doc')
      .select('patient_id')
      .where('practice_id', '=', practiceId)
      .where('last_key', '>=', prefix)
      .where('last_key', '<', upper)
      .orderBy('last_key')
      .limit(limit),
  );
  const byFirst = db.all(
    db.kysely
      .selectFrom('patient_search_doc')
      .select('patient_id')
      .where('practice_id', '=', practiceId)
      .where('first_key', '>=', prefix)
      .where('first_key', '<', upper)
      .orderBy('first_key')
      .limit(limit),
  );
  return [...byLast, ...byFirst].map((r) => r.patient_id);
}

function substringCandidates(db: LocalDatabase, practiceId: string, terms: SearchTerms, limit: number): string[] {
  const match = terms.long.map(ftsPhrase).join(' AND ');
  const rows = db.all(
    db.kysely
      .selectFrom('patient_search as s')
      .innerJoin('patient_search_doc as d', 'd.doc_id', 's.rowid')
      .select(['d.patient_id', 'd.body'])
      .where(sql<boolean>`s.patient_search MATCH ${match}`)
      .where('d.practice_id', '=', practiceId)
      .limit(limit),
  );
  return rows.filter((r) => terms.short.every((s) => r.body.includes(s))).map((r) => r.patient_id);
}

interface HitRow {
  id: string;
  kind: 'human' | 'animal';
  first_name: string;
  last_name: string | null;
  species: string | null;
  breed: string | null;
  sex: string;
  date_of_birth: string | null;
  approximate_age: string | null;
  status: string;
  microchip_number: string | null;
  id_number: string | null;
  patient_phone: string | null;
  alerts: string | null;
  account_id: string;
  account_first: string;
  account_last: string;
  account_phone: string;
  account_alerts: string | null;
}

export function loadHits(db: LocalDatabase, patientIds: string[]): HitRow[] {
  if (patientIds.length === 0) return [];
  return db.all(
    db.kysely
      .selectFrom('patient as p')
      .innerJoin('account as a', 'a.id', 'p.account_id')
      .select([
        'p.id',
        'p.kind',
        'p.first_name',
        'p.last_name',
        'p.species',
        'p.breed',
        'p.sex',
        'p.date_of_birth',
        'p.approximate_age',
        'p.status',
        'p.microchip_number',
        'p.id_number',
        'p.phone as patient_phone',
        'p.alerts',
        'a.id as account_id',
        'a.first_name as account_first',
        'a.last_name as account_last',
        'a.phone_primary as account_phone',
        'a.alerts as account_alerts',
      ])
      .where('p.id', 'in', patientIds)
      .where('p.deleted_at', 'is', null)
      // Merged patients are redirects to their survivor: never a hit of their own.
      .where('p.merged_into_id', 'is', null),
  );
}

function toHit(row: HitRow): PatientSearchHit {
  return {
    patientId: row.id,
    kind: row.kind,
    displayName: displayName(row, row.account_last),
    species: row.species,
    breed: row.breed,
    sex: row.sex,
    dateOfBirth: row.date_of_birth,
    approximateAge: row.approximate_age,
    status: row.status,
    microchipNumber: row.microchip_number,
    idNumber: row.id_number,
    accountId: row.account_id,
    accountName: `${row.account_first} ${row.account_last}`,
    phone: row.patient_phone ?? row.account_phone,
    hasAlerts: Boolean(row.alerts || row.account_alerts),
  };
}

/** Best first: names that start with the query, then active patients, then by name. */
function rank(hit: PatientSearchHit, whole: string): number {
  const name = hit.displayName.toLowerCase();
  const startsName = name.startsWith(whole) || name.split(/[\s(]+/).some((w) => w.startsWith(whole));
  return (startsName ? 0 : 2) + (hit.status === 'active' ? 0 : 1);
}

export function searchPatients(
  db: LocalDatabase,
  practiceId: string,
  query: string,
  limit: number,
  includeInactive: boolean,
): PatientSearchHit[] {
  const terms = searchTerms(query);
  if (!terms.whole) return [];
  const ids = new Set<string>(prefixCandidates(db, practiceId, terms.whole, limit));
  // Names starting with the query rank first; only when they do not fill the
  // page are substring matches worth loading (each loaded hit costs a join).
  if (terms.long.length > 0 && ids.size < limit) {
    const wanted = Math.min(FTS_CANDIDATES, (limit - ids.size) * 2);
    for (const id of substringCandidates(db, practiceId, terms, wanted)) ids.add(id);
  }
  const ranked = loadHits(db, [...ids])
    .map(toHit)
    .filter((h) => includeInactive || h.status === 'active')
    .map((hit) => ({ hit, rank: rank(hit, terms.whole) }));
  ranked.sort((a, b) => a.rank - b.rank || byName.compare(a.hit.displayName, b.hit.displayName));
  return ranked.slice(0, limit).map((r) => r.hit);
}
