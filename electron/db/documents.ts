/** Document metadata rows (migration 0013); the bytes are in the document store. */
import type { DocumentView } from '../../shared/api/clinical-record-types';
import { fromRow } from './case';
import type { LocalDatabase } from './database';
import type { DocumentTable } from './schema-results-documents-plans';
import { insertSynced, updateSynced } from './synced-rows';

export type DocumentRow = Omit<DocumentTable, 'id' | 'practice_id' | 'created_at' | 'updated_at' | 'deleted_at'>;

export function insertDocument(db: LocalDatabase, practiceId: string, row: DocumentRow): string {
  return insertSynced(db, 'document', practiceId, { ...row });
}

export function findDocument(db: LocalDatabase, practiceId: string, id: string): DocumentTable | undefined {
  return db.first(
    db.kysely.selectFrom('document').selectAll().where('id', '=', id).where('practice_id', '=', practiceId).where('deleted_at', 'is', null),
  );
}

/** Newest first, removed ones included (the chart shows them struck through). */
export function listDocuments(db: LocalDatabase, practiceId: string, patientId: string): Omit<DocumentView, 'available'>[] {
  const rows = db.all(
    db.kysely
      .selectFrom('document')
      .selectAll()
      .where('patient_id', '=', patientId)
      .where('practice_id', '=', practiceId)
      .where('deleted_at', 'is', null)
      .orderBy('stored_at', 'desc')
      .orderBy('id', 'desc'),
  );
  return rows.map((row) => fromRow<Omit<DocumentView, 'available'>>(row));
}

export function markDocumentRemoved(db: LocalDatabase, id: string, by: string, reason: string): boolean {
  return updateSynced(db, 'document', id, { removed_at: db.isoNow(), removed_by: by, removed_reason: reason });
}

export function documentFromRow(row: object): Omit<DocumentView, 'available'> {
  return fromRow(row);
}
