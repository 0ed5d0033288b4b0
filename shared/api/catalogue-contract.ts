/**
 * The clinical-list operations of the one typed contract (spread into
 * shared/api/contract.ts). Anyone who reads the clinical record sees the
 * catalogue; changing it needs clinical.catalogue (admin, doctor). Nothing
 * is ever deleted: a medication is retired, and can be restored.
 */
import { op } from './operation';
import { addMedicationInput, medicationListInput, setMedicationActiveInput, updateMedicationInput } from '../schemas/catalogue';
import type { CatalogueMedication } from './catalogue-types';


export const catalogueContract = {
  // Sorted by name, retired ones included (active: false).
  'medications.list': op(medicationListInput, 'clinical.read')<CatalogueMedication[]>(),
  // Refused with `conflict` (on field `fields.name`) when an active one has the same name, strength and form.
  'medications.add': op(addMedicationInput, 'clinical.catalogue')<CatalogueMedication>(),
  'medications.update': op(updateMedicationInput, 'clinical.catalogue')<CatalogueMedication>(),
  // Retire (active: false) or restore; restoring is refused like adding a duplicate.
  'medications.setActive': op(setMedicationActiveInput, 'clinical.catalogue')<CatalogueMedication>(),
} as const;
