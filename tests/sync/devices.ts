/** Devices for sync tests: fresh replicas, their outboxes, and snapshots of every synced table. */
import { join } from 'node:path';
import { LocalDatabase } from '../../electron/db/database';
import { findPractice } from '../../electron/db/practices';
import type { Actor } from '../../electron/services/actor';
import type { PushEntry } from '../../sync/hub/contract';
import { SYNCED_TABLE_NAMES } from '../../sync/engine/table-rules';
import { tempDir } from '../helpers/temp-dir';

export interface Replica {
  db: LocalDatabase;
  close(): void;
}

export async function openReplica(now?: () => number): Promise<Replica> {
  const dir = tempDir('practice-desk-sync-');
  const db = await LocalDatabase.open(join(dir.path, 'replica.sqlite'), now ? { now } : {});
  return {
    db,
    close() {
      db.close();
      dir.remove();
    },
  };
}

/** The whole outbox, as a peer or the hub would relay it. */
export function outboxOf(db: LocalDatabase, afterSeq = 0): PushEntry[] {
  const rows = db.sqlite.prepare('SELECT * FROM sync_log WHERE seq > ? ORDER BY seq').all(afterSeq) as {
    seq: number;
    table_name: string;
    row_id: string;
    practice_id: string;
    op: 'insert' | 'update';
    changes: string;
    hlc: string;
    device_id: string;
    actor_id: string | null;
    bases: string | null;
  }[];
  return rows.map((r) => ({
    practice_id: r.practice_id,
    table_name: r.table_name,
    row_id: r.row_id,
    op: r.op,
    changes: JSON.parse(r.changes) as Record<string, unknown>,
    hlc: r.hlc,
    device_id: r.device_id,
    device_seq: r.seq,
    actor: r.actor_id,
    ...(r.bases == null ? {} : { bases: JSON.parse(r.bases) as Record<string, string[]> }),
  }));
}

/** What this device received from others, relayed on (as a LAN hub would). */
export function inboxOf(db: LocalDatabase): PushEntry[] {
  const rows = db.sqlite.prepare('SELECT * FROM sync_inbox ORDER BY hlc').all() as {
    table_name: string;
    row_id: string;
    practice_id: string;
    op: 'insert' | 'update';
    changes: string;
    hlc: string;
    device_id: string;
    device_seq: number;
    actor: string | null;
    bases: string | null;
  }[];
  return rows.map(({ bases, ...r }) => ({
    ...r,
    changes: JSON.parse(r.changes) as Record<string, unknown>,
    ...(bases == null ? {} : { bases: JSON.parse(bases) as Record<string, string[]> }),
  }));
}

/** Every synced table, each row as the exact SQLite values (quote() keeps types: 1 is not 1.0 is not '1'). */
export function syncedSnapshot(db: LocalDatabase): Record<string, string[]> {
  const snapshot: Record<string, string[]> = {};
  for (const table of SYNCED_TABLE_NAMES) {
    const columns = (db.sqlite.prepare('SELECT name FROM pragma_table_xinfo(?)').all(table) as { name: string }[]).map((c) => c.name);
    const select = columns.map((c) => `quote("${c}")`).join(` || '|' || `);
    snapshot[table] = db.sqlite.prepare(`SELECT ${select} AS r FROM "${table}" ORDER BY id`).pluck().all() as string[];
  }
  return snapshot;
}

/** The patient finder's documents, which every device derives for itself. */
export function searchDocs(db: LocalDatabase): unknown[] {
  return db.sqlite.prepare('SELECT patient_id, practice_id, last_key, first_key, body FROM patient_search_doc ORDER BY patient_id').all();
}

/** An actor for calling the services directly on a replica (which has no credentials to sign in with). */
export function actorOn(db: LocalDatabase, userId: string, practiceId: string): Actor {
  const practice = findPractice(db, practiceId);
  if (!practice) throw new Error('Practice not synced to this device yet');
  return { userId, practiceId, role: 'admin', practice, session: { token: 'test', userId, practiceId, startedAt: 0, lastSeenAt: 0 } };
}
