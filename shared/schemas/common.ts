/**
 * Field schemas shared by every form and API operation, with messages from
 * the i18n catalogue. Each says in plain words what is wrong, per field.
 */
import { z } from 'zod';
import { t } from '../i18n';

const typeError = (expected: string) => (issue: { input?: unknown }) =>
  issue.input === undefined || issue.input === null ? t('err.required') : `Must be ${expected}`;

/** Required text, trimmed, 1..max characters. */
export const requiredText = (max: number) =>
  z
    .string({ error: typeError('text') })
    .trim()
    .min(1, { error: t('err.required') })
    .max(max, { error: t('err.tooLong', { max }) });

/** Optional text: empty strings become null so "cleared" and "never set" are one thing. */
export const optionalText = (max: number) =>
  z
    .string({ error: typeError('text') })
    .trim()
    .max(max, { error: t('err.tooLong', { max }) })
    .nullish()
    .transform((v) => (v ? v : null));

export const uuid = z.string({ error: typeError('an id') }).regex(
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  { error: 'Not a valid id' },
);

function isRealDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A calendar date (YYYY-MM-DD) that exists. */
export const isoDate = z
  .string({ error: typeError('a date') })
  .refine(isRealDate, { error: t('err.invalidDate') });

/** A calendar date that is not after today (UTC, with a day's grace for time zones). */
export const pastDate = isoDate.refine(
  (v) => v <= new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
  { error: t('err.futureDate') },
);

export const optionalPastDate = pastDate
  .nullish()
  .or(z.literal('').transform(() => null))
  .transform((v) => v ?? null);

export const optionalDate = isoDate
  .nullish()
  .or(z.literal('').transform(() => null))
  .transform((v) => v ?? null);

export const email = z
  .string({ error: typeError('text') })
  .trim()
  .toLowerCase()
  .max(254, { error: t('err.tooLong', { max: 254 }) })
  .pipe(z.email({ error: t('err.invalidEmail') }));

export const optionalEmail = z
  .string({ error: typeError('text') })
  .trim()
  .toLowerCase()
  .max(254, { error: t('err.tooLong', { max: 254 }) })
  .refine((v) => v === '' || z.email().safeParse(v).success, { error: t('err.invalidEmail') })
  .nullish()
  .transform((v) => (v ? v : null));

const PHONE = /^\+?[0-9 ()\-.]{6,30}$/;
const phoneCheck = (v: string) => PHONE.test(v) && v.replace(/\D/g, '').length >= 6;

export const phone = z
  .string({ error: typeError('text') })
  .trim()
  .min(1, { error: t('err.required') })
  .max(30, { error: t('err.tooLong', { max: 30 }) })
  .refine(phoneCheck, { error: t('err.invalidPhone') });

export const optionalPhone = z
  .string({ error: typeError('text') })
  .trim()
  .max(30, { error: t('err.tooLong', { max: 30 }) })
  .refine((v) => v === '' || phoneCheck(v), { error: t('err.invalidPhone') })
  .nullish()
  .transform((v) => (v ? v : null));

/** A choice from a fixed list; anything else is a clear error, not a crash. */
export const choice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: t('err.invalidChoice') });

export const wholeNumber = (min: number, max: number) =>
  z
    .number({ error: typeError('a number') })
    .int({ error: t('err.invalidNumber') })
    .min(min, { error: t('err.outOfRange', { min, max }) })
    .max(max, { error: t('err.outOfRange', { min, max }) });

export const password = z
  .string({ error: typeError('text') })
  .min(10, { error: t('err.tooShort', { min: 10 }) })
  .max(200, { error: t('err.tooLong', { max: 200 }) });
