/**
 * Reception helpers shared by the diary, booking, queue and payment screens:
 * practice-local wall-clock arithmetic, money text, labels and clash wording.
 * Pure functions; no React.
 */
import { t } from '../shared/i18n';
import type { ClashDetail } from '../shared/api/reception-types';
import { minorDigits } from '../shared/domain/money';
import { addLocalDays, utcToLocal, weekday } from '../shared/domain/practice-time';
import { ApiError } from './api';
import { labelOf } from './format';

export const SLOT_MINUTES = 15;

/** "HH:mm" → minutes after midnight. */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Minutes after midnight → "HH:mm". */
export function hhmmOf(minutes: number): string {
  const clamped = Math.max(0, Math.min(24 * 60 - 1, minutes));
  return `${String(Math.floor(clamped / 60)).padStart(2, '0')}:${String(clamped % 60).padStart(2, '0')}`;
}

/** The practice's wall-clock "now" as YYYY-MM-DDTHH:mm. */
export function localNow(timeZone: string): string {
  return utcToLocal(new Date().toISOString(), timeZone);
}

/** Now, rounded up to the next quarter hour, as { day, time }. */
export function nextQuarterHour(timeZone: string): { day: string; time: string } {
  const now = localNow(timeZone);
  const day = now.slice(0, 10);
  const minutes = Math.ceil(minutesOf(now.slice(11)) / SLOT_MINUTES) * SLOT_MINUTES;
  if (minutes >= 24 * 60) return { day: addLocalDays(`${day}T00:00`, 1).slice(0, 10), time: '00:00' };
  return { day, time: hhmmOf(minutes) };
}

/** A UTC instant as practice-local { day, time }. */
export function localParts(iso: string, timeZone: string): { day: string; time: string } {
  const local = utcToLocal(iso, timeZone);
  return { day: local.slice(0, 10), time: local.slice(11) };
}

export function addDays(day: string, days: number): string {
  return addLocalDays(`${day}T00:00`, days).slice(0, 10);
}

/** The Monday of the week holding `day`. */
export function mondayOf(day: string): string {
  return addDays(day, -((weekday(day) + 6) % 7));
}

/** "Mon 3 Mar" for a calendar date. */
export function shortDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
  return new Intl.DateTimeFormat('en', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(date);
}

/** "Monday 3 March 2026" for a calendar date. */
export function longDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
  return new Intl.DateTimeFormat('en', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** The first and last minute of a diary grid: working hours if any, 07:00–19:00 otherwise, widened to fit the appointments. */
export function gridRange(working: readonly [number, number][], appointments: readonly [number, number][]): [number, number] {
  let start = working.length ? Math.min(...working.map((w) => w[0])) : 7 * 60;
  let end = working.length ? Math.max(...working.map((w) => w[1])) : 19 * 60;
  for (const [s, e] of appointments) {
    start = Math.min(start, s);
    end = Math.max(end, e);
  }
  start = Math.floor(start / 60) * 60;
  end = Math.min(24 * 60, Math.ceil(end / 60) * 60);
  return end > start ? [start, end] : [7 * 60, 19 * 60];
}

/** Minor units as the plain text a receptionist would type ("350.00"). */
export function moneyText(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  if (digits === 0) return String(minor);
  const base = 10 ** digits;
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / base)}.${String(abs % base).padStart(digits, '0')}`;
}

/** "60" or "37.5" (%) → basis points; null if not a percentage. */
export function percentToBp(text: string): number | null {
  const m = /^\s*(\d{1,3})(?:[.,](\d{0,2}))?\s*%?\s*$/.exec(text);
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp <= 10_000 ? bp : null;
}

/** Basis points → "37.5". */
export function bpToPercent(bp: number): string {
  const whole = Math.floor(bp / 100);
  const frac = bp % 100;
  return frac === 0 ? String(whole) : `${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}`;
}

/** Elapsed minutes between an instant and now, as "5 min" / "1 h 20 min". */
export function elapsedText(sinceIso: string, nowMs: number): string {
  const minutes = Math.max(0, Math.floor((nowMs - Date.parse(sinceIso)) / 60_000));
  if (minutes < 60) return t('rx.minutes', { n: minutes });
  return t('rx.hoursMinutes', { h: Math.floor(minutes / 60), m: minutes % 60 });
}

export function minutesSince(sinceIso: string, nowMs: number): number {
  return Math.floor((nowMs - Date.parse(sinceIso)) / 60_000);
}

export const APPOINTMENT_COLOURS: Record<string, string> = {
  CONFIRMED: 'blue',
  CHECKED_IN: 'teal',
  COMPLETED: 'green',
  CANCELLED: 'gray',
  NO_SHOW: 'red',
};

export const VISIT_COLOURS: Record<string, string> = {
  SCHEDULED: 'gray',
  WAITING: 'yellow',
  CALLED: 'orange',
  IN_PROGRESS: 'blue',
  PENDING_PAYMENT: 'grape',
  COMPLETED: 'green',
  CANCELLED: 'gray',
};

export const apptStatusLabel = (status: string) => labelOf('apptStatus', status);
export const visitStatusLabel = (status: string) => labelOf('visitStatus', status);

function isClashDetail(value: unknown): value is ClashDetail {
  return typeof value === 'object' && value !== null && Array.isArray((value as { clashes?: unknown }).clashes);
}

/** The clashes of a refused booking, or null if the error is something else. */
export function clashesOf(error: unknown): ClashDetail | null {
  if (error instanceof ApiError && error.kind === 'conflict' && isClashDetail(error.detail) && error.detail.clashes.length > 0) {
    return error.detail;
  }
  return null;
}

/** One clash in plain words: "Dr Naidoo already sees Lerato Dlamini at 09:30". */
export function clashSentence(clash: ClashDetail['clashes'][number], timeZone: string): string {
  const { day, time } = localParts(clash.startAt, timeZone);
  const when = `${shortDay(day)} ${time}`;
  switch (clash.kind) {
    case 'practitioner':
      return t('clash.practitioner', { practitioner: clash.practitionerName, patient: clash.patientName, when });
    case 'room':
      return t('clash.room', { patient: clash.patientName, practitioner: clash.practitionerName, when });
    case 'patient':
      return t('clash.patient', { patient: clash.patientName, practitioner: clash.practitionerName, when });
  }
}

/** Save a base64 PDF through a download link (works in the browser and in Electron). */
export function downloadBase64(fileName: string, base64: string, type = 'application/pdf'): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
