import { z } from 'zod';
import { t } from '../i18n';
import { PRACTICE_KINDS, SPECIES } from '../domain/species';
import { choice, email, password, requiredText, wholeNumber } from './common';

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value.includes('/') || value === 'UTC';
  } catch {
    return false;
  }
}

export const practiceSettings = z
  .object({
    name: requiredText(120),
    kind: choice(PRACTICE_KINDS),
    /** Empty for a human practice; for a feline-only hospital, just ['Cat']. */
    allowedSpecies: z.array(choice(SPECIES)).max(SPECIES.length).default([]),
    currency: z
      .string({ error: t('err.required') })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, { error: t('err.invalidCurrency') }),
    /** Tax rate in basis points: 15% is 1500. Integers only, like money. */
    taxRateBasisPoints: wholeNumber(0, 10_000),
    timeZone: z
      .string({ error: t('err.required') })
      .trim()
      .refine(isTimeZone, { error: t('err.invalidTimeZone') }),
    locale: z.string().trim().min(2).max(20).default('en'),
  })
  .refine((value) => value.kind !== 'veterinary' || value.allowedSpecies.length > 0, {
    error: t('err.required'),
    path: ['allowedSpecies'],
  });
export type PracticeSettingsInput = z.input<typeof practiceSettings>;
export type PracticeSettings = z.output<typeof practiceSettings>;

export const newStaffMember = z.object({
  email,
  displayName: requiredText(120),
  password,
});

export const createPracticeInput = z.object({
  practice: practiceSettings,
  administrator: newStaffMember,
});
export type CreatePracticeInput = z.input<typeof createPracticeInput>;
