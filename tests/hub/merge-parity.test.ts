/**
 * hub.row_state merges as sync/engine/merge-row.ts does (migration 0002):
 * the status machines in SQL equal the TypeScript ones, random change sets
 * pushed in random order give exactly mergeRow's row, ledgers keep their
 * earliest insert and refuse updates, a row without an insert is not
 * materialised, concurrent pushes to one row lose nothing, and a rebuild
 * from the stream gives the same state.
 */
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { mergeRow, type RowChange } from '../../sync/engine/merge-row';
import { TABLE_RULES, tableRule } from '../../sync/engine/table-rules';
import { VISIT_STATUSES } from '../../shared/domain/reception-status';
import { change, useHub } from '../helpers/hub';

const hub = useHub();

let practiceId: string;
let ana: SupabaseClient;

beforeAll(async () => {
  practiceId = await hub().practice('Parity Vets');
  ({ client: ana } = await hub().member('ana@parity.test', practiceId, 'admin'));
});

async function rowState(table: string, rowId: string): Promise<Record<string, unknown> | undefined> {
  const { rows } = await hub().admin.query<{ data: Record<string, unknown> }>(
    'SELECT data FROM hub.row_state WHERE practice_id = $1 AND table_name = $2 AND row_id = $3', [practiceId, table, rowId]);
  return rows[0]?.data;
}

const hlc = (ms: number, counter: number, device: string) =>
  `${new Date(Date.parse('2026-12-01T09:00:00Z') + ms).toISOString()}-${counter.toString(16).padStart(4, '0')}-${device}`;

const DEVICES = ['desk-1', 'desk-2', 'desk-3'];

interface Entry {
  op: 'insert' | 'update';
  changes: Record<string, string | number | null>;
  hlc: string;
  device: string;
  bases: Record<string, string[]> | null;
}

/** One push per device, devices in a seed-dependent order; each run's device ids carry the row id (its own set of devices). */
async function pushPerDevice(table: string, rowId: string, entries: readonly Entry[], seed: number): Promise<void> {
  const order = [...DEVICES].sort((a, b) => ((a.charCodeAt(5) * seed) % 7) - ((b.charCodeAt(5) * seed) % 7));
  for (const device of order) {
    const run = `${device}-${rowId}`;
    const batch = entries
      .filter((e) => e.device === device)
      .map((e, i) => ({
        ...change(practiceId, { table_name: table, row_id: rowId, op: e.op, changes: e.changes, hlc: e.hlc, device_id: run, device_seq: i + 1 }),
        bases: e.bases,
      }));
    if (batch.length === 0) continue;
    const { error } = await ana.rpc('sync_push', { batch });
    expect(error).toBeNull();
  }
}

describe('the status machines in SQL', () => {
  it('are the TypeScript machines: same statuses, end states and merge of every pair', async () => {
    const { rows } = await hub().admin.query<{ table_name: string; column_name: string; machine: Record<string, { final: boolean }> }>(
      'SELECT table_name, column_name, machine FROM hub.status_column ORDER BY table_name, column_name');
    const expected = TABLE_RULES.flatMap((rule) => Object.keys(rule.status).map((column) => `${rule.table}.${column}`)).sort();
    expect(rows.map((r) => `${r.table_name}.${r.column_name}`)).toEqual(expected);

    for (const row of rows) {
      const machine = tableRule(row.table_name)!.status[row.column_name]!;
      expect(Object.keys(row.machine).sort()).toEqual([...machine.statuses].sort());
      for (const status of machine.statuses) expect(row.machine[status]!.final, status).toBe(machine.isFinal(status));
      const pairs = machine.statuses.flatMap((a) => machine.statuses.map((b) => [a, b] as const));
      const { rows: merged } = await hub().admin.query<{ a: string; b: string; merged: string }>(
        `SELECT p.a, p.b, hub.furthest_status(s.machine, to_jsonb(p.a), to_jsonb(p.b)) #>> '{}' AS merged
         FROM hub.status_column s, unnest($3::text[], $4::text[]) AS p(a, b)
         WHERE s.table_name = $1 AND s.column_name = $2`,
        [row.table_name, row.column_name, pairs.map((p) => p[0]), pairs.map((p) => p[1])]);
      for (const { a, b, merged: value } of merged) {
        const furthest = machine.furthestStatus(a, b);
        // Two different end states: a conflict, shown as the smaller name until someone resolves it (mergeStatus).
        expect(value, `${row.table_name} ${a} + ${b}`).toBe(furthest === 'conflict' ? (a < b ? a : b) : furthest);
      }
    }
  });

  it('hub.synced_table names every synced table with its class', async () => {
    const { rows } = await hub().admin.query<{ name: string; merge_class: string }>('SELECT name, merge_class FROM hub.synced_table ORDER BY name');
    expect(rows).toEqual(
      TABLE_RULES.map((r) => ({ name: r.table, merge_class: r.kind === 'ledger' ? 'append_only' : 'lww' })).sort((a, b) => (a.name < b.name ? -1 : 1)));
  });
});

describe('row_state is mergeRow of the row\'s changes', () => {
  const devices = ['desk-1', 'desk-2', 'desk-3'];
  const visitChange = fc.record({
    device: fc.constantFrom(...devices),
    op: fc.constantFrom('insert' as const, 'update' as const),
    // Few distinct clocks, so equal HLCs (a faulty device's) and ties are tried too.
    ms: fc.integer({ min: 0, max: 4 }),
    counter: fc.integer({ min: 0, max: 1 }),
    status: fc.option(fc.constantFrom(...VISIT_STATUSES), { nil: undefined }),
    notes: fc.option(fc.constantFrom('Alpha', 'Bravo', null, 7, 7.5), { nil: undefined }),
    room_id: fc.option(fc.constantFrom('room-1', 'room-2'), { nil: undefined }),
  });

  it('for random visit change sets pushed in random order (status, LWW, ties, no insert)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(visitChange, { minLength: 1, maxLength: 8 }), fc.integer(), async (specs, seed) => {
        const rowId = randomUUID();
        const changes: RowChange[] = [];
        const entries = specs.map((s, i) => {
          const fields: Record<string, string | number | null> = {};
          if (s.status !== undefined) fields.status = s.status;
          if (s.notes !== undefined) fields.notes = s.notes;
          if (s.room_id !== undefined) fields.room_id = s.room_id;
          if (s.op === 'insert') fields.id = rowId;
          if (Object.keys(fields).length === 0) fields.notes = `note ${i}`;
          const at = hlc(s.ms * 1000, s.counter, s.device);
          changes.push({ device_id: s.device, op: s.op, changes: fields, hlc: at });
          return { op: s.op, changes: fields, hlc: at, device: s.device };
        });
        // One push per device, devices in a seed-dependent order.
        const order = [...devices].sort((a, b) => ((a.charCodeAt(5) * seed) % 7) - ((b.charCodeAt(5) * seed) % 7));
        for (const device of order) {
          const run = `${device}-${rowId}`;
          const batch = entries
            .filter((e) => e.device === device)
            .map((e, i) => change(practiceId, { table_name: 'visit', row_id: rowId, op: e.op, changes: e.changes, hlc: e.hlc, device_id: run, device_seq: i + 1 }));
          if (batch.length === 0) continue;
          const { error } = await ana.rpc('sync_push', { batch });
          expect(error).toBeNull();
        }
        // The hub's device ids carry the row id (each run is its own set of devices); the merge keys by device.
        const expected = mergeRow(tableRule('visit')!, changes);
        const actual = await rowState('visit', rowId);
        if (expected.kind === 'no-insert') expect(actual).toBeUndefined();
        else expect(actual).toEqual(expected.values);
      }),
      { numRuns: 60 },
    );
  });

  it('a device\'s own latest status stands (a requeue), and the furthest across devices wins', async () => {
    const rowId = randomUUID();
    const push = (device: string, seq: number, op: string, at: string, changes: Record<string, unknown>) =>
      ana.rpc('sync_push', { batch: [change(practiceId, { table_name: 'visit', row_id: rowId, op, hlc: at, device_id: `${device}-${rowId}`, device_seq: seq, changes })] });
    await push('desk-1', 1, 'insert', hlc(0, 0, 'desk-1'), { id: rowId, status: 'WAITING' });
    await push('desk-1', 2, 'update', hlc(1000, 0, 'desk-1'), { status: 'CALLED' });
    await push('desk-1', 3, 'update', hlc(2000, 0, 'desk-1'), { status: 'WAITING' });
    expect(await rowState('visit', rowId)).toEqual({ id: rowId, status: 'WAITING' });
    // Another desk's CALLED under an older clock is further than desk 1's WAITING.
    await push('desk-2', 1, 'update', hlc(500, 0, 'desk-2'), { status: 'CALLED' });
    expect(await rowState('visit', rowId)).toEqual({ id: rowId, status: 'CALLED' });
  });
});

describe('ledgers', () => {
  it('keep the earliest insert, whatever arrives later', async () => {
    const rowId = randomUUID();
    const late = change(practiceId, { table_name: 'payment', row_id: rowId, device_id: 'till-2', device_seq: 1, hlc: hlc(5000, 0, 'till-2'), changes: { id: rowId, amount_minor: 900 } });
    const early = change(practiceId, { table_name: 'payment', row_id: rowId, device_id: 'till-1', device_seq: 1, hlc: hlc(1000, 0, 'till-1'), changes: { id: rowId, amount_minor: 500, method: 'CASH' } });
    expect((await ana.rpc('sync_push', { batch: [late] })).error).toBeNull();
    expect(await rowState('payment', rowId)).toEqual({ id: rowId, amount_minor: 900 });
    expect((await ana.rpc('sync_push', { batch: [early] })).error).toBeNull();
    expect(await rowState('payment', rowId)).toEqual({ id: rowId, amount_minor: 500, method: 'CASH' });
  });

  it('refuse updates, whole batch, with a clear message', async () => {
    const device = `till-${randomUUID()}`;
    const rowId = randomUUID();
    const batch = [
      change(practiceId, { table_name: 'payment', row_id: rowId, device_id: device, device_seq: 1, changes: { id: rowId, amount_minor: 500 } }),
      change(practiceId, { table_name: 'payment', row_id: rowId, device_id: device, device_seq: 2, op: 'update', changes: { amount_minor: 5 } }),
    ];
    const { error, status } = await ana.rpc('sync_push', { batch });
    expect(status).toBe(400);
    expect(error?.message).toBe('sync_push: entry 2 updates a row of payment, which is append-only; nothing was applied');
    expect(await rowState('payment', rowId)).toBeUndefined();
  });
});

describe('sync_push', () => {
  it('refuses a status its machine does not have', async () => {
    const { error, status } = await ana.rpc('sync_push', { batch: [change(practiceId, { table_name: 'visit', changes: { status: 'DONE' } })] });
    expect(status).toBe(400);
    expect(error?.message).toBe('sync_push: entry 1 sets visit.status to "DONE", which is not one of its statuses; nothing was applied');
  });

  it('refuses what every device would refuse: no column, a bad column name, a value that is not a string, number or null', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{}, 'sync_push: entry 1 changes no column'],
      [{ 'Drop Table': 'x' }, 'sync_push: entry 1 names column "Drop Table", which is not a column name'],
      [{ notes: 'x', is_active: true }, 'sync_push: entry 1 sets is_active to a JSON boolean; a column holds a string, a number or null'],
      [{ notes: { nested: 1 } }, 'sync_push: entry 1 sets notes to a JSON object; a column holds a string, a number or null'],
    ];
    for (const [changes, message] of cases) {
      const { error, status } = await ana.rpc('sync_push', { batch: [change(practiceId, { changes })] });
      expect(status).toBe(400);
      expect(error?.message).toBe(message);
    }
  });

  it('does not materialise a row before its insert', async () => {
    const rowId = randomUUID();
    await ana.rpc('sync_push', { batch: [change(practiceId, { row_id: rowId, op: 'update', device_id: 'd-upd', device_seq: 1, hlc: hlc(9000, 0, 'd-upd'), changes: { notes: 'later' } })] });
    expect(await rowState('patient', rowId)).toBeUndefined();
    await ana.rpc('sync_push', { batch: [change(practiceId, { row_id: rowId, device_id: 'd-ins', device_seq: 1, hlc: hlc(1000, 0, 'd-ins'), changes: { id: rowId, notes: 'first', first_name: 'Rex' } })] });
    expect(await rowState('patient', rowId)).toEqual({ id: rowId, notes: 'later', first_name: 'Rex' });
  });

  it('loses nothing when many devices push to one row at once', async () => {
    const rowId = randomUUID();
    await ana.rpc('sync_push', { batch: [change(practiceId, { row_id: rowId, device_id: `origin-${rowId}`, device_seq: 1, changes: { id: rowId } })] });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        ana.rpc('sync_push', {
          batch: [change(practiceId, { row_id: rowId, op: 'update', device_id: `d${i}-${rowId}`, device_seq: 1, hlc: hlc(i, 0, `d${i}`), changes: { [`col_${i}`]: i } })],
        })),
    );
    for (const r of results) expect(r.error).toBeNull();
    expect(await rowState('patient', rowId)).toEqual({ id: rowId, ...Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`col_${i}`, i])) });
  });

  it('row_state equals a rebuild from the whole stream', async () => {
    const db = await hub().connect();
    try {
      await db.query('BEGIN');
      const before = await db.query('SELECT practice_id, table_name, row_id, data, column_hlc, last_seq FROM hub.row_state ORDER BY 1, 2, 3');
      expect(before.rows.length).toBeGreaterThan(10);
      await db.query('SELECT hub.rebuild_row_state()');
      const after = await db.query('SELECT practice_id, table_name, row_id, data, column_hlc, last_seq FROM hub.row_state ORDER BY 1, 2, 3');
      expect(after.rows).toEqual(before.rows);
    } finally {
      await db.query('ROLLBACK');
      await db.end();
    }
  });
});

describe('bases (migration 0003): status versions written over are dropped, as mergeRow drops them', () => {
  const devices = ['desk-1', 'desk-2', 'desk-3'];
  it('for random visit change sets whose later changes name earlier statuses in their bases', async () => {
    const spec = fc.record({
      device: fc.constantFrom(...devices),
      gap: fc.integer({ min: 1, max: 3 }),
      status: fc.constantFrom(...VISIT_STATUSES),
      bases: fc.option(fc.array(fc.nat(), { maxLength: 3 }), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(spec, { minLength: 1, maxLength: 8 }), fc.integer(), async (specs, seed) => {
        const rowId = randomUUID();
        const changes: RowChange[] = [];
        let ms = 0;
        const entries = specs.map((s, i) => {
          ms += s.gap * 1000;
          const at = hlc(ms, 0, s.device);
          const op = i === 0 ? ('insert' as const) : ('update' as const);
          const fields: Record<string, string> = op === 'insert' ? { id: rowId, status: s.status } : { status: s.status };
          const earlier = changes.map((c) => c.hlc);
          const bases = s.bases && earlier.length > 0 ? { status: [...new Set(s.bases.map((k) => earlier[k % earlier.length]!))].sort() } : null;
          changes.push({ device_id: s.device, op, changes: fields, hlc: at, bases });
          return { op, changes: fields, hlc: at, device: s.device, bases };
        });
        await pushPerDevice('visit', rowId, entries, seed);
        const expected = mergeRow(tableRule('visit')!, changes);
        expect(await rowState('visit', rowId)).toEqual(expected.kind === 'row' ? expected.values : undefined);
      }),
      { numRuns: 60 },
    );
  });

  it('for random consultation change sets signed and edited concurrently: the signed text stands, as on devices (migration 0011)', async () => {
    const spec = fc.record({
      device: fc.constantFrom(...devices),
      gap: fc.integer({ min: 1, max: 3 }),
      sign: fc.boolean(),
      plan: fc.option(fc.constantFrom('rest', 'antibiotics', 'review in 10 days'), { nil: null }),
      writesPlan: fc.boolean(),
      // Indexes into earlier plan versions; null: bases not recorded.
      bases: fc.option(fc.array(fc.nat(), { maxLength: 3 }), { nil: null, freq: 4 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(spec, { minLength: 1, maxLength: 8 }), fc.integer(), async (specs, seed) => {
        const rowId = randomUUID();
        const changes: RowChange[] = [];
        let ms = 0;
        const entries = specs.map((s, i) => {
          ms += s.gap * 1000;
          const at = hlc(ms, 0, s.device);
          const op = i === 0 ? ('insert' as const) : ('update' as const);
          const fields: Record<string, string | null> = op === 'insert' ? { id: rowId, status: 'draft', plan: s.plan } : {};
          if (op === 'update' && s.sign) fields.status = 'signed';
          if (op === 'update' && (s.writesPlan || !s.sign)) fields.plan = s.plan;
          const earlier = changes.filter((c) => 'plan' in c.changes).map((c) => c.hlc);
          const bases = 'plan' in fields && op === 'update' && s.bases && earlier.length > 0 ? { plan: [...new Set(s.bases.map((k) => earlier[k % earlier.length]!))].sort() } : null;
          changes.push({ device_id: s.device, op, changes: fields, hlc: at, bases });
          return { op, changes: fields, hlc: at, device: s.device, bases };
        });
        await pushPerDevice('consultation', rowId, entries, seed);
        const expected = mergeRow(tableRule('consultation')!, changes);
        expect(await rowState('consultation', rowId)).toEqual(expected.kind === 'row' ? expected.values : undefined);
      }),
      { numRuns: 80 },
    );
  });

  it('a manager\'s pick between two end states stands on the hub, and sync_pull serves its bases', async () => {
    const rowId = randomUUID();
    const push = (device: string, seq: number, op: string, at: string, changes: Record<string, unknown>, bases?: unknown) =>
      ana.rpc('sync_push', { batch: [{ ...change(practiceId, { table_name: 'visit', row_id: rowId, op, hlc: at, device_id: `${device}-${rowId}`, device_seq: seq, changes }), bases }] });
    expect((await push('desk-1', 1, 'insert', hlc(0, 0, 'desk-1'), { id: rowId, status: 'WAITING' })).error).toBeNull();
    await push('desk-1', 2, 'update', hlc(1000, 0, 'desk-1'), { status: 'COMPLETED' });
    await push('desk-2', 1, 'update', hlc(2000, 0, 'desk-2'), { status: 'CANCELLED' });
    expect(await rowState('visit', rowId)).toEqual({ id: rowId, status: 'CANCELLED' });
    const bases = { status: [hlc(1000, 0, 'desk-1'), hlc(2000, 0, 'desk-2')] };
    expect((await push('desk-2', 2, 'update', hlc(3000, 0, 'desk-2'), { status: 'COMPLETED' }, bases)).error).toBeNull();
    expect(await rowState('visit', rowId)).toEqual({ id: rowId, status: 'COMPLETED' });
    // A replay with other bases is refused; the same one is a duplicate.
    const replay = await push('desk-2', 2, 'update', hlc(3000, 0, 'desk-2'), { status: 'COMPLETED' }, { status: [hlc(1000, 0, 'desk-1')] });
    expect(replay.error?.message).toMatch(/already pushed with different content/);
    expect((await push('desk-2', 2, 'update', hlc(3000, 0, 'desk-2'), { status: 'COMPLETED' }, bases)).data).toMatchObject({ duplicates: 1 });

    const { data } = await ana.rpc('sync_pull', { since: 0, page_size: 1000 });
    const served = (data as { changes: { row_id: string; device_seq: number; bases: unknown }[] }).changes.filter((c) => c.row_id === rowId);
    expect(served.map((c) => c.bases)).toEqual([null, null, null, bases]);
  });

  it('sync_push refuses bases that are not a list of older HLCs for columns the change sets', async () => {
    const at = hlc(5000, 0, 'device-a');
    const cases: Array<[unknown, string]> = [
      [['x'], 'sync_push: entry 1 has bases that are not an object'],
      [{ breed: [hlc(1000, 0, 'device-a')] }, 'sync_push: entry 1 has bases for breed, which the change does not set'],
      [{ notes: hlc(1000, 0, 'device-a') }, 'sync_push: entry 1 has bases for notes that are not a list of at most 64 HLCs older than the change'],
      [{ notes: ['yesterday'] }, 'sync_push: entry 1 has bases for notes that are not a list of at most 64 HLCs older than the change'],
      [{ notes: [at] }, 'sync_push: entry 1 has bases for notes that are not a list of at most 64 HLCs older than the change'],
    ];
    for (const [bases, message] of cases) {
      const { error, status } = await ana.rpc('sync_push', { batch: [{ ...change(practiceId, { op: 'update', hlc: at, changes: { notes: 'x' } }), bases }] });
      expect(status).toBe(400);
      expect(error?.message).toBe(message);
    }
  });
});
