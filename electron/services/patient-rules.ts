/**
 * Rules for a patient that depend on the practice: an animal practice needs
 * a species it treats; a human practice needs a surname and no species.
 */
import type { PracticeInfo } from '../../shared/api/types';
import { t } from '../../shared/i18n';
import { checkPatientFields, type PatientFields } from '../../shared/schemas/patient';
import { validationError } from './errors';

export function patientKindFor(practice: PracticeInfo): 'human' | 'animal' {
  return practice.kind === 'veterinary' ? 'animal' : 'human';
}

/** Throws a validation error with paths under `prefix`; returns the fields normalised for the practice. */
export function applyPracticeRules(practice: PracticeInfo, fields: PatientFields, prefix = 'patient'): PatientFields {
  const issues: Record<string, string> = {};
  const issue = (path: string, message: string) => {
    issues[`${prefix}.${path}`] ??= message;
  };
  checkPatientFields(fields, issue);
  if (practice.kind === 'veterinary') {
    if (!fields.species) issue('species', t('err.animalFields'));
    else if (!practice.allowedSpecies.includes(fields.species)) {
      issue('species', t('err.speciesNotTreated', { species: fields.species }));
    }
  } else {
    if (fields.species) issue('species', t('err.speciesNotTreated', { species: fields.species }));
    if (!fields.lastName) issue('lastName', t('err.required'));
  }
  if (Object.keys(issues).length > 0) throw validationError(issues);
  if (practice.kind === 'medical') {
    return { ...fields, reproductiveStatus: null, breed: null, colour: null, markings: null, microchipNumber: null };
  }
  // An animal's account holder is its owner, whatever the form sent.
  return { ...fields, relationshipToAccount: 'owner' };
}
