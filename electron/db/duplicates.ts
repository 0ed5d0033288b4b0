/**
 * Likely duplicates of a patient about to be registered: the same phone
 * (patient's own or the account holder's), the same microchip, the same ID
 * number, or the same name and date of birth. Each test is one index lookup.
 */
import type { DuplicateCandidate, DuplicateReason } from '../../shared/api/types';
import { phoneDigits } from '../../shared/domain/phone';
import type { LocalDatabase } from './database';
import { loadHits } from './patient-search';
import { displayName } from './patients';

export interface DuplicateProbe {
  firstName: string;
  lastName?: string | null | undefined;
  dateOfBirth?: string | null | undefined;
  phones: string[];
  microchipNumber?: string | null | undefined;
  idNumber?: string | null | undefined;
  excludePatientId?: string | undefined;
}

const MIN_PHONE_DIGITS = 6;
const MAX_CANDIDATES = 20;

export function findLikelyDuplicates(db: LocalDatabase, practiceId: string, probe: DuplicateProbe): DuplicateCandidate[] {
  const reasons = new Map<string, Set<DuplicateReason>>();
  const add = (ids: { id: string }[], reason: DuplicateReason) => {
    for (const { id } of ids) {
      if (id === probe.excludePatientId) continue;
      if (!reasons.has(id)) reasons.set(id, new Set());
      reasons.get(id)!.add(reason);
    }
  };
  const live = db.kysely.selectFrom('patient as p').select('p.id').where('p.practice_id', '=', practiceId).where('p.deleted_at', 'is', null);

  const phones = [...new Set(probe.phones.map(phoneDigits).filter((d) => d.length >= MIN_PHONE_DIGITS))];
  if (phones.length > 0) {
    // Three index lookups, not one OR: SQLite would scan the practice's accounts for the OR.
    add(db.all(live.where('p.phone', 'is not', null).where('p.phone_digits', 'in', phones).limit(MAX_CANDIDATES)), 'phone');
    const onAccounts = db.kysely
      .selectFrom('account as a')
      .innerJoin('patient as p', 'p.account_id', 'a.id')
      .select('p.id')
      .where('a.practice_id', '=', practiceId)
      .where('a.deleted_at', 'is', null)
      .where('p.deleted_at', 'is', null)
      .limit(MAX_CANDIDATES);
    add(db.all(onAccounts.where('a.phone_primary_digits', 'in', phones)), 'phone');
    add(db.all(onAccounts.where('a.phone_secondary', 'is not', null).where('a.phone_secondary_digits', 'in', phones)), 'phone');
  }
  const chip = probe.microchipNumber?.trim();
  if (chip) add(db.all(live.where('p.microchip_number', '=', chip).limit(MAX_CANDIDATES)), 'microchip');
  const idNumber = probe.idNumber?.trim();
  if (idNumber) add(db.all(live.where('p.id_number', '=', idNumber).limit(MAX_CANDIDATES)), 'idNumber');

  const first = probe.firstName.trim().toLowerCase();
  if (first && probe.dateOfBirth) {
    const sameNameAndBirth = db.all(
      db.kysely
        .selectFrom('patient as p')
        .innerJoin('account as a', 'a.id', 'p.account_id')
        .select(['p.id', 'p.last_name', 'a.last_name as account_last'])
        .where('p.practice_id', '=', practiceId)
        .where((eb) => eb(eb.fn('lower', ['p.first_name']), '=', first))
        .where('p.date_of_birth', '=', probe.dateOfBirth)
        .where('p.deleted_at', 'is', null)
        .limit(MAX_CANDIDATES),
    );
    const last = probe.lastName?.trim().toLowerCase();
    add(
      sameNameAndBirth.filter((r) => !last || (r.last_name ?? r.account_last).toLowerCase() === last),
      'nameAndDateOfBirth',
    );
  }

  return loadHits(db, [...reasons.keys()].slice(0, MAX_CANDIDATES)).map((row) => ({
    patientId: row.id,
    displayName: displayName(row, row.account_last),
    accountName: `${row.account_first} ${row.account_last}`,
    dateOfBirth: row.date_of_birth,
    phone: row.patient_phone ?? row.account_phone,
    reasons: [...reasons.get(row.id)!],
  }));
}
