/** Lab results on a chart: written once, corrected by a new row (migration 0013). */
import type { LabResultView } from '../../shared/api/clinical-record-types';
import { fromRow } from './case';
import type { LocalDatabase } from './database';
import type { LabResultTable } from './schema-results-documents-plans';
import { insertSynced } from './synced-rows';

/** What a new result row holds: the table's columns less the ones every synced row gets. */
export type LabResultRow = Omit<LabResultTable, 'id' | 'practice_id' | 'created_at' | 'updated_at' | 'deleted_at'>;

export function insertLabResult(db: LocalDatabase, practiceId: string, row: LabResultRow): string {
  return insertSynced(db, 'lab_result', practiceId, { ...row });
}

export function findLabResult(db: LocalDatabase, practiceId: string, id: string): (LabResultRow & { id: string }) | undefined {
  return db.first(
    db.kysely.selectFrom('lab_result').selectAll().where('id', '=', id).where('practice_id', '=', practiceId).where('deleted_at', 'is', null),
  );
}

/** Newest first; each with the id of the result that corrects it, if any. */
export function listLabResults(db: LocalDatabase, practiceId: string, patientId: string): LabResultView[] {
  const rows = db.all(
    db.kysely
      .selectFrom('lab_result as r')
      .selectAll('r')
      .select((eb) =>
        eb
          .selectFrom('lab_result as c')
          .select('c.id')
          .whereRef('c.corrects_id', '=', 'r.id')
          .where('c.deleted_at', 'is', null)
          .orderBy('c.created_at', 'desc')
          .limit(1)
          .as('corrected_by_id'),
      )
      .where('r.patient_id', '=', patientId)
      .where('r.practice_id', '=', practiceId)
      .where('r.deleted_at', 'is', null)
      .orderBy('r.resulted_at', 'desc')
      .orderBy('r.id', 'desc'),
  );
  return rows.map((row) => fromRow<LabResultView>(row));
}

/** Whether a later result already corrects this one (a result is corrected once; correct the correction after). */
export function isCorrected(db: LocalDatabase, id: string): boolean {
  return db.first(db.kysely.selectFrom('lab_result').select('id').where('corrects_id', '=', id).limit(1)) !== undefined;
}
