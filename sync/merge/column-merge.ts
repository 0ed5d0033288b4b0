/**
 * How two versions of one column merge, by the column's class
 * (ARCHITECTURE §4). Every function here is a join: commutative, associative
 * and idempotent over the versions it is given, so the same set of changes
 * gives the same value on every device and on the hub, in any order.
 *
 * @example
 *   mergeLww({ value: 'a', hlc: h1 }, { value: 'b', hlc: h2 }) // the one with the later HLC
 *   mergeStatus(visitStatus, { value: 'COMPLETED', hlc: h1 }, { value: 'CALLED', hlc: h2 }) // COMPLETED
 */
import type { StatusMachine } from '../../shared/domain/status-machine';

export interface Versioned {
  value: unknown;
  /** Hybrid-logical-clock timestamp of the change that set it (sorts as text). */
  hlc: string;
}

/** Per-column last-writer-wins: the later HLC; HLCs are unique per device, so ties are the same change. */
export function mergeLww(a: Versioned, b: Versioned): Versioned {
  return b.hlc > a.hlc ? b : a;
}

export interface StatusMerge extends Versioned {
  /** Two different end states met (COMPLETED here, CANCELLED there): a person must decide. */
  conflict: boolean;
}

/**
 * Status machines merge to the furthest legal state, whatever the clocks say
 * (COMPLETED beats CHECKED_IN). Two different end states are a conflict: the
 * value is still chosen deterministically (the machine's order, then the
 * later HLC) so every node shows the same thing until someone resolves it.
 */
export function mergeStatus(machine: StatusMachine<string>, a: Versioned, b: Versioned): StatusMerge {
  const av = String(a.value);
  const bv = String(b.value);
  if (av === bv) return { ...mergeLww(a, b), conflict: false };
  const furthest = machine.furthestStatus(av, bv);
  if (furthest === 'conflict') {
    const keep = av < bv ? a : b;
    return { value: keep.value, hlc: a.hlc > b.hlc ? a.hlc : b.hlc, conflict: true };
  }
  const winner = furthest === av ? a : b;
  return { value: winner.value, hlc: a.hlc > b.hlc ? a.hlc : b.hlc, conflict: false };
}

/**
 * One saved version of a clinical free-text field (a change that set it).
 * `bases` are the versions its author was looking at: one normally, several
 * when a clinician resolves a conflict by writing over all of them. `null`
 * means "not recorded" (a change made before migration 0008, or through a
 * path that does not record them): it writes over every older version, as
 * last-writer-wins did.
 */
export interface TextVersion extends Versioned {
  bases: readonly string[] | null;
}

export interface TextState {
  /** What the field shows: the newest head, until a clinician resolves the conflict. */
  shown: TextVersion | null;
  /** Versions nobody has written over yet, oldest first; more than one is a conflict. */
  heads: TextVersion[];
}

/**
 * Clinical free text is never silently overwritten: an edit made on top of
 * another supersedes it; edits neither of which saw the other are both kept
 * as heads and the field is in conflict until someone writes over all heads.
 * A pure function of the set of versions, so every node agrees.
 */
export function textState(versions: readonly TextVersion[]): TextState {
  const superseded = new Set(versions.flatMap((v) => v.bases ?? []));
  // An unrecorded base covers everything older than it.
  const overwrittenBelow = versions.reduce((max, v) => (v.bases === null && v.hlc > max ? v.hlc : max), '');
  const unique = new Map<string, TextVersion>();
  // On a (faulty) repeated HLC the first in canonical order stands, as in mergeLww.
  for (const v of [...versions].sort(byHlcThenValue)) if (!unique.has(v.hlc)) unique.set(v.hlc, v);
  const heads = [...unique.values()].filter((v) => !superseded.has(v.hlc) && !(v.hlc < overwrittenBelow)).sort(byHlcThenValue);
  return { shown: heads.at(-1) ?? null, heads };
}

function byHlcThenValue(a: TextVersion, b: TextVersion): number {
  const [x, y] = [`${a.hlc}\u0000${JSON.stringify(a.value)}`, `${b.hlc}\u0000${JSON.stringify(b.value)}`];
  return x < y ? -1 : x > y ? 1 : 0;
}
