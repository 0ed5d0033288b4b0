/** Inputs of the prescribing and vaccination operations. */
import { z } from 'zod';
import { t } from '../i18n';
import { isoDate, optionalDate, optionalText, requiredText, uuid } from './common';

const wholeNumber = (min: number, max: number) =>
  z
    .number({ error: 'Must be a whole number' })
    .int({ error: 'Must be a whole number' })
    .min(min, { error: t('rx.atLeast', { min }) })
    .max(max, { error: t('rx.atMost', { max }) });

export const medicationSearchInput = z.object({
  query: z.string().trim().max(100).default(''),
  /** Only items for this species (and those for any); omitted: all. */
  species: optionalText(60),
  limit: wholeNumber(1, 100).default(30),
});

export const prescriptionItemInput = z.object({
  medicationId: uuid,
  dose: requiredText(200),
  frequency: requiredText(200),
  duration: optionalText(100),
  quantity: wholeNumber(1, 100_000),
  refills: wholeNumber(0, 12).default(0),
  instructions: optionalText(1000),
  /** Given only when the prescriber has seen the allergy warning and goes on. */
  allergyOverrideReason: optionalText(500),
});

export const prescribeInput = z.object({
  patientId: uuid,
  visitId: uuid.nullish().transform((v) => v ?? null),
  items: z.array(prescriptionItemInput).min(1, { error: t('rx.noItems') }).max(20),
  notes: optionalText(1000),
});

export const prescribingCheckInput = z.object({
  patientId: uuid,
  medicationIds: z.array(uuid).max(20),
});

export const cancelPrescriptionInput = z.object({
  prescriptionId: uuid,
  reason: requiredText(500),
});

export const recordVaccinationInput = z.object({
  patientId: uuid,
  visitId: uuid.nullish().transform((v) => v ?? null),
  vaccineName: requiredText(200),
  vaccineType: optionalText(100),
  manufacturer: optionalText(100),
  lotNumber: optionalText(100),
  site: optionalText(100),
  /** UTC instant given; omitted: now. */
  givenAt: z.iso.datetime({ offset: false }).nullish().transform((v) => v ?? null),
  expiryDate: optionalDate,
  nextDueOn: optionalDate,
  notes: optionalText(1000),
});

export const enterVaccinationInErrorInput = z.object({
  vaccinationId: uuid,
  reason: requiredText(500),
});

export const vaccinationsDueInput = z.object({
  /** Practice-local day; omitted: today in the practice's time zone. */
  asOf: isoDate.nullish().transform((v) => v ?? null),
  windowDays: wholeNumber(0, 365).default(30),
  state: z.enum(['due', 'overdue']).nullish().transform((v) => v ?? null),
  species: optionalText(60),
});

export type PrescribeInput = z.input<typeof prescribeInput>;
export type PrescriptionItemInput = z.input<typeof prescriptionItemInput>;
export type RecordVaccinationInput = z.input<typeof recordVaccinationInput>;
