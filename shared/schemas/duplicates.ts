/** Inputs of the duplicates list and patient merge. */
import { z } from 'zod';
import { uuid } from './common';

/**
 * The patient fields a merge chooses between, one by one (the API's names),
 * and the account: which owner or guarantor the survivor stays with.
 */
export const MERGE_FIELDS = [
  'accountId',
  'firstName',
  'lastName',
  'dateOfBirth',
  'approximateAge',
  'sex',
  'reproductiveStatus',
  'species',
  'breed',
  'colour',
  'markings',
  'microchipNumber',
  'idNumber',
  'phone',
  'email',
  'relationshipToAccount',
  'status',
  'deceasedDate',
  'insurer',
  'insurancePolicyNumber',
  'alerts',
  'behaviouralNotes',
  'notes',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

const twoPatients = z
  .object({ patientAId: uuid, patientBId: uuid })
  .refine((v) => v.patientAId !== v.patientBId, { error: 'Choose two different patients', path: ['patientBId'] });

export const dismissDuplicateInput = twoPatients;
export const compareForMergeInput = twoPatients;

export const mergePatientsInput = z
  .object({
    survivorId: uuid,
    mergedId: uuid,
    /** Per differing field, whose value the survivor keeps; a field not named keeps the survivor's. */
    keep: z.partialRecord(z.enum(MERGE_FIELDS), z.enum(['survivor', 'merged'])).default({}),
  })
  .refine((v) => v.survivorId !== v.mergedId, { error: 'A patient cannot be merged into itself', path: ['mergedId'] });
export type MergePatientsInput = z.output<typeof mergePatientsInput>;
