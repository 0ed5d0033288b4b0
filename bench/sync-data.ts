/**
 * The sync bench's data: a veterinary practice built on a source desk with
 * the seed generator (accounts, patients and their records) and the diary
 * generator (appointments, visits, charges, payments), then bulk-loaded into
 * the hub as that desk's changes — one insert per row, every stored column,
 * in parents-first order — straight into hub.change and hub.row_state with
 * SQL (unnest of arrays, 20,000 rows per transaction, foreign-key triggers
 * off for the session as pg_restore does). Pushing 1M changes
 * through the API is what `push_rows_per_s` measures on its own; loading them
 * this way takes seconds instead of an hour. The rows are the data layer's
 * own, so they pass the device's validation and merge as any desk's would.
 *
 * @example
 *   const source = await buildSourcePractice(dir, { patients: 40_000, appointments: 250_000 }, log);
 *   const loaded = await loadIntoHub(pool, source, deviceUserId);
 */
import { join } from 'node:path';
import type pg from 'pg';
import { LocalDatabase } from '../electron/db/database';
import { seedPractice } from '../scripts/seed/index';
import { SYNCED_TABLE_NAMES } from '../sync/engine/table-rules';
import { buildDiary } from './appointments';

export const SOURCE_DEVICE = 'bench-source-desk';

export interface SourcePractice {
  file: string;
  practiceId: string;
  practiceName: string;
  /** Rows per synced table on the source desk. */
  rows: Record<string, number>;
  totalRows: number;
  seconds: number;
}

/** A practice on a source desk: seeded patients and a generated diary. */
export async function buildSourcePractice(
  dir: string,
  size: { patients: number; appointments: number },
  log: (m: string) => void,
): Promise<SourcePractice> {
  const started = performance.now();
  const file = join(dir, 'sync-source.sqlite');
  const db = await LocalDatabase.open(file);
  try {
    const seeded = await seedPractice(db, { kind: 'vet', patients: size.patients, seed: 7, audit: false, staff: false, today: new Date('2025-06-01') });
    log(`sync source: ${seeded.counts.patients.toLocaleString('en')} patients seeded; writing ${size.appointments.toLocaleString('en')} appointments`);
    await buildDiary(db, seeded.admin, size.appointments, log);
    const rows = Object.fromEntries(
      SYNCED_TABLE_NAMES.map((t) => [t, (db.sqlite.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number)]),
    );
    return {
      file,
      practiceId: seeded.practiceId,
      practiceName: seeded.practiceName,
      rows,
      totalRows: Object.values(rows).reduce((a, b) => a + b, 0),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    db.close();
  }
}

const CHUNK = 20_000;

/**
 * Every row of the source desk as one insert change in hub.change (parents
 * first, seq order = that order), and hub.row_state as their merge (for
 * inserts alone: the row itself, every column at its insert's HLC). The HLCs
 * run a millisecond apart, ending an hour ago, under the source desk's node.
 */
export async function loadIntoHub(pool: pg.Pool, source: SourcePractice, pushedBy: string): Promise<{ changes: number; seconds: number }> {
  const started = performance.now();
  const db = await LocalDatabase.open(source.file);
  const client = await pool.connect();
  let n = 0;
  const base = Date.now() - 3_600_000 - source.totalRows;
  try {
    // A bulk load of rows valid by construction (the practice exists, every table is synced):
    // foreign-key triggers off for this session, as pg_restore does. Indexes stay.
    await client.query('SET session_replication_role = replica');
    for (const table of SYNCED_TABLE_NAMES) {
      const columns = (db.sqlite.prepare('SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0').pluck().all(table) as string[]);
      const select = db.sqlite.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}" ORDER BY rowid`).raw();
      let batch: { rowId: string[]; changes: string[]; hlc: string[]; seq: string[] } = { rowId: [], changes: [], hlc: [], seq: [] };
      const flush = async () => {
        if (batch.rowId.length === 0) return;
        await client.query('BEGIN');
        await client.query(
          `INSERT INTO hub.change (practice_id, table_name, row_id, op, changes, hlc, device_id, device_seq, actor, pushed_by)
           SELECT $1::uuid, $2, r, 'insert', c::jsonb, h, $3, s::bigint, NULL, $4::uuid
           FROM unnest($5::text[], $6::text[], $7::text[], $8::text[]) AS u(r, c, h, s)`,
          [source.practiceId, table, SOURCE_DEVICE, pushedBy, batch.rowId, batch.changes, batch.hlc, batch.seq],
        );
        await client.query('COMMIT');
        batch = { rowId: [], changes: [], hlc: [], seq: [] };
      };
      for (const values of select.iterate() as Iterable<unknown[]>) {
        n += 1;
        const changes: Record<string, unknown> = {};
        columns.forEach((c, i) => (changes[c] = values[i]));
        batch.rowId.push(String(changes.id));
        batch.changes.push(JSON.stringify(changes));
        batch.hlc.push(`${new Date(base + n).toISOString()}-0000-${SOURCE_DEVICE}`);
        batch.seq.push(String(n));
        if (batch.rowId.length >= CHUNK) await flush();
      }
      await flush();
    }
    await client.query(
      `INSERT INTO hub.row_state (practice_id, table_name, row_id, data, column_hlc, last_seq)
       SELECT c.practice_id, c.table_name, c.row_id, c.changes,
              (SELECT jsonb_object_agg(k, c.hlc) FROM jsonb_object_keys(c.changes) k), c.seq
       FROM hub.change c WHERE c.practice_id = $1 AND c.device_id = $2`,
      [source.practiceId, SOURCE_DEVICE],
    );
    await client.query('SET session_replication_role = DEFAULT');
    await client.query('ANALYZE hub.change');
    await client.query('ANALYZE hub.row_state');
  } finally {
    client.release();
    db.close();
  }
  return { changes: n, seconds: (performance.now() - started) / 1000 };
}
