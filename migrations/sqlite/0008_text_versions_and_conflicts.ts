/**
 * 0008: clinical text versions and the conflict inbox (ARCHITECTURE §4).
 *
 * - `bases` on the outbox and the inbox: per column, the HLCs of the
 *   versions a change deliberately writes over (JSON `{ "notes": [hlc, …] }`,
 *   NULL for changes made before this migration: they wrote over everything
 *   older, as last-writer-wins did). Two edits of a clinical text neither of
 *   which names the other are both kept; a status resolution names the end
 *   states it settles.
 * - `sync_conflict`: derived, local state (never synced, never captured),
 *   recomputed from a row's changes whenever they change, with ids derived
 *   from the versions involved — so every device holding the same changes
 *   holds the same conflict rows.
 */
import type { Kysely, Migration } from 'kysely';
import { runStatements } from './helpers';

const statements = [
  `ALTER TABLE sync_log ADD COLUMN bases TEXT`,
  `ALTER TABLE sync_inbox ADD COLUMN bases TEXT`,
  `CREATE TABLE sync_conflict (
     id TEXT PRIMARY KEY NOT NULL,
     practice_id TEXT NOT NULL,
     table_name TEXT NOT NULL,
     row_id TEXT NOT NULL,
     column_name TEXT NOT NULL,
     kind TEXT NOT NULL CHECK (kind IN ('clinical-text', 'status')),
     -- [{ hlc, value, device_id, actor }, …] oldest first
     heads TEXT NOT NULL,
     state TEXT NOT NULL CHECK (state IN ('open', 'resolved')),
     resolved_hlc TEXT,
     resolved_by TEXT,
     resolved_at TEXT,
     -- JSON of the value the resolution wrote
     resolved_value TEXT
   ) WITHOUT ROWID`,
  `CREATE INDEX sync_conflict_row ON sync_conflict (table_name, row_id)`,
  `CREATE INDEX sync_conflict_open ON sync_conflict (practice_id, state)`,
];

export const textVersionsAndConflicts: Migration = {
  async up(db: Kysely<unknown>) {
    await runStatements(db, statements);
  },
};
