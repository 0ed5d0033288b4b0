/**
 * A practitioner's weekly working hours as the editor holds them: one list of
 * HH:mm intervals per weekday (0 = Sunday), with the client-side checks the
 * server repeats (start before end, no overlaps on a day). Pure functions.
 */
import type { WorkingHours } from '../../../shared/domain/schedule';
import { overlaps } from '../../../shared/domain/schedule';
import { t, type MessageKey } from '../../../shared/i18n';
import { hhmmOf, minutesOf } from '../../reception';

export interface Interval {
  start: string;
  end: string;
}

/** Seven lists, indexed by weekday (0 = Sunday). */
export type Week = Interval[][];

/** Monday first, the way a practice reads its week. */
export const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;

const DAY_KEYS: readonly MessageKey[] = ['rxSetup.day.0', 'rxSetup.day.1', 'rxSetup.day.2', 'rxSetup.day.3', 'rxSetup.day.4', 'rxSetup.day.5', 'rxSetup.day.6'];

export const dayName = (weekday: number): string => t(DAY_KEYS[weekday] ?? 'rxSetup.day.0');

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function toWeek(hours: readonly WorkingHours[]): Week {
  const week: Week = [[], [], [], [], [], [], []];
  for (const h of hours) week[h.weekday]?.push({ start: h.start, end: h.end });
  for (const day of week) day.sort((a, b) => a.start.localeCompare(b.start));
  return week;
}

/** Where each interval lands in the flat list sent to the server, so its errors can be put back. */
function flatOrder(week: Week): { weekday: number; index: number }[] {
  return WEEK_ORDER.flatMap((weekday) => (week[weekday] ?? []).map((_, index) => ({ weekday, index })));
}

export function fromWeek(week: Week): WorkingHours[] {
  return flatOrder(week).map(({ weekday, index }) => {
    const interval = week[weekday]?.[index] ?? { start: '', end: '' };
    return { weekday, start: interval.start, end: interval.end };
  });
}

/** The error key of one field: "1.0.end" is Monday's first interval's end. */
export const fieldKey = (weekday: number, index: number, field: 'start' | 'end') => `${weekday}.${index}.${field}`;

/** Per-field messages: a malformed time, an end not after its start, an interval overlapping an earlier one. */
export function weekErrors(week: Week): Record<string, string> {
  const errors: Record<string, string> = {};
  week.forEach((day, weekday) => {
    day.forEach((interval, index) => {
      const startOk = TIME.test(interval.start);
      const endOk = TIME.test(interval.end);
      if (!startOk) errors[fieldKey(weekday, index, 'start')] = t('rxSetup.badTime');
      if (!endOk) errors[fieldKey(weekday, index, 'end')] = t('rxSetup.badTime');
      if (!startOk || !endOk) return;
      if (interval.start >= interval.end) {
        errors[fieldKey(weekday, index, 'end')] = t('rxSetup.endAfterStart');
        return;
      }
      const earlier = day
        .slice(0, index)
        .find((o) => TIME.test(o.start) && TIME.test(o.end) && o.start < o.end && overlaps(interval.start, interval.end, o.start, o.end));
      if (earlier) errors[fieldKey(weekday, index, 'start')] = t('rxSetup.overlap', { start: earlier.start, end: earlier.end });
    });
  });
  return errors;
}

/** The server's `workingHours.<n>.<field>` errors, moved back onto the editor's fields. */
export function placeServerErrors(fields: Record<string, string>, week: Week): { placed: Record<string, string>; rest: Record<string, string> } {
  const order = flatOrder(week);
  const placed: Record<string, string> = {};
  const rest: Record<string, string> = {};
  for (const [path, message] of Object.entries(fields)) {
    const m = /^workingHours\.(\d+)(?:\.(start|end|weekday))?$/.exec(path);
    const at = m ? order[Number(m[1])] : undefined;
    if (m && at) placed[fieldKey(at.weekday, at.index, m[2] === 'start' ? 'start' : 'end')] = message;
    else rest[path] = message;
  }
  return { placed, rest };
}

/** A sensible next interval for a day: 08:00–17:00 first, then an hour after the last one ends. */
export function nextInterval(day: readonly Interval[]): Interval {
  const last = day[day.length - 1];
  if (!last || !TIME.test(last.end)) return { start: '08:00', end: '17:00' };
  const from = minutesOf(last.end);
  return { start: hhmmOf(from), end: hhmmOf(Math.min(from + 60, 24 * 60 - 1)) };
}

export function sameWeek(a: Week, b: Week): boolean {
  return JSON.stringify(fromWeek(a)) === JSON.stringify(fromWeek(b));
}
