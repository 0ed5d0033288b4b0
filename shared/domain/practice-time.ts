/**
 * Time is stored as UTC ISO-8601; the practice's time zone is applied at the
 * edges. These convert between the two for a practice.
 *
 * @example localToUtc('2026-03-29T09:30', 'Europe/London') // '2026-03-29T08:30:00.000Z'
 */
import { TZDate } from '@date-fns/tz';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

export function isLocalDateTime(value: string): boolean {
  return LOCAL.test(value);
}

export function localToUtc(local: string, timeZone: string): string {
  const m = LOCAL.exec(local);
  if (!m) throw new Error(`Not a local date-time (YYYY-MM-DDTHH:mm): ${local}`);
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  return new Date(new TZDate(y, mo - 1, d, h, mi, timeZone).getTime()).toISOString();
}

/** The practice's calendar day (YYYY-MM-DD) at a UTC instant. */
export function clinicDay(utcIso: string, timeZone: string): string {
  const local = new TZDate(Date.parse(utcIso), timeZone);
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
}

/** The practice's local wall time (YYYY-MM-DDTHH:mm) at a UTC instant. */
export function utcToLocal(utcIso: string, timeZone: string): string {
  const local = new TZDate(Date.parse(utcIso), timeZone);
  return `${clinicDay(utcIso, timeZone)}T${pad(local.getHours())}:${pad(local.getMinutes())}`;
}

/** Add whole calendar days to a local date-time, keeping the wall-clock time across DST changes. */
export function addLocalDays(local: string, days: number): string {
  const m = LOCAL.exec(local);
  if (!m) throw new Error(`Not a local date-time: ${local}`);
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
  return `${date.toISOString().slice(0, 10)}T${m[4]}:${m[5]}`;
}

/** 0 = Sunday … 6 = Saturday, for a calendar date. */
export function weekday(day: string): number {
  return new Date(`${day}T12:00:00Z`).getUTCDay();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
