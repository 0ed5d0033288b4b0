/**
 * How values read on screen: labels for stored codes, dates in the practice's
 * time zone, and ages. Pure functions; no React.
 */
import { differenceInCalendarDays, differenceInMonths, differenceInYears, format, parseISO } from 'date-fns';
import { tz } from '@date-fns/tz';
import { t, type MessageKey } from '../shared/i18n';
import { en } from '../shared/i18n/en';
import type { Role } from '../shared/domain/roles';
import type { PracticeKind } from '../shared/domain/species';

function has(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/** A label for a stored code (`sex.female`), or the code itself if none is catalogued. */
export function labelOf(prefix: string, code: string | null | undefined): string {
  if (!code) return '';
  const key = `${prefix}.${code}`;
  return has(key) ? t(key) : code;
}

/** "Veterinarian" rather than "Doctor" in a veterinary practice, where a word exists. */
export function roleLabel(role: Role, kind: PracticeKind): string {
  const specific = `role.${role}.${kind}`;
  if (has(specific)) return t(specific);
  return labelOf('role', role);
}

/** Today's calendar date (YYYY-MM-DD) in the practice's time zone. */
export function todayIn(timeZone: string): string {
  return format(new Date(), 'yyyy-MM-dd', { in: tz(timeZone) });
}

/** A calendar date (YYYY-MM-DD) as "14 Mar 2019". */
export function formatDate(ymd: string | null | undefined): string {
  if (!ymd) return '';
  const d = parseISO(ymd);
  return Number.isNaN(d.getTime()) ? ymd : format(d, 'd MMM yyyy');
}

/** An instant (ISO string) in the practice's time zone, e.g. "2025-11-25 14:03:27". */
export function formatDateTime(iso: string | null | undefined, timeZone: string, withSeconds = true): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return format(d, withSeconds ? 'yyyy-MM-dd HH:mm:ss' : 'yyyy-MM-dd HH:mm', { in: tz(timeZone) });
}

/** Age from a date of birth, as a clinician says it: "4 y", "7 mo", "3 wk", "5 d". */
export function ageFrom(dateOfBirth: string, today: string): string {
  const dob = parseISO(dateOfBirth);
  const now = parseISO(today);
  if (Number.isNaN(dob.getTime()) || Number.isNaN(now.getTime())) return '';
  const years = differenceInYears(now, dob);
  if (years >= 2) return t('age.years', { n: years });
  const months = differenceInMonths(now, dob);
  if (months >= 2) return t('age.months', { n: months });
  const days = Math.max(0, differenceInCalendarDays(now, dob));
  if (days >= 14) return t('age.weeks', { n: Math.floor(days / 7) });
  return t('age.days', { n: days });
}

/** Age for display: computed from DOB, else the approximate age given, else blank. */
export function ageText(dateOfBirth: string | null, approximateAge: string | null, today: string): string {
  if (dateOfBirth) return ageFrom(dateOfBirth, today);
  if (approximateAge) return t('age.approximate', { age: approximateAge });
  return '';
}

/** Keep only the non-empty parts, joined with a middle dot. */
export function joinParts(parts: (string | null | undefined | false)[], separator = ' · '): string {
  return parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join(separator);
}
