/**
 * The ICD-10-CM code search for the signed-in clinician's practice: the
 * practice's own usage ranks its frequent codes higher. Veterinary practices
 * call the same operation (their diagnoses may also be free text or their
 * own coded lists, which issue 5 adds beside it).
 */
import type { Icd10Hit } from '../../shared/api/icd10-types';
import { ensureIcd10Loaded } from '../db/icd10-load';
import { searchIcd10 } from '../db/icd10-search';
import type { LocalDatabase } from '../db/database';
import type { Actor } from './actor';

export function findDiagnosisCodes(db: LocalDatabase, actor: Actor, input: { query: string; limit: number }): Icd10Hit[] {
  // The first search after install or an upgrade loads the shipped set (seconds, once); later ones return at once.
  ensureIcd10Loaded(db);
  return searchIcd10(db, actor.practiceId, input.query, input.limit);
}
