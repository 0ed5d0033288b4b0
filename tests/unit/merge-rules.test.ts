import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appointmentStatus, APPOINTMENT_STATUSES, visitStatus, VISIT_STATUSES } from '../../shared/domain/reception-status';
import { mergeLww, mergeStatus, textState, type TextVersion, type Versioned } from '../../sync/merge/column-merge';
import { formatHlc } from '../../sync/hlc';

const hlcArb = fc.record({ ms: fc.integer({ min: 1_700_000_000_000, max: 1_700_000_100_000 }), counter: fc.integer({ min: 0, max: 3 }), node: fc.constantFrom('dev-a', 'dev-b', 'dev-c') })
  .map(({ ms, counter, node }) => formatHlc(ms, counter, node));

/** Versions with distinct HLCs (an HLC names one change). */
const versionsOf = <T>(value: fc.Arbitrary<T>) =>
  fc.uniqueArray(fc.record({ value, hlc: hlcArb }), { selector: (v) => v.hlc, minLength: 1, maxLength: 8 });

const fold = <V>(merge: (a: V, b: V) => V, list: readonly V[]) => list.slice(1).reduce(merge, list[0]!);

describe('merge rules are joins: any order, any grouping, repeats — same result', () => {
  it('last-writer-wins per column', () => {
    fc.assert(
      fc.property(versionsOf(fc.string()), fc.array(fc.nat()), (versions, order) => {
        const shuffled = shuffle(versions, order);
        const doubled = [...shuffled, ...versions]; // duplicated delivery
        expect(fold(mergeLww, shuffled)).toEqual(fold(mergeLww, versions));
        expect(fold(mergeLww, doubled)).toEqual(fold(mergeLww, versions));
        expect(fold(mergeLww, versions).hlc).toBe([...versions].map((v) => v.hlc).sort().at(-1));
      }),
      { numRuns: 300 },
    );
  });

  it('status machines: the furthest state wins whatever the clock says', () => {
    for (const [machine, statuses] of [
      [visitStatus, VISIT_STATUSES],
      [appointmentStatus, APPOINTMENT_STATUSES],
    ] as const) {
      const merge = (a: Versioned, b: Versioned) => mergeStatus(machine, a, b);
      fc.assert(
        fc.property(versionsOf(fc.constantFrom(...statuses)), fc.array(fc.nat()), (versions, order) => {
          const expected = fold(merge, versions);
          expect(fold(merge, shuffle(versions, order))).toMatchObject({ value: expected.value, hlc: expected.hlc });
          expect(fold(merge, [...versions, ...versions])).toMatchObject({ value: expected.value, hlc: expected.hlc });
        }),
        { numRuns: 300 },
      );
    }
    // COMPLETED at an older clock still beats CALLED at a newer one.
    expect(mergeStatus(visitStatus, { value: 'COMPLETED', hlc: 'h1' }, { value: 'CALLED', hlc: 'h9' })).toEqual({ value: 'COMPLETED', hlc: 'h9', conflict: false });
    // Two different end states: deterministic value, flagged for a person.
    const ends = mergeStatus(appointmentStatus, { value: 'NO_SHOW', hlc: 'h1' }, { value: 'COMPLETED', hlc: 'h2' });
    expect(ends).toEqual({ value: 'COMPLETED', hlc: 'h2', conflict: true });
    expect(mergeStatus(appointmentStatus, { value: 'COMPLETED', hlc: 'h2' }, { value: 'NO_SHOW', hlc: 'h1' })).toEqual(ends);
  });
});

describe('clinical free text keeps both versions of concurrent edits', () => {
  const v = (hlc: string, value: string, bases: string[] = []): TextVersion => ({ hlc, value, bases });

  it('an edit on top of another supersedes it; two blind edits are both heads until resolved', () => {
    const first = v('h1', 'Asthma since childhood');
    const onTop = v('h2', 'Asthma since childhood; inhaler as needed', ['h1']);
    expect(textState([first, onTop])).toEqual({ shown: onTop, heads: [onTop] });

    const laptop = v('h3', 'Asthma; salbutamol 2 puffs PRN', ['h2']);
    const desk = v('h4', 'Asthma; allergic to aspirin', ['h2']);
    const conflicted = textState([first, onTop, desk, laptop]);
    expect(conflicted.heads).toEqual([laptop, desk]);
    expect(conflicted.shown).toEqual(desk);

    const resolved = v('h5', 'Asthma; salbutamol 2 puffs PRN; allergic to aspirin', ['h3', 'h4']);
    expect(textState([laptop, resolved, desk, first, onTop])).toEqual({ shown: resolved, heads: [resolved] });
  });

  it('is a function of the set of versions, whatever order or repeats they arrive in', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(hlcArb, { minLength: 1, maxLength: 8 }),
        fc.array(fc.array(fc.nat(), { maxLength: 2 })),
        fc.array(fc.nat()),
        (hlcs, baseChoices, order) => {
          const sorted = [...hlcs].sort();
          // Each version may be based on any earlier ones.
          const versions = sorted.map((hlc, i) => v(hlc, `text ${i}`, i === 0 ? [] : (baseChoices[i] ?? []).map((k) => sorted[k % i]!)));
          const expected = textState(versions);
          expect(textState(shuffle(versions, order))).toEqual(expected);
          expect(textState([...versions, ...shuffle(versions, order)])).toEqual(expected);
          expect(expected.shown).toEqual(expected.heads.at(-1));
        },
      ),
      { numRuns: 300 },
    );
  });
});

function shuffle<T>(list: readonly T[], order: readonly number[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = (order[i] ?? i) % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
