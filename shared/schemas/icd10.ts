/** Input of the ICD-10-CM code search (icd10.search). */
import { z } from 'zod';
import { requiredText } from './common';

export const icd10SearchInput = z.object({
  /** What the clinician typed: a code (with or without the dot), words, an abbreviation. */
  query: requiredText(100),
  limit: z.number({ error: 'Must be a whole number' }).int({ error: 'Must be a whole number' }).min(1).max(100).default(20),
});

export type Icd10SearchInput = z.input<typeof icd10SearchInput>;
