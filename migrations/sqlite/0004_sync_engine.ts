/**
 * 0004: the device half of the sync engine (ARCHITECTURE §4). Local-only
 * tables, never captured: what the sync engine knows (cursors), what it has
 * received from other devices (the inbox, the other half of the change set
 * every merged row is computed from), outbox entries it gave up pushing, and
 * rows it could not write yet (a parent not received, a UNIQUE clash).
 */
import type { Kysely, Migration } from 'kysely';
import { runStatements } from './helpers';

const statements = [
  // pushed_through, pull_cursor, merged_local_through, …
  `CREATE TABLE sync_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)`,

  // Changes from other devices, one row per (device, local sequence): a
  // second delivery of the same change is a no-op.
  `CREATE TABLE sync_inbox (
     device_id TEXT NOT NULL,
     device_seq INTEGER NOT NULL CHECK (device_seq > 0),
     hub_seq INTEGER,
     table_name TEXT NOT NULL,
     row_id TEXT NOT NULL,
     practice_id TEXT NOT NULL,
     op TEXT NOT NULL CHECK (op IN ('insert', 'update')),
     changes TEXT NOT NULL,
     hlc TEXT NOT NULL,
     actor TEXT,
     received_at TEXT NOT NULL,
     PRIMARY KEY (device_id, device_seq)
   ) WITHOUT ROWID`,
  `CREATE INDEX sync_inbox_row ON sync_inbox (table_name, row_id)`,
  // Merging a row reads all of its entries, local ones included.
  `CREATE INDEX sync_log_row ON sync_log (table_name, row_id)`,

  // Outbox entries the hub refused for good: skipped by pushes, reported.
  `CREATE TABLE sync_quarantine (
     seq INTEGER PRIMARY KEY NOT NULL,
     reason TEXT NOT NULL,
     quarantined_at TEXT NOT NULL
   )`,

  // Rows whose merged state could not be written yet; retried on every apply.
  `CREATE TABLE sync_unapplied (
     table_name TEXT NOT NULL,
     row_id TEXT NOT NULL,
     reason TEXT NOT NULL,
     deferred_at TEXT NOT NULL,
     PRIMARY KEY (table_name, row_id)
   ) WITHOUT ROWID`,
];

export const syncEngine: Migration = {
  async up(db: Kysely<unknown>) {
    await runStatements(db, statements);
  },
};
