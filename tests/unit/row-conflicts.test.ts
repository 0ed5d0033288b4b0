/**
 * Merging with bases (migration 0008) is still a function of the set of
 * changes: any order, any repeats give the same row and the same conflicts,
 * with the same ids. Clinical text shown equals last-writer-wins when every
 * base is older than its change (what the hub computes); a status version
 * named in a base is written over.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VISIT_STATUSES } from '../../shared/domain/reception-status';
import { formatHlc } from '../../sync/hlc';
import { mergeRow, type RowChange } from '../../sync/engine/merge-row';
import { conflictId, rowConflicts } from '../../sync/engine/row-conflicts';
import { tableRule } from '../../sync/engine/table-rules';
import { textState, type TextVersion } from '../../sync/merge/column-merge';

const T0 = Date.parse('2026-12-01T09:00:00Z');
const devices = ['desk-1', 'desk-2', 'desk-3'] as const;

function shuffle<T>(list: readonly T[], order: readonly number[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = (order[i] ?? i) % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A row's history: an insert, then edits each based on some earlier versions (or recording none). */
const historyArb = (column: string, values: fc.Arbitrary<string | null>) =>
  fc
    .array(
      fc.record({
        device: fc.constantFrom(...devices),
        gap: fc.integer({ min: 1, max: 3_000 }),
        value: values,
        // Indexes into earlier versions; null: bases not recorded.
        bases: fc.option(fc.array(fc.nat(), { maxLength: 3 }), { nil: null, freq: 5 }),
      }),
      { minLength: 1, maxLength: 9 },
    )
    .map((specs) => {
      let at = T0;
      const changes: RowChange[] = [];
      specs.forEach((s, i) => {
        at += s.gap;
        const hlc = formatHlc(at, 0, s.device);
        const earlier = changes.filter((c) => column in c.changes).map((c) => c.hlc);
        if (i === 0) {
          changes.push({ device_id: s.device, op: 'insert', hlc, changes: { id: 'row-1', [column]: s.value }, actor: `user-${s.device}` });
          return;
        }
        const bases = s.bases === null || earlier.length === 0 ? null : { [column]: [...new Set(s.bases.map((k) => earlier[k % earlier.length]!))] };
        changes.push({ device_id: s.device, op: 'update', hlc, changes: { [column]: s.value }, bases, actor: `user-${s.device}` });
      });
      return changes;
    });

describe('merging with bases is a function of the set of changes', () => {
  const history = tableRule('medical_history')!;
  const visit = tableRule('visit')!;

  it('clinical text: same row and same conflicts in any order, with repeats; shown text is last-writer-wins', () => {
    fc.assert(
      fc.property(historyArb('notes', fc.constantFrom('Alpha', 'Bravo', 'Charlie', null)), fc.array(fc.nat()), (changes, order) => {
        const row = mergeRow(history, changes);
        const conflicts = rowConflicts(history, 'medical_history', 'row-1', changes);
        const replayed = [...shuffle(changes, order), ...shuffle(changes, [...order].reverse())];
        expect(mergeRow(history, replayed)).toEqual(row);
        expect(rowConflicts(history, 'medical_history', 'row-1', replayed)).toEqual(conflicts);

        const versions: TextVersion[] = changes.map((c) => ({ hlc: c.hlc, value: c.changes.notes, bases: c.bases?.notes ?? null }));
        const state = textState(versions);
        expect(row.kind === 'row' && row.values.notes).toEqual(state.shown!.value);
        const open = conflicts.filter((c) => c.state === 'open');
        expect(open.length).toBe(state.heads.length > 1 ? 1 : 0);
        if (open[0]) {
          expect(open[0].heads.map((h) => h.hlc)).toEqual(state.heads.map((h) => h.hlc));
          expect(open[0].id).toBe(conflictId('medical_history', 'row-1', 'notes', state.heads.map((h) => h.hlc)));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('status: same row and same conflicts in any order, with repeats', () => {
    fc.assert(
      fc.property(historyArb('status', fc.constantFrom(...VISIT_STATUSES)), fc.array(fc.nat()), (changes, order) => {
        const row = mergeRow(visit, changes);
        const conflicts = rowConflicts(visit, 'visit', 'row-1', changes);
        const replayed = [...shuffle(changes, order), ...shuffle(changes, order.slice(1))];
        expect(mergeRow(visit, replayed)).toEqual(row);
        expect(rowConflicts(visit, 'visit', 'row-1', replayed)).toEqual(conflicts);
        // An open conflict is exactly what the merge reports.
        expect(conflicts.some((c) => c.state === 'open')).toBe(row.kind === 'row' && row.conflicts.includes('status'));
      }),
      { numRuns: 400 },
    );
  });

  it('a pick names the end states it settles: the pick stands and the conflict is resolved with the same id', () => {
    const at = (ms: number, device: string) => formatHlc(T0 + ms, 0, device);
    const base: RowChange[] = [
      { device_id: 'desk-1', op: 'insert', hlc: at(0, 'desk-1'), changes: { id: 'v', status: 'WAITING' } },
      { device_id: 'desk-1', op: 'update', hlc: at(1000, 'desk-1'), changes: { status: 'COMPLETED' }, actor: 'ana' },
      { device_id: 'desk-2', op: 'update', hlc: at(2000, 'desk-2'), changes: { status: 'CANCELLED' }, actor: 'ben' },
    ];
    expect(mergeRow(visit, base)).toEqual({ kind: 'row', values: { id: 'v', status: 'CANCELLED' }, conflicts: ['status'] });
    const [open] = rowConflicts(visit, 'visit', 'v', base);
    expect(open).toMatchObject({ state: 'open', heads: [{ value: 'COMPLETED', actor: 'ana' }, { value: 'CANCELLED', actor: 'ben' }] });

    const pick: RowChange = { device_id: 'desk-2', op: 'update', hlc: at(3000, 'desk-2'), changes: { status: 'COMPLETED' }, bases: { status: [base[1]!.hlc, base[2]!.hlc] }, actor: 'mia' };
    expect(mergeRow(visit, [...base, pick])).toEqual({ kind: 'row', values: { id: 'v', status: 'COMPLETED' }, conflicts: [] });
    expect(rowConflicts(visit, 'visit', 'v', [pick, ...base])).toEqual([
      { ...open, state: 'resolved', resolution: { hlc: pick.hlc, value: 'COMPLETED', device_id: 'desk-2', actor: 'mia', at: '2026-12-01T09:00:03.000Z' } },
    ]);
  });

  it('an edit made while a text is in conflict writes over the version shown only: the conflict stays', () => {
    const at = (ms: number, device: string) => formatHlc(T0 + ms, 0, device);
    const insert: RowChange = { device_id: 'desk-1', op: 'insert', hlc: at(0, 'desk-1'), changes: { id: 'h', notes: 'A' } };
    const one: RowChange = { device_id: 'desk-1', op: 'update', hlc: at(1000, 'desk-1'), changes: { notes: 'A1' }, bases: { notes: [insert.hlc] } };
    const two: RowChange = { device_id: 'desk-2', op: 'update', hlc: at(2000, 'desk-2'), changes: { notes: 'A2' }, bases: { notes: [insert.hlc] } };
    const onTop: RowChange = { device_id: 'desk-1', op: 'update', hlc: at(3000, 'desk-1'), changes: { notes: 'A2+' }, bases: { notes: [two.hlc] } };
    const conflicts = rowConflicts(history, 'medical_history', 'h', [insert, one, two, onTop]);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ state: 'open', heads: [{ value: 'A1' }, { value: 'A2+' }] });
    // Conflict ids are UUID-shaped (RFC 9562 version 8) and name the versions, not the order they came in.
    expect(conflicts[0]!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(conflictId('medical_history', 'h', 'notes', [onTop.hlc, one.hlc])).toBe(conflicts[0]!.id);
  });
});
