/**
 * A signed note shows the text that was signed (TableRule.sealedBy): an edit
 * another device made while the note was being signed stays a head of the
 * field's conflict but is not what the note shows, whatever the clocks say;
 * a clinician's settling (a version written over both) shows; a draft is
 * still last-writer-wins. The same in any order of the changes.
 */
import { describe, expect, it } from 'vitest';
import { formatHlc } from '../../sync/hlc';
import { mergeRow, type RowChange } from '../../sync/engine/merge-row';
import { rowConflicts } from '../../sync/engine/row-conflicts';
import { tableRule } from '../../sync/engine/table-rules';

const T0 = Date.parse('2026-12-01T09:00:00Z');
const rule = tableRule('consultation')!;
const at = (s: number, device: string) => formatHlc(T0 + s * 1000, 0, device);

const insert: RowChange = { device_id: 'laptop', op: 'insert', hlc: at(0, 'laptop'), changes: { id: 'c1', status: 'draft', plan: 'Rest' } };
// The signature restates the text on the version it was signed on.
const sign: RowChange = { device_id: 'laptop', op: 'update', hlc: at(10, 'laptop'), changes: { status: 'signed', plan: 'Rest' }, bases: { plan: [insert.hlc] } };
// The desk edits the draft it still has, a second later by its clock.
const lateEdit: RowChange = { device_id: 'desk', op: 'update', hlc: at(11, 'desk'), changes: { plan: 'Antibiotics' }, bases: { plan: [insert.hlc] } };

function merged(changes: readonly RowChange[]) {
  const row = mergeRow(rule, changes);
  if (row.kind !== 'row') throw new Error('no row');
  return row.values;
}

describe('a signed note’s text', () => {
  it('is the signed version, in any order, with the late edit kept as a conflict head', () => {
    for (const order of [[insert, sign, lateEdit], [lateEdit, insert, sign], [sign, lateEdit, insert]]) {
      expect(merged(order)).toMatchObject({ status: 'signed', plan: 'Rest' });
    }
    const [conflict] = rowConflicts(rule, 'consultation', 'c1', [insert, sign, lateEdit]);
    expect(conflict).toMatchObject({ column: 'plan', state: 'open' });
    expect(conflict!.heads.map((h) => h.value)).toEqual(['Rest', 'Antibiotics']);
  });

  it('is the clinician’s settled version once one writes over both', () => {
    const settle: RowChange = { device_id: 'laptop', op: 'update', hlc: at(20, 'laptop'), changes: { plan: 'Rest; antibiotics if worse' }, bases: { plan: [sign.hlc, lateEdit.hlc] } };
    expect(merged([insert, sign, lateEdit, settle]).plan).toBe('Rest; antibiotics if worse');
  });

  it('is last-writer-wins while the note is a draft, and for a signature that restated nothing (before migration 0015)', () => {
    expect(merged([insert, lateEdit]).plan).toBe('Antibiotics');
    const oldSign: RowChange = { ...sign, changes: { status: 'signed' }, bases: null };
    expect(merged([insert, oldSign, lateEdit]).plan).toBe('Antibiotics');
  });

  it('of two signatures made apart is the later signature’s', () => {
    const otherSign: RowChange = { device_id: 'desk', op: 'update', hlc: at(12, 'desk'), changes: { status: 'signed', plan: 'Antibiotics' }, bases: { plan: [lateEdit.hlc] } };
    expect(merged([insert, sign, lateEdit, otherSign]).plan).toBe('Antibiotics');
    expect(merged([insert, sign, lateEdit]).plan).toBe('Rest');
  });
});
