/**
 * Document bytes between the device's store and the hub, by priority and
 * apart from the row sync (a 20 MB scan never holds up a booking): files of
 * patients with a visit today first, then the newest. One pass:
 *
 * 1. read the practice's documents the device has not yet seen confirmed at
 *    the hub (`document_blob_sent`), a page at a time, in priority order;
 * 2. ask the hub which of the page it lacks;
 * 3. upload those the device holds (chunk by chunk; the hub checks the
 *    sha256 of the whole), download those it holds and the device lacks
 *    (kept only if they hash to their name), and mark every file the hub
 *    now has, so the next pass skips it.
 *
 * A file neither side has yet (its uploader is offline) stays unmarked and
 * is tried again next pass. Errors of one file do not stop the others; the
 * pass reports them. `byteBudget` bounds one pass, so a pass stays short and
 * the caller can run it on its own timer.
 */
import type { LocalDatabase } from '../../electron/db/database';
import { documentsAwaitingHub, markBlobSent } from '../../electron/db/document-blobs';
import type { DocumentStore } from '../../electron/documents/document-store';
import { BLOB_CHUNK_BYTES, chunkCountFor, type BlobHub } from './blob-hub';

export interface BlobSyncOptions {
  /** The practice-local day whose patients go first (YYYY-MM-DD). */
  today: string;
  /** Stop starting new files once this many bytes moved (default 64 MiB). */
  byteBudget?: number;
  pageSize?: number;
}

export interface BlobSyncReport {
  uploaded: string[];
  downloaded: string[];
  /** Already at the hub and here: only marked. */
  confirmed: number;
  /** Nobody has the bytes yet. */
  waiting: number;
  failed: { sha256: string; error: string }[];
  bytes: number;
}

export async function syncDocumentBlobs(
  db: LocalDatabase,
  practiceId: string,
  store: DocumentStore,
  hub: BlobHub,
  options: BlobSyncOptions,
): Promise<BlobSyncReport> {
  const report: BlobSyncReport = { uploaded: [], downloaded: [], confirmed: 0, waiting: 0, failed: [], bytes: 0 };
  const budget = options.byteBudget ?? 64 * 1024 * 1024;
  const pageSize = options.pageSize ?? 100;
  // Marked files leave the list, so the next page starts after the ones left unmarked.
  let offset = 0;
  while (report.bytes < budget) {
    const page = documentsAwaitingHub(db, practiceId, options.today, pageSize, offset);
    if (page.length === 0) break;
    const lacking = new Set(await hub.missing(practiceId, page.map((d) => d.sha256)));
    for (const doc of page) {
      if (report.bytes >= budget) break;
      const here = store.has(doc.sha256);
      try {
        if (lacking.has(doc.sha256) && !here) {
          report.waiting++;
          offset++;
          continue;
        }
        if (lacking.has(doc.sha256)) {
          await upload(hub, store, practiceId, doc);
          report.uploaded.push(doc.sha256);
          report.bytes += doc.byte_size;
        } else if (!here) {
          await download(hub, store, practiceId, doc.sha256);
          report.downloaded.push(doc.sha256);
          report.bytes += doc.byte_size;
        } else {
          report.confirmed++;
        }
        markBlobSent(db, practiceId, doc.sha256);
      } catch (error) {
        report.failed.push({ sha256: doc.sha256, error: (error as Error).message });
        offset++;
      }
    }
    if (page.length < pageSize) break;
  }
  return report;
}

async function upload(hub: BlobHub, store: DocumentStore, practiceId: string, doc: { sha256: string; mime_type: string; byte_size: number }): Promise<void> {
  const bytes = store.read(doc.sha256);
  const count = chunkCountFor(bytes.length);
  let complete = false;
  for (let i = 0; i < count; i++) {
    const chunk = bytes.subarray(i * BLOB_CHUNK_BYTES, Math.min(bytes.length, (i + 1) * BLOB_CHUNK_BYTES));
    ({ complete } = await hub.put(practiceId, doc.sha256, bytes.length, doc.mime_type, i, chunk));
  }
  if (!complete) throw new Error(`The hub did not complete ${doc.sha256} after ${count} chunk(s)`);
}

async function download(hub: BlobHub, store: DocumentStore, practiceId: string, sha256: string): Promise<void> {
  const first = await hub.get(practiceId, sha256, 0);
  if (!first) throw new Error(`The hub said it has ${sha256} but returned nothing`);
  const chunks = [first.data];
  for (let i = 1; i < first.chunkCount; i++) {
    const next = await hub.get(practiceId, sha256, i);
    if (!next) throw new Error(`Chunk ${i} of ${sha256} is missing at the hub`);
    chunks.push(next.data);
  }
  store.putExpected(sha256, Buffer.concat(chunks));
}
