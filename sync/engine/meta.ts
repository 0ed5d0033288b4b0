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

export type MetaKey = 'pushed_through' | 'pull_cursor' | 'merged_local_through' | 'initial_pull';

/**
 * The hub this device syncs with (electron/services/sync.ts). The password
 * is never stored; the refresh token is, in plain text until the encryption
 * issue brings Electron safeStorage (ARCHITECTURE §7).
 */
export type SettingKey = 'hub_url' | 'hub_anon_key' | 'hub_email' | 'hub_refresh_token' | 'hub_membership';

export function readMeta(db: LocalDatabase, key: MetaKey | SettingKey): string | undefined {
  return db.first(db.kysely.selectFrom('sync_meta').select('value').where('key', '=', key))?.value;
}

export function writeMeta(db: LocalDatabase, key: SettingKey, value: string): void {
  db.run(
    db.kysely
      .insertInto('sync_meta')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value })),
  );
}

export function deleteMeta(db: LocalDatabase, keys: readonly (MetaKey | SettingKey)[]): void {
  if (keys.length > 0) db.run(db.kysely.deleteFrom('sync_meta').where('key', 'in', keys));
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

/**
 * The pull cursor is the hub's to define: it names the last change served in
 * the hub's commit order (transaction id, then sequence), which can be a
 * lower sequence number than an earlier page's. Saved as given, never max()ed.
 */
export function setPullCursor(db: LocalDatabase, cursor: number): void {
  if (!Number.isSafeInteger(cursor) || cursor < 0) throw new Error(`pull_cursor must be a non-negative integer, not ${cursor}`);
  db.run(
    db.kysely
      .insertInto('sync_meta')
      .values({ key: 'pull_cursor', value: String(cursor) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(cursor) })),
  );
}
