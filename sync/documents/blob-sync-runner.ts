/**
 * Runs document byte passes on their own timer, beside the row sync loop and
 * never inside it: one pass at a time, per practice on the device, each
 * bounded by a byte budget. Started and stopped with the sync loop by the
 * sync service (see the lead's hook-up note in README "Results, documents
 * and plans").
 *
 * @example
 *   const runner = new DocumentBlobRunner({ db, store, hub: () => supabaseBlobHub(client) });
 *   runner.start();            // a pass now, then every intervalMs
 *   await runner.passNow();    // e.g. right after a row pull brought new documents
 *   await runner.stop();
 */
import { clinicDay } from '../../shared/domain/practice-time';
import type { LocalDatabase } from '../../electron/db/database';
import { practicesWithDocuments } from '../../electron/db/document-blobs';
import { findPractice } from '../../electron/db/practices';
import type { DocumentStore } from '../../electron/documents/document-store';
import type { BlobHub } from './blob-hub';
import { syncDocumentBlobs, type BlobSyncReport } from './blob-sync';

export interface DocumentBlobRunnerOptions {
  db: LocalDatabase;
  store: DocumentStore;
  /** The signed-in hub, or null while the device is not connected. */
  hub: () => BlobHub | null;
  intervalMs?: number;
  byteBudget?: number;
  onReport?: (practiceId: string, report: BlobSyncReport) => void;
}

export class DocumentBlobRunner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;

  constructor(private readonly options: DocumentBlobRunnerOptions) {}

  start(): void {
    this.stopped = false;
    void this.passNow();
  }

  /** One pass over every practice on the device (joins the pass in flight, if any). */
  passNow(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.pass().finally(() => {
      this.running = null;
      this.schedule();
    });
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.passNow(), this.options.intervalMs ?? 30_000);
    this.timer.unref();
  }

  private async pass(): Promise<void> {
    const hub = this.options.hub();
    if (!hub) return;
    const { db } = this.options;
    for (const practiceId of practicesWithDocuments(db)) {
      if (this.stopped) return;
      const timeZone = findPractice(db, practiceId)?.timeZone ?? 'UTC';
      try {
        const report = await syncDocumentBlobs(db, practiceId, this.options.store, hub, {
          today: clinicDay(db.isoNow(), timeZone),
          ...(this.options.byteBudget ? { byteBudget: this.options.byteBudget } : {}),
        });
        this.options.onReport?.(practiceId, report);
      } catch {
        // Offline or refused: the row sync reports the hub's state; the next pass tries again.
      }
    }
  }
}
