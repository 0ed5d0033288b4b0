/**
 * Diary rules as pure functions: clashes between bookings, working hours as
 * intervals, and the next free slot for a service. The services feed them
 * rows from the database; the UI can run them too.
 */
import { addLocalDays, localToUtc, weekday } from './practice-time';

export interface Booked {
  id: string;
  startAt: string; // UTC ISO
  endAt: string;
  practitionerId: string;
  roomId: string | null;
  patientId: string;
}

export type ClashKind = 'practitioner' | 'room' | 'patient';

export interface Clash {
  kind: ClashKind;
  appointmentId: string;
}

export interface WorkingHours {
  weekday: number; // 0 = Sunday
  start: string; // HH:mm, practice time
  end: string;
}

/** Half-open intervals: 09:00–09:30 and 09:30–10:00 do not overlap. */
export function overlaps(aStart: string, aEnd: string, bStart: string, bEnd: string): boolean {
  return aStart < bEnd && bStart < aEnd;
}

/** Every existing booking the candidate would double-book, by practitioner, room or patient. */
export function findClashes(candidate: Omit<Booked, 'id'> & { id?: string }, existing: readonly Booked[]): Clash[] {
  const clashes: Clash[] = [];
  for (const other of existing) {
    if (other.id === candidate.id || !overlaps(candidate.startAt, candidate.endAt, other.startAt, other.endAt)) continue;
    if (other.practitionerId === candidate.practitionerId) clashes.push({ kind: 'practitioner', appointmentId: other.id });
    if (candidate.roomId && other.roomId === candidate.roomId) clashes.push({ kind: 'room', appointmentId: other.id });
    if (other.patientId === candidate.patientId) clashes.push({ kind: 'patient', appointmentId: other.id });
  }
  return clashes;
}

/** A practitioner's working intervals on one calendar day, as UTC ISO pairs. */
export function workingIntervals(day: string, hours: readonly WorkingHours[], timeZone: string): [string, string][] {
  const dow = weekday(day);
  return hours
    .filter((h) => h.weekday === dow && h.start < h.end)
    .map((h): [string, string] => [localToUtc(`${day}T${h.start}`, timeZone), localToUtc(`${day}T${h.end}`, timeZone)])
    .sort((a, b) => a[0].localeCompare(b[0]));
}

/**
 * The first slot of `minutes` inside working hours, not overlapping `busy`,
 * starting at or after `fromUtc`, on a `stepMinutes` grid, within `days` days.
 */
export function nextFreeSlot(options: {
  fromUtc: string;
  fromDay: string;
  minutes: number;
  hours: readonly WorkingHours[];
  busy: readonly { startAt: string; endAt: string }[];
  timeZone: string;
  stepMinutes?: number;
  days?: number;
}): { startAt: string; endAt: string } | null {
  const step = (options.stepMinutes ?? 15) * 60_000;
  const length = options.minutes * 60_000;
  const busy = [...options.busy].sort((a, b) => a.startAt.localeCompare(b.startAt));
  for (let d = 0; d < (options.days ?? 28); d += 1) {
    const day = addLocalDays(`${options.fromDay}T00:00`, d).slice(0, 10);
    for (const [open, close] of workingIntervals(day, options.hours, options.timeZone)) {
      const openMs = Date.parse(open);
      const earliest = Math.max(openMs, Date.parse(options.fromUtc));
      let start = openMs + Math.ceil((earliest - openMs) / step) * step;
      while (start + length <= Date.parse(close)) {
        const startAt = new Date(start).toISOString();
        const endAt = new Date(start + length).toISOString();
        const blocker = busy.find((b) => overlaps(startAt, endAt, b.startAt, b.endAt));
        if (!blocker) return { startAt, endAt };
        const after = Date.parse(blocker.endAt);
        start = openMs + Math.ceil((after - openMs) / step) * step;
      }
    }
  }
  return null;
}

/** Local start times of a recurring booking: every `everyDays` days, `count` times, same wall-clock time. */
export function recurrenceStarts(firstLocal: string, everyDays: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addLocalDays(firstLocal, i * everyDays));
}
