/**
 * Numbers handed out at the desk that must stay unique per clinic (per day)
 * even when two desks hand them out while cut off from each other.
 *
 * - Queue numbers come in a series per desk ("A-1, A-2…" here, "B-1…" at the
 *   other desk), so desks with different letters never clash. Two desks given
 *   the same letter can clash; `queueNumberClashes` finds that on the merged
 *   data and `renumberQueueClashes` says who keeps the number: the patient
 *   checked in first (then the lower visit id) keeps it, the others take the
 *   next free numbers of the series, in the same order. Both are pure
 *   functions of the set of visits, so every device and the hub reach the
 *   same answer whatever order the changes arrived in.
 * - Booking references are 40 bits drawn from the appointment's own UUIDv7
 *   (`bookingRefFor(id)`): unique in practice, and if two ever meet, the
 *   appointment with the higher id takes `bookingRefFor(id, 1)`, the next
 *   deterministic candidate.
 *
 * @example
 *   renumberQueueClashes([{ id: 'v1', day: 'd', series: 'A', number: 4, checkedInAt: '…09:00' },
 *                         { id: 'v2', day: 'd', series: 'A', number: 4, checkedInAt: '…09:05' }])
 *   // → [{ id: 'v2', number: 5 }]
 */

export interface NumberedVisit {
  id: string;
  day: string;
  series: string | null;
  number: number | null;
  checkedInAt: string | null;
}

const groupKey = (v: NumberedVisit) => `${v.day}|${v.series}|${v.number}`;
const firstCome = (a: NumberedVisit, b: NumberedVisit) =>
  (a.checkedInAt ?? '').localeCompare(b.checkedInAt ?? '') || a.id.localeCompare(b.id);

/** Visit id → the id of the visit that keeps the number it shares; only visits that must give theirs up. */
export function queueNumberClashes(visits: readonly NumberedVisit[]): Map<string, string> {
  const groups = new Map<string, NumberedVisit[]>();
  for (const v of visits) {
    if (!v.series || v.number === null) continue;
    const list = groups.get(groupKey(v));
    if (list) list.push(v);
    else groups.set(groupKey(v), [v]);
  }
  const losers = new Map<string, string>();
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    const [keeper, ...rest] = [...list].sort(firstCome);
    for (const v of rest) losers.set(v.id, keeper!.id);
  }
  return losers;
}

/** New numbers for the visits that lose a clash: after the highest number of their series that day. */
export function renumberQueueClashes(visits: readonly NumberedVisit[]): { id: string; number: number }[] {
  const losers = queueNumberClashes(visits);
  if (losers.size === 0) return [];
  const highest = new Map<string, number>();
  for (const v of visits) {
    if (!v.series || v.number === null) continue;
    const key = `${v.day}|${v.series}`;
    highest.set(key, Math.max(highest.get(key) ?? 0, v.number));
  }
  return visits
    .filter((v) => losers.has(v.id))
    .sort(firstCome)
    .map((v) => {
      const key = `${v.day}|${v.series}`;
      const number = (highest.get(key) ?? 0) + 1;
      highest.set(key, number);
      return { id: v.id, number };
    });
}

/** Crockford's base-32 alphabet: no I, L, O or U to misread over the phone. */
export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** FNV-1a, 64-bit: a stable spread of the id's bits for later attempts. */
export function fnv1a64(text: string): bigint {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash;
}

/**
 * The booking reference of an appointment: 8 Crockford base-32 characters
 * ("7KQ4-M2XD", easy to read over the phone). Attempt 0 uses the last 40
 * random bits of the UUIDv7; later attempts a hash of id and attempt.
 */
export function bookingRefFor(appointmentId: string, attempt = 0): string {
  const hex = appointmentId.replace(/-/g, '');
  let bits = attempt === 0 && /^[0-9a-f]{32}$/i.test(hex) ? BigInt(`0x${hex.slice(-10)}`) : fnv1a64(`${appointmentId}#${attempt}`);
  let out = '';
  for (let i = 0; i < 8; i += 1) {
    out = CROCKFORD[Number(bits & 31n)]! + out;
    bits >>= 5n;
  }
  return `${out.slice(0, 4)}-${out.slice(4)}`;
}

/**
 * Appointments whose reference a lower-id appointment already holds, with the
 * reference each should take instead (one no other appointment holds).
 */
export function bookingRefClashes(appointments: readonly { id: string; bookingRef: string }[]): { id: string; bookingRef: string }[] {
  const sorted = [...appointments].sort((a, b) => a.id.localeCompare(b.id));
  const taken = new Set(sorted.map((a) => a.bookingRef));
  const kept = new Set<string>();
  const moves: { id: string; bookingRef: string }[] = [];
  for (const a of sorted) {
    if (!kept.has(a.bookingRef)) {
      kept.add(a.bookingRef);
      continue;
    }
    let attempt = 1;
    let ref = bookingRefFor(a.id, attempt);
    while (taken.has(ref)) ref = bookingRefFor(a.id, (attempt += 1));
    taken.add(ref);
    moves.push({ id: a.id, bookingRef: ref });
  }
  return moves;
}
