/**
 * The core: the device database, the services and the API router, in plain
 * Node. The Electron main process runs it in a worker thread; the web host
 * runs the same worker; tests may run it in-process.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRouter, type ApiHandler } from '../api/router';
import { handlers } from '../api/handlers';
import { LocalDatabase } from '../db/database';
import { SessionStore } from '../services/sessions';

export interface CoreOptions {
  /** Folder holding practice-desk.sqlite (created if missing). */
  dataDir: string;
  now?: () => number;
}

export interface Core {
  handle: ApiHandler;
  db: LocalDatabase;
  close(): void;
}

export const DATABASE_FILE = 'practice-desk.sqlite';

export async function openCore(options: CoreOptions): Promise<Core> {
  mkdirSync(options.dataDir, { recursive: true });
  const now = options.now ?? Date.now;
  const db = await LocalDatabase.open(join(options.dataDir, DATABASE_FILE), { now, slowQueryMs: 50 });
  const sessions = new SessionStore(now);
  return { handle: createRouter(db, sessions, handlers), db, close: () => db.close() };
}
