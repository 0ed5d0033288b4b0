/**
 * The sync engine's own small state (table sync_meta, local only): how far
 * the outbox has been pushed, where the pull cursor stands, how far local
 * writes have been folded into merges.
 *
 * @example
 *   readCounter(db, 'pushed_through'); // 0 until the first acknowledged push
 */
import { sql } from 'kysely';
import type { LocalDatabase } from '../../electron/db/database';

export type MetaKey = 'pushed_through' | 'pull_cursor' | 'merged_local_through';

export function readMeta(db: LocalDatabase, key: MetaKey): string | undefined {
  return db.first(db.kysely.selectFrom('sync_meta').select('value').where('key', '=', key))?.value;
}

export function readCounter(db: LocalDatabase, key: MetaKey): number {
  const value = readMeta(db, key);
  return value === undefined ? 0 : Number(value);
}

/** Counters only move forward: a late or repeated call with a smaller value changes nothing. */
export function advanceCounter(db: LocalDatabase, key: MetaKey, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${key} must be a non-negative integer, not ${value}`);
  db.run(
    db.kysely
      .insertInto('sync_meta')
      .values({ key, value: String(value) })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          value: sql<string>`CAST(max(CAST(sync_meta.value AS INTEGER), CAST(excluded.value AS INTEGER)) AS TEXT)`,
        }),
      ),
  );
  return readCounter(db, key);
}
