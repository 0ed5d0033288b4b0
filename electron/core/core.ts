/**
 * The core: the device database, the services and the API router, in plain
 * Node. The Electron main process runs it in a worker thread; the web host
 * runs the same worker; tests may run it in-process. The sync loop runs here
 * too, in the background, once the device has been connected to a hub.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRouter, type ApiHandler } from '../api/router';
import { handlers } from '../api/handlers';
import { LocalDatabase } from '../db/database';
import { SessionStore } from '../services/sessions';
import { SyncService, type SyncServiceOptions } from '../services/sync';

export interface CoreOptions {
  /** Folder holding practice-desk.sqlite (created if missing). */
  dataDir: string;
  now?: () => number;
  /** Tests: how the sync loop reaches the hub and how fast it goes. */
  sync?: SyncServiceOptions;
}

export interface Core {
  handle: ApiHandler;
  db: LocalDatabase;
  sync: SyncService;
  /** Stops the sync loop (a push in flight is not waited for; its answer is dropped) and closes the database. */
  close(): void;
  /** Waits for the sync exchange in flight to end, then closes. */
  shutdown(): Promise<void>;
}

export const DATABASE_FILE = 'practice-desk.sqlite';

export async function openCore(options: CoreOptions): Promise<Core> {
  mkdirSync(options.dataDir, { recursive: true });
  const now = options.now ?? Date.now;
  const db = await LocalDatabase.open(join(options.dataDir, DATABASE_FILE), { now, slowQueryMs: 50 });
  const sessions = new SessionStore(now);
  const sync = new SyncService(db, options.sync);
  sync.start();
  let closed = false;
  const closeDb = () => {
    if (closed) return;
    closed = true;
    db.close();
  };
  return {
    handle: createRouter(db, sessions, handlers, sync),
    db,
    sync,
    close() {
      // stop() marks the loop stopped at once, so nothing touches the database after this.
      void sync.stop();
      closeDb();
    },
    async shutdown() {
      await sync.stop();
      closeDb();
    },
  };
}
