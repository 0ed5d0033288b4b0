import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LocalDatabase } from '../../electron/db/database';
import { insertSynced, updateSynced } from '../../electron/db/synced-rows';
import { formatHlc, HybridLogicalClock, parseHlc } from '../../sync/hlc';
import { MAX_PUSH_BATCH } from '../../sync/hub/contract';
import { applyRemoteChanges, primeClockFromInbox } from '../../sync/engine/apply';
import { mergeRow, type RowChange } from '../../sync/engine/merge-row';
import { acknowledgeThrough, entriesToPush, outboxStatus, quarantine } from '../../sync/engine/outbox';
import { columnMerge, SYNCED_TABLE_NAMES, TABLE_RULES, tableRule } from '../../sync/engine/table-rules';
import { openReplica, type Replica } from './devices';

let replica: Replica;
let db: LocalDatabase;
let now: number;
beforeEach(async () => {
  now = Date.parse('2026-11-25T08:00:00.000Z');
  replica = await openReplica(() => now);
  db = replica.db;
});
afterEach(() => replica.close());

const PRACTICE = '01900000-0000-7000-8000-0000000000aa';
function writeRooms(n: number, withPractice = true): string[] {
  return db.transaction('user-1', () => {
    const ids = withPractice
      ? [insertSynced(db, 'practice', PRACTICE, { name: 'P', kind: 'medical', allowed_species: '[]', currency: 'ZAR', tax_rate_bp: 0, time_zone: 'UTC' }, PRACTICE)]
      : [];
    for (let i = 0; i < n; i++) ids.push(insertSynced(db, 'room', PRACTICE, { name: `Room ${i}`, is_active: 1 }));
    return ids;
  });
}

describe('table rules', () => {
  it('name every table the migrations capture, ledgers exactly the append-only ones', () => {
    const triggers = db.sqlite.prepare("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'").all() as { name: string; tbl_name: string }[];
    const captured = triggers.filter((t) => t.name.endsWith('_capture_insert')).map((t) => t.tbl_name);
    expect([...SYNCED_TABLE_NAMES].sort()).toEqual([...new Set(captured)].sort());
    const appendOnly = triggers.filter((t) => t.name.endsWith('_append_only')).map((t) => t.tbl_name);
    expect(TABLE_RULES.filter((r) => r.kind === 'ledger').map((r) => r.table).sort()).toEqual(appendOnly.sort());
    expect(columnMerge(tableRule('visit')!, 'status')).toBe('status');
    expect(columnMerge(tableRule('appointment')!, 'status')).toBe('status');
    expect(columnMerge(tableRule('patient')!, 'status')).toBe('lww'); // active/inactive is not a machine
    expect(columnMerge(tableRule('medical_history')!, 'notes')).toBe('clinical-text');
    expect(tableRule('user_credential')).toBeUndefined();
  });
});

describe('merged rows', () => {
  const rule = tableRule('visit')!;
  const hlc = fc
    .record({ ms: fc.integer({ min: 0, max: 20 }), counter: fc.integer({ min: 0, max: 2 }), node: fc.constantFrom('dev-a', 'dev-b', 'dev-c') })
    .map(({ ms, counter, node }) => ({ hlc: formatHlc(1_800_000_000_000 + ms, counter, node), node }));
  const change = fc
    .record({
      at: hlc,
      insert: fc.boolean(),
      status: fc.option(fc.constantFrom('WAITING', 'CALLED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED'), { nil: undefined }),
      room: fc.option(fc.constantFrom('r1', 'r2', null), { nil: undefined }),
    })
    .map(({ at, insert, status, room }): RowChange => {
      const changes: Record<string, string | null> = insert ? { id: 'v1', status: status ?? 'WAITING', queue_series: room ?? null } : {};
      if (status !== undefined) changes.status = status;
      if (room !== undefined) changes.queue_series = room;
      if (Object.keys(changes).length === 0) changes.called_at = at.hlc;
      return { device_id: at.node, op: insert ? 'insert' : 'update', changes, hlc: at.hlc };
    });

  // HLCs may repeat here with different content (a faulty device): still one answer.
  it('are a function of the set of changes: any order, any repeats', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 12 }), fc.array(fc.nat()), (changes, order) => {
        const shuffled = [...changes];
        if (shuffled.length > 0) {
          order.forEach((n, i) => {
            const j = n % shuffled.length;
            const k = i % shuffled.length;
            [shuffled[j], shuffled[k]] = [shuffled[k]!, shuffled[j]!];
          });
        }
        const doubled = [...shuffled, ...changes.slice(0, order.length % (changes.length + 1))];
        expect(mergeRow(rule, shuffled)).toEqual(mergeRow(rule, changes));
        expect(mergeRow(rule, doubled)).toEqual(mergeRow(rule, changes));
      }),
      { numRuns: 300 },
    );
  });

  it("take a device's own latest status, then the furthest across devices; ledgers take the insert", () => {
    const at = (ms: number, node: string) => formatHlc(1_800_000_000_000 + ms, 0, node);
    const insert: RowChange = { device_id: 'a', op: 'insert', changes: { id: 'v1', status: 'WAITING' }, hlc: at(0, 'a') };
    const called: RowChange = { device_id: 'a', op: 'update', changes: { status: 'CALLED' }, hlc: at(1, 'a') };
    const requeued: RowChange = { device_id: 'a', op: 'update', changes: { status: 'WAITING' }, hlc: at(2, 'a') };
    expect(mergeRow(rule, [insert, called, requeued])).toMatchObject({ values: { status: 'WAITING' } });
    const elsewhere: RowChange = { device_id: 'b', op: 'update', changes: { status: 'IN_PROGRESS' }, hlc: at(1, 'b') };
    expect(mergeRow(rule, [insert, called, requeued, elsewhere])).toMatchObject({ values: { status: 'IN_PROGRESS' } });
    const done: RowChange = { device_id: 'a', op: 'update', changes: { status: 'COMPLETED' }, hlc: at(3, 'a') };
    const cancelled: RowChange = { device_id: 'b', op: 'update', changes: { status: 'CANCELLED' }, hlc: at(4, 'b') };
    expect(mergeRow(rule, [insert, done, cancelled])).toEqual({ kind: 'row', values: { id: 'v1', status: 'CANCELLED' }, conflicts: ['status'] });
    expect(mergeRow(rule, [called])).toEqual({ kind: 'no-insert' });
    const payment = tableRule('payment')!;
    const p1: RowChange = { device_id: 'a', op: 'insert', changes: { id: 'p', amount_minor: 5 }, hlc: at(0, 'a') };
    expect(mergeRow(payment, [p1])).toEqual({ kind: 'row', values: { id: 'p', amount_minor: 5 }, conflicts: [] });
  });
});

describe('the outbox, push side', () => {
  it('hands out entries after the last acknowledged one, in order, as the hub push payload, in batches', () => {
    const [, room] = writeRooms(3);
    db.transaction('user-2', () => updateSynced(db, 'room', room!, { name: 'Renamed' }));
    const all = entriesToPush(db);
    expect(all.map((e) => e.device_seq)).toEqual([1, 2, 3, 4, 5]);
    expect(all[0]).toEqual({
      practice_id: PRACTICE,
      table_name: 'practice',
      row_id: PRACTICE,
      op: 'insert',
      changes: expect.objectContaining({ id: PRACTICE, name: 'P', tax_rate_bp: 0 }),
      hlc: expect.stringMatching(/-0000-/),
      device_id: db.deviceId,
      device_seq: 1,
      actor: 'user-1',
    });
    expect(all[4]).toMatchObject({ op: 'update', row_id: room, changes: { name: 'Renamed' }, actor: 'user-2' });
    expect(entriesToPush(db, 2).map((e) => e.device_seq)).toEqual([1, 2]);
    expect(entriesToPush(db, 10 * MAX_PUSH_BATCH)).toHaveLength(5);

    expect(acknowledgeThrough(db, 2)).toBe(2);
    expect(entriesToPush(db).map((e) => e.device_seq)).toEqual([3, 4, 5]);
    expect(acknowledgeThrough(db, 1)).toBe(2); // a late acknowledgement never moves it back
    expect(() => acknowledgeThrough(db, 6)).toThrow(/outbox ends at 5/);
  });

  it('skips quarantined entries without blocking the ones behind, and reports what waits since when', () => {
    expect(outboxStatus(db)).toEqual({ waiting: 0, oldestWaitingAt: null, quarantined: 0, pushedThrough: 0 });
    writeRooms(2);
    now += 60_000;
    writeRooms(1, false);
    quarantine(db, 1, 'hub: practice_id is not a uuid');
    quarantine(db, 1, 'hub: still refused');
    expect(entriesToPush(db).map((e) => e.device_seq)).toEqual([2, 3, 4]);
    expect(db.sqlite.prepare('SELECT reason FROM sync_quarantine WHERE seq = 1').pluck().get()).toBe('hub: still refused');
    expect(outboxStatus(db)).toEqual({ waiting: 3, oldestWaitingAt: '2026-11-25T08:00:00.000Z', quarantined: 1, pushedThrough: 0 });
    acknowledgeThrough(db, 3);
    expect(outboxStatus(db)).toEqual({ waiting: 1, oldestWaitingAt: '2026-11-25T08:01:00.000Z', quarantined: 1, pushedThrough: 3 });
    expect(() => quarantine(db, 99, 'x')).toThrow(/No outbox entry 99/);
  });
});

describe('the clock after receiving', () => {
  it('sorts after a remote timestamp from the same millisecond with a higher counter', () => {
    const clock = new HybridLogicalClock('dev-a', () => 7_000);
    const remoteClock = new HybridLogicalClock('dev-b', () => 7_000);
    let remote = '';
    for (let i = 0; i < 5; i++) remote = remoteClock.tick();
    clock.receive(remote);
    const next = clock.tick();
    expect(next > remote).toBe(true);
    expect(parseHlc(next)).toMatchObject({ wallMs: 7_000, counter: 5 });
  });

  it('after a restart, learns the newest received change from the inbox', () => {
    const remote = formatHlc(now, 7, 'dev-remote');
    const change = {
      practice_id: PRACTICE,
      table_name: 'room',
      row_id: 'r1',
      op: 'insert',
      changes: { id: 'r1', practice_id: PRACTICE, name: 'Room', is_active: 1, created_at: 'x', updated_at: 'x', deleted_at: null },
      hlc: remote,
      device_id: 'dev-remote',
      device_seq: 1,
      actor: null,
    };
    expect(applyRemoteChanges(db, [change])).toMatchObject({ rejected: [], applied: 1 });
    expect(db.clock.tick() > remote).toBe(true);
    db.initDevice(); // what a restart does: the clock comes back from the outbox alone
    primeClockFromInbox(db);
    expect(db.clock.tick() > remote).toBe(true);
  });
});

describe('the pull cursor', () => {
  it("is saved as the hub gives it, even a lower sequence than the last page's (the hub orders by commit)", () => {
    applyRemoteChanges(db, [], { pullCursor: 50 });
    applyRemoteChanges(db, [], { pullCursor: 41 });
    expect(db.sqlite.prepare("SELECT value FROM sync_meta WHERE key = 'pull_cursor'").pluck().get()).toBe('41');
  });
});
