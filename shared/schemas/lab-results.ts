/** Entering a lab result, and correcting one (a new row pointing at the old). */
import { z } from 'zod';
import { LAB_FLAGS, LAB_RESULT_STATUSES } from '../clinical/lab-flag';
import { choice, optionalText, requiredText, uuid } from './common';

const optionalNumber = z.number({ error: 'Must be a number' }).finite({ error: 'Must be a number' }).nullish().transform((v) => v ?? null);
const isoInstant = z.iso.datetime({ error: 'Must be a UTC time (ISO-8601)' });

export const labResultFields = z
  .object({
    testName: requiredText(200),
    testCode: optionalText(40),
    value: requiredText(200),
    unit: optionalText(40),
    referenceLow: optionalNumber,
    referenceHigh: optionalNumber,
    referenceText: optionalText(200),
    /** Left out: worked out from the range (a non-numeric value without a flag is "normal"). */
    flag: choice(LAB_FLAGS).nullish().transform((v) => v ?? null),
    status: choice(LAB_RESULT_STATUSES).default('final'),
    resultedAt: isoInstant,
    labName: optionalText(200),
    notes: optionalText(4000),
  })
  .refine((f) => f.referenceLow === null || f.referenceHigh === null || f.referenceLow <= f.referenceHigh, {
    error: 'The low end of the range must not be above the high end',
    path: ['referenceHigh'],
  });

export const recordLabResultInput = z.object({
  patientId: uuid,
  visitId: uuid.nullish().transform((v) => v ?? null),
  /** Set to correct an earlier result: the new row replaces it on the chart; the old one stays. */
  correctsId: uuid.nullish().transform((v) => v ?? null),
  fields: labResultFields,
});

export const labResultsForPatientInput = z.object({ patientId: uuid });
