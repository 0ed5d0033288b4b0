/** For tests of devices syncing through a real hub: push, pull, and the tables to compare. */
import type { SupabaseClient } from '@supabase/supabase-js';
import { expect } from 'vitest';
import type { LocalDatabase } from '../../electron/db/database';
import { applyRemoteChanges } from '../../sync/engine/apply';
import { readCounter } from '../../sync/engine/meta';
import { acknowledgeThrough, entriesToPush } from '../../sync/engine/outbox';
import { SYNCED_TABLE_NAMES } from '../../sync/engine/table-rules';
import type { PullResult, PushResult } from '../../sync/hub/contract';
import type { TestHub } from '../helpers/hub';

export async function pushAll(db: LocalDatabase, client: SupabaseClient, batchSize = 200): Promise<void> {
  for (;;) {
    const batch = entriesToPush(db, batchSize);
    if (batch.length === 0) return;
    const { data, error } = await client.rpc('sync_push', { batch });
    expect(error).toBeNull();
    acknowledgeThrough(db, (data as PushResult).acknowledged_through!);
  }
}

export async function pullAll(db: LocalDatabase, client: SupabaseClient, pageSize = 200): Promise<void> {
  for (;;) {
    const { data, error } = await client.rpc('sync_pull', { since: readCounter(db, 'pull_cursor'), page_size: pageSize });
    expect(error).toBeNull();
    const page = data as PullResult;
    const result = applyRemoteChanges(db, page.changes, { pullCursor: page.next_cursor });
    expect(result.rejected).toEqual([]);
    if (!page.has_more) return;
  }
}

/** JSON values compare as JSON: SQLite integers and reals as numbers, text as strings, NULL as null. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** Every synced table of a device (stored columns only; generated ones never sync), by id. */
export function deviceTables(db: LocalDatabase): Record<string, Record<string, unknown>> {
  const tables: Record<string, Record<string, unknown>> = {};
  for (const table of SYNCED_TABLE_NAMES) {
    const columns = (db.sqlite.prepare('SELECT name, hidden FROM pragma_table_xinfo(?)').all(table) as { name: string; hidden: number }[])
      .filter((c) => c.hidden === 0)
      .map((c) => `"${c.name}"`);
    const rows = db.sqlite.prepare(`SELECT ${columns.join(', ')} FROM "${table}" ORDER BY id`).all() as { id: string }[];
    tables[table] = Object.fromEntries(rows.map((r) => [r.id, asJson(r)]));
  }
  return tables;
}

/** hub.row_state of a practice, the same shape. */
export async function hubTables(hub: TestHub, practiceId: string): Promise<Record<string, Record<string, unknown>>> {
  const tables: Record<string, Record<string, unknown>> = Object.fromEntries(SYNCED_TABLE_NAMES.map((t) => [t, {}]));
  const { rows } = await hub.admin.query<{ table_name: string; row_id: string; data: unknown }>(
    'SELECT table_name, row_id, data FROM hub.row_state WHERE practice_id = $1 ORDER BY table_name, row_id',
    [practiceId],
  );
  for (const r of rows) tables[r.table_name]![r.row_id] = asJson(r.data);
  return tables;
}

/** The conflict inbox exactly as stored. */
export function conflictRows(db: LocalDatabase): Record<string, unknown>[] {
  return db.sqlite.prepare('SELECT * FROM sync_conflict ORDER BY id').all() as Record<string, unknown>[];
}
