/**
 * Inputs of the practice's clinical lists (the medication catalogue). The
 * same schema checks the edit form and the core, so a controlled drug with
 * no schedule is marked on the schedule field in both.
 */
import { z } from 'zod';
import { t } from '../i18n';
import { optionalText, requiredText, uuid } from './common';

const medicationShape = z.object({
  name: requiredText(200),
  genericName: optionalText(200),
  /** Comma-separated, as the allergy check reads them. */
  activeIngredients: optionalText(500),
  form: optionalText(100),
  strength: optionalText(100),
  route: optionalText(100),
  category: optionalText(100),
  nappiCode: optionalText(30),
  isControlled: z.boolean({ error: t('err.invalidChoice') }).default(false),
  /** As the practice's law writes it (S5, CII…); required for a controlled drug. */
  schedule: optionalText(20),
  /** The species it is for (veterinary); null: any. */
  species: optionalText(60),
  defaultDose: optionalText(200),
  defaultFrequency: optionalText(200),
  defaultInstructions: optionalText(1000),
});

export const medicationFields = medicationShape.superRefine((m, ctx) => {
  if (m.isControlled && !m.schedule) ctx.addIssue({ code: 'custom', path: ['schedule'], message: t('catalogue.scheduleRequired') });
});

export const medicationListInput = z.object({
  /** Words that must all appear in the name, generic name or ingredients; empty: the whole catalogue. */
  query: z.string().trim().max(100).default(''),
});

export const addMedicationInput = z.object({ fields: medicationFields });
export const updateMedicationInput = z.object({ id: uuid, fields: medicationFields });
export const setMedicationActiveInput = z.object({ id: uuid, active: z.boolean() });

export type MedicationFields = z.input<typeof medicationFields>;
