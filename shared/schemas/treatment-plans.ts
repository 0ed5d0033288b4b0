/** Creating a treatment plan with its steps, moving it along, settling its steps. */
import { z } from 'zod';
import { TREATMENT_PLAN_STATUSES } from '../clinical/treatment-plan-status';
import { choice, optionalText, requiredText, uuid, wholeNumber } from './common';

const MAX_COST_MINOR = 100_000_000_00;

export const planStepFields = z.object({
  description: requiredText(500),
  estimatedCostMinor: wholeNumber(0, MAX_COST_MINOR).default(0),
});

export const createTreatmentPlanInput = z.object({
  patientId: uuid,
  title: requiredText(200),
  description: optionalText(4000),
  /** Left out: the sum of the steps' estimates. */
  estimatedCostMinor: wholeNumber(0, MAX_COST_MINOR).nullish().transform((v) => v ?? null),
  steps: z.array(planStepFields).max(100, { error: 'At most 100 steps' }).default([]),
});

export const addPlanStepInput = z.object({ planId: uuid, step: planStepFields });
export const movePlanInput = z.object({ planId: uuid, to: choice(TREATMENT_PLAN_STATUSES) });
export const settlePlanStepInput = z.object({
  stepId: uuid,
  to: choice(['done', 'skipped'] as const),
  visitId: uuid.nullish().transform((v) => v ?? null),
});
export const plansForPatientInput = z.object({ patientId: uuid });
