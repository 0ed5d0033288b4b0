/**
 * Attaching documents (PDF, images) to a patient or visit. The bytes go to
 * the device's document store first (atomic, content-addressed: a failed
 * save leaves at most an unreferenced file), then the metadata row and its
 * audit entry commit in one transaction. Documents are never deleted:
 * removal marks the row, with a reason, and the file stays.
 */
import type { z } from 'zod';
import type { DocumentContent, DocumentView } from '../../shared/api/clinical-record-types';
import { DOCUMENT_TYPES, type attachDocumentInput, type removeDocumentInput } from '../../shared/schemas/documents';
import { appendAudit } from '../db/audit-log';
import type { LocalDatabase } from '../db/database';
import * as documents from '../db/documents';
import { documentStoreFor, DocumentStoreError, type DocumentStore } from '../documents/document-store';
import type { Actor } from './actor';
import { chartPatientId, requireRight, requireVisitOf } from './clinical-access';
import { conflict, notFound, validationError } from './errors';

export function attachDocument(
  db: LocalDatabase,
  actor: Actor,
  input: z.output<typeof attachDocumentInput>,
  store: DocumentStore = documentStoreFor(db),
): DocumentView {
  requireRight(actor, 'clinical.write');
  const bytes = Buffer.from(input.contentBase64, 'base64');
  let stored: { sha256: string; byteSize: number };
  try {
    stored = store.put(bytes, input.mimeType);
  } catch (error) {
    if (error instanceof DocumentStoreError) throw validationError({ contentBase64: error.message });
    throw error;
  }
  const { id, patientId } = db.transaction(actor.userId, () => {
    const patient = chartPatientId(db, actor, input.patientId);
    requireVisitOf(db, actor, patient, input.visitId);
    const row: documents.DocumentRow = {
      patient_id: patient,
      visit_id: input.visitId,
      kind: DOCUMENT_TYPES[input.mimeType]!,
      category: input.category,
      description: input.description,
      file_name: input.fileName,
      mime_type: input.mimeType,
      byte_size: stored.byteSize,
      sha256: stored.sha256,
      stored_at: db.isoNow(),
      uploaded_by: actor.userId,
      removed_at: null,
      removed_by: null,
      removed_reason: null,
    };
    const newId = documents.insertDocument(db, actor.practiceId, row);
    appendAudit(db, { practiceId: actor.practiceId, userId: actor.userId, action: 'create', entityType: 'document', entityId: newId, patientId: patient, after: row });
    return { id: newId, patientId: patient };
  });
  const view = documentsForPatient(db, actor, patientId, store).find((d) => d.id === id);
  if (!view) throw notFound('Document');
  return view;
}

export function documentsForPatient(db: LocalDatabase, actor: Actor, patientId: string, store: DocumentStore = documentStoreFor(db)): DocumentView[] {
  requireRight(actor, 'clinical.read');
  const rows = documents.listDocuments(db, actor.practiceId, chartPatientId(db, actor, patientId));
  return rows.map((row) => ({ ...row, available: store.has(row.sha256) }));
}

/** The file itself, for viewing or saving; opening a document is audited. */
export function openDocument(db: LocalDatabase, actor: Actor, id: string, store: DocumentStore = documentStoreFor(db)): DocumentContent {
  requireRight(actor, 'clinical.read');
  const row = documents.findDocument(db, actor.practiceId, id);
  if (!row) throw notFound('Document');
  let bytes: Buffer;
  try {
    bytes = store.read(row.sha256);
  } catch (error) {
    if (error instanceof DocumentStoreError) throw conflict('err.documentUnavailable', { reason: error.message });
    throw error;
  }
  db.transaction(actor.userId, () =>
    appendAudit(db, { practiceId: actor.practiceId, userId: actor.userId, action: 'read', entityType: 'document', entityId: id, patientId: row.patient_id }),
  );
  return { fileName: row.file_name, mimeType: row.mime_type, contentBase64: bytes.toString('base64') };
}

export function removeDocument(db: LocalDatabase, actor: Actor, input: z.output<typeof removeDocumentInput>): { id: string } {
  requireRight(actor, 'clinical.write');
  return db.transaction(actor.userId, () => {
    const row = documents.findDocument(db, actor.practiceId, input.id);
    if (!row) throw notFound('Document');
    if (row.removed_at !== null) throw validationError({ id: 'That document has already been removed' });
    documents.markDocumentRemoved(db, input.id, actor.userId, input.reason);
    appendAudit(db, {
      practiceId: actor.practiceId,
      userId: actor.userId,
      action: 'delete',
      entityType: 'document',
      entityId: input.id,
      patientId: row.patient_id,
      before: { fileName: row.file_name, sha256: row.sha256 },
      after: { reason: input.reason },
    });
    return { id: input.id };
  });
}
