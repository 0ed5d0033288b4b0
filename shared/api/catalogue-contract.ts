/**
 * The clinical-list operations of the one typed contract (spread into
 * shared/api/contract.ts). Anyone who reads the clinical record sees the
 * catalogue; changing it needs clinical.catalogue (admin, doctor). Nothing
 * is ever deleted: a medication is retired, and can be restored.
 */
import type { z } from 'zod';
import type { Permission } from '../domain/roles';
import { addMedicationInput, medicationListInput, setMedicationActiveInput, updateMedicationInput } from '../schemas/catalogue';
import type { CatalogueMedication } from './catalogue-types';

interface Op<I extends z.ZodType, A extends Permission, O> {
  input: I;
  access: A;
  output: O;
}
const op =
  <I extends z.ZodType, A extends Permission>(input: I, access: A) =>
  <O>(): Op<I, A, O> => ({ input, access, output: undefined as O });

export const catalogueContract = {
  // Sorted by name, retired ones included (active: false).
  'medications.list': op(medicationListInput, 'clinical.read')<CatalogueMedication[]>(),
  // Refused with `conflict` (on field `fields.name`) when an active one has the same name, strength and form.
  'medications.add': op(addMedicationInput, 'clinical.catalogue')<CatalogueMedication>(),
  'medications.update': op(updateMedicationInput, 'clinical.catalogue')<CatalogueMedication>(),
  // Retire (active: false) or restore; restoring is refused like adding a duplicate.
  'medications.setActive': op(setMedicationActiveInput, 'clinical.catalogue')<CatalogueMedication>(),
} as const;
