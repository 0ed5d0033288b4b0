/**
 * Which documents' bytes still have to travel (sync/documents/blob-sync.ts).
 * `document_blob_sent` (device-only, migration 0013) holds the files this
 * device knows the hub has: sent from here, or fetched from there.
 */
import type { LocalDatabase } from './database';

export interface AwaitingBlob {
  sha256: string;
  mime_type: string;
  byte_size: number;
}

/**
 * Distinct files of the practice not yet known to be at the hub, in sync
 * priority order: those of patients with a visit on `today` first, then the
 * newest. Removed documents' files still travel (the row still points at them).
 */
export function documentsAwaitingHub(db: LocalDatabase, practiceId: string, today: string, limit: number, offset = 0): AwaitingBlob[] {
  return db.all(
    db.kysely
      .selectFrom('document as d')
      .select(['d.sha256', 'd.mime_type', 'd.byte_size'])
      .select((eb) => eb.fn.max(eb.exists(eb.selectFrom('visit as v').select('v.id').whereRef('v.patient_id', '=', 'd.patient_id').where('v.clinic_day', '=', today))).as('today'))
      .select((eb) => eb.fn.max('d.stored_at').as('newest'))
      .where('d.practice_id', '=', practiceId)
      .where('d.deleted_at', 'is', null)
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom('document_blob_sent as s').select('s.sha256').whereRef('s.sha256', '=', 'd.sha256').where('s.practice_id', '=', practiceId))),
      )
      .groupBy(['d.sha256', 'd.mime_type', 'd.byte_size'])
      .orderBy('today', 'desc')
      .orderBy('newest', 'desc')
      .orderBy('d.sha256')
      .limit(limit)
      .offset(offset),
  );
}

export function markBlobSent(db: LocalDatabase, practiceId: string, sha256: string): void {
  db.run(db.kysely.insertInto('document_blob_sent').values({ practice_id: practiceId, sha256, sent_at: db.isoNow() }).onConflict((oc) => oc.doNothing()));
}

/** Practices with documents on this device (a pass runs per practice). */
export function practicesWithDocuments(db: LocalDatabase): string[] {
  return db.all(db.kysely.selectFrom('document').select('practice_id').distinct()).map((r) => r.practice_id);
}
