/**
 * The floor the initial pull is compared with: the same changes read from
 * the hub's Postgres with raw `pg` (keyset pages of 10,000 on seq, the
 * jsonb parsed by pg) and written into a fresh, migrated device database with
 * raw better-sqlite3 — one prepared INSERT per table and column list, 10,000
 * rows per transaction, capture off. No gateway, no validation, no inbox, no
 * merge: what copying the rows costs on this machine.
 *
 * @example
 *   const floor = await rawCopy(pool, practiceId, join(dir, 'raw.sqlite')); // { rows, ms }
 */
import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import { LocalDatabase } from '../electron/db/database';

const PAGE = 10_000;

export async function rawCopy(pool: pg.Pool, practiceId: string, file: string): Promise<{ rows: number; ms: number }> {
  const db = await LocalDatabase.open(file);
  const statements = new Map<string, BetterSqlite3.Statement>();
  const insert = (table: string, columns: string[]) => {
    const key = `${table}|${columns.join(',')}`;
    let statement = statements.get(key);
    if (!statement) {
      statement = db.sqlite.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      statements.set(key, statement);
    }
    return statement;
  };
  const write = db.sqlite.transaction((page: { table_name: string; changes: Record<string, unknown> }[]) => {
    for (const { table_name: table, changes } of page) {
      const columns = Object.keys(changes);
      insert(table, columns).run(...columns.map((c) => changes[c] as never));
    }
  });
  const client = await pool.connect();
  const started = performance.now();
  let rows = 0;
  try {
    let after = 0;
    for (;;) {
      const { rows: page } = await client.query<{ seq: string; table_name: string; changes: Record<string, unknown> }>(
        'SELECT seq, table_name, changes FROM hub.change WHERE practice_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
        [practiceId, after, PAGE],
      );
      if (page.length === 0) break;
      db.withoutCapture(() => write(page));
      rows += page.length;
      after = Number(page.at(-1)!.seq);
    }
    return { rows, ms: performance.now() - started };
  } finally {
    client.release();
    db.close();
  }
}
