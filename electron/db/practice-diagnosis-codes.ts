/**
 * The practice's own diagnosis list and how often this desk codes each
 * entry. Ids are derived from practice and code, so the same code added on
 * two desks while apart is one row after sync.
 */
import { sql } from 'kysely';
import type { DiagnosisCodeView } from '../../shared/api/diagnosis-code-types';
import { splitSynonyms } from '../../shared/clinical/practice-code-match';
import type { LocalDatabase } from './database';
import { derivedRowId } from './derived-id';
import type { PracticeDiagnosisCodeTable } from './schema-consultations';

export function practiceDiagnosisCodeId(practiceId: string, code: string): string {
  return derivedRowId('practice_diagnosis_code', practiceId, code);
}

export function toDiagnosisCodeView(row: PracticeDiagnosisCodeTable): DiagnosisCodeView {
  return {
    id: row.id,
    code: row.code,
    description: row.description,
    species: JSON.parse(row.species) as string[],
    synonyms: splitSynonyms(row.synonyms),
    isActive: row.is_active === 1,
  };
}

export function findDiagnosisCodeRow(db: LocalDatabase, practiceId: string, id: string): PracticeDiagnosisCodeTable | undefined {
  return db.first(
    db.kysely.selectFrom('practice_diagnosis_code').selectAll().where('id', '=', id).where('practice_id', '=', practiceId).where('deleted_at', 'is', null),
  );
}

/** The whole list (or its active part), by code. */
export function diagnosisCodeRows(db: LocalDatabase, practiceId: string, includeRetired: boolean): PracticeDiagnosisCodeTable[] {
  let query = db.kysely.selectFrom('practice_diagnosis_code').selectAll().where('practice_id', '=', practiceId).where('deleted_at', 'is', null);
  if (!includeRetired) query = query.where('is_active', '=', 1);
  return db.all(query.orderBy('code'));
}

/** One more use of a code by this desk; inside the diagnosis write's transaction. */
export function recordPracticeCodeUse(db: LocalDatabase, practiceId: string, code: string): void {
  db.run(
    db.kysely
      .insertInto('practice_diagnosis_usage')
      .values({ practice_id: practiceId, code, uses: 1, last_used_at: db.isoNow() })
      .onConflict((oc) =>
        oc.columns(['practice_id', 'code']).doUpdateSet({ uses: sql<number>`uses + 1`, last_used_at: sql<string>`excluded.last_used_at` }),
      ),
  );
}

export function practiceCodeUsage(db: LocalDatabase, practiceId: string): Map<string, number> {
  const rows = db.all(db.kysely.selectFrom('practice_diagnosis_usage').select(['code', 'uses']).where('practice_id', '=', practiceId));
  return new Map(rows.map((r) => [r.code, r.uses]));
}
