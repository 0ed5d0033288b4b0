/**
 * Inputs of the practice's own diagnosis list (diagnosisCodes.*): one code,
 * an edit, retiring, the search, and a CSV import.
 */
import { z } from 'zod';
import { SPECIES } from '../domain/species';
import { normaliseCode } from '../clinical/practice-code-match';
import { choice, optionalText, requiredText, uuid } from './common';

/** Letters, digits and . - _ /: what code lists use ("FLUTD", "VN-1234", "DERM.02"). */
export const practiceCode = requiredText(20)
  .transform(normaliseCode)
  .refine((c) => /^[A-Z0-9][A-Z0-9._/-]*$/.test(c), { error: 'Letters, digits and . - _ / only' });

const codeFields = {
  description: requiredText(200),
  /** Species the code is for; empty: any patient of the practice. */
  species: z.array(choice(SPECIES)).max(SPECIES.length).default([]),
  /** Other words clinicians type for it (lay terms, abbreviations), separated by ';'. */
  synonyms: optionalText(500),
};

export const addDiagnosisCodeInput = z.object({ code: practiceCode, ...codeFields });
export const updateDiagnosisCodeInput = z.object({ id: uuid, ...codeFields });
export const setDiagnosisCodeActiveInput = z.object({ id: uuid, active: z.boolean() });
export const listDiagnosisCodesInput = z.object({ includeRetired: z.boolean().default(false) });

export const searchDiagnosisCodesInput = z.object({
  query: requiredText(100),
  /** Codes for other species than this consultation's patient are left out. */
  consultationId: uuid.optional(),
  limit: z.number().int().min(1).max(50).default(10),
});

/** A CSV file's text: code,description[,species][,synonyms]; species and synonyms separated by ';'. */
export const importDiagnosisCodesInput = z.object({
  csv: z
    .string({ error: 'Choose a CSV file' })
    .min(1, { error: 'The file is empty' })
    .max(2_000_000, { error: 'The file is larger than 2 MB' }),
});
