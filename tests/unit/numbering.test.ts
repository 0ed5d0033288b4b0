import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bookingRefClashes, bookingRefFor, queueNumberClashes, renumberQueueClashes, type NumberedVisit } from '../../shared/domain/numbering';

const visit = (id: string, series: string, number: number, checkedInAt: string): NumberedVisit => ({ id, day: '2026-11-25', series, number, checkedInAt });

describe('queue numbers from two desks', () => {
  it('lets the patient checked in first keep a shared number and renumbers the others after the series', () => {
    const visits = [
      visit('v3', 'A', 2, '2026-11-25T07:10:00Z'), // desk 2's A-2, checked in later
      visit('v1', 'A', 1, '2026-11-25T07:00:00Z'),
      visit('v2', 'A', 2, '2026-11-25T07:05:00Z'), // desk 1's A-2
      visit('v4', 'A', 3, '2026-11-25T07:20:00Z'),
      visit('v5', 'B', 2, '2026-11-25T07:06:00Z'), // another series: no clash
    ];
    expect([...queueNumberClashes(visits)]).toEqual([['v3', 'v2']]);
    expect(renumberQueueClashes(visits)).toEqual([{ id: 'v3', number: 4 }]);
  });

  it('gives the same answer whatever order the visits arrive in', () => {
    const arb = fc.array(
      fc.record({ id: fc.uuid(), series: fc.constantFrom('A', 'B'), number: fc.integer({ min: 1, max: 4 }), minute: fc.integer({ min: 0, max: 59 }) }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(arb, fc.integer(), (rows, seed) => {
        const visits = rows.map((r) => visit(r.id, r.series, r.number, `2026-11-25T07:${String(r.minute).padStart(2, '0')}:00Z`));
        const shuffled = [...visits].sort((a, b) => ((a.id.charCodeAt(3) * seed) % 7) - ((b.id.charCodeAt(3) * seed) % 7));
        const moved = renumberQueueClashes(visits);
        expect(renumberQueueClashes(shuffled)).toEqual(moved);
        // After renumbering, no two visits share a label.
        const after = visits.map((v) => ({ ...v, number: moved.find((m) => m.id === v.id)?.number ?? v.number }));
        expect(queueNumberClashes(after).size).toBe(0);
      }),
      { numRuns: 200 },
    );
  });
});

describe('booking references', () => {
  it('come from the appointment id, readable over the phone, and differ per attempt', () => {
    const id = '019ac2f4-6a1b-7c3d-8e9f-0a1b2c3d4e5f';
    expect(bookingRefFor(id)).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(bookingRefFor(id)).toBe(bookingRefFor(id));
    expect(bookingRefFor(id, 1)).not.toBe(bookingRefFor(id));
    expect(bookingRefFor('019ac2f4-6a1b-7c3d-8e9f-0a1b2c3d4e60')).not.toBe(bookingRefFor(id));
  });

  it('resolves a clash deterministically: the lower id keeps it, the other takes a free one', () => {
    const list = [
      { id: '019ac2f4-0000-7000-8000-000000000002', bookingRef: 'AAAA-BBBB' },
      { id: '019ac2f4-0000-7000-8000-000000000001', bookingRef: 'AAAA-BBBB' },
      { id: '019ac2f4-0000-7000-8000-000000000003', bookingRef: 'CCCC-DDDD' },
    ];
    const moves = bookingRefClashes(list);
    expect(moves).toHaveLength(1);
    expect(moves[0]!.id).toBe('019ac2f4-0000-7000-8000-000000000002');
    expect(['AAAA-BBBB', 'CCCC-DDDD']).not.toContain(moves[0]!.bookingRef);
    expect(bookingRefClashes([...list].reverse())).toEqual(moves);
  });
});
