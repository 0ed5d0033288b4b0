/**
 * A status machine as data: which moves are legal, and how far along each
 * status is. Services refuse illegal moves with `explainMove`; the sync
 * engine merges two devices' statuses with `furthestStatus` (COMPLETED beats
 * CHECKED_IN whatever the clocks say), raising a conflict when two different
 * end states meet.
 *
 * @example
 *   const m = statusMachine({ A: ['B'], B: [] }, { A: 0, B: 1 });
 *   m.canMove('A', 'B'); // true
 */
export interface StatusMachine<S extends string> {
  readonly statuses: readonly S[];
  canMove(from: S, to: S): boolean;
  /** Null when legal, else a sentence for the user. */
  explainMove(from: S, to: S, label: (s: S) => string): string | null;
  isFinal(status: S): boolean;
  /** The merged status of two concurrent histories, or 'conflict' for two different end states. */
  furthestStatus(a: S, b: S): S | 'conflict';
}

export function statusMachine<S extends string>(moves: Record<S, readonly S[]>, progress: Record<S, number>): StatusMachine<S> {
  const statuses = Object.keys(moves) as S[];
  const isFinal = (s: S) => moves[s].length === 0;
  return {
    statuses,
    canMove: (from, to) => moves[from].includes(to),
    explainMove(from, to, label) {
      if (moves[from].includes(to)) return null;
      if (from === to) return `It is already ${label(to)}.`;
      if (isFinal(from)) return `It is ${label(from)}; nothing can change that.`;
      return `It cannot go from ${label(from)} to ${label(to)}; next can be ${moves[from].map(label).join(' or ')}.`;
    },
    isFinal,
    furthestStatus(a, b) {
      if (a === b) return a;
      if (isFinal(a) && isFinal(b)) return 'conflict';
      if (progress[a] === progress[b]) return a < b ? a : b; // same stage, different branch: pick deterministically
      return progress[a] > progress[b] ? a : b;
    },
  };
}
