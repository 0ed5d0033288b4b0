/** Choice lists for selects, labelled from the catalogue. */
import { t } from '../shared/i18n';
import {
  ALLERGY_SEVERITIES,
  HISTORY_STATUSES,
  PATIENT_STATUSES,
  PREFERRED_CONTACT,
  RELATIONSHIPS_TO_ACCOUNT,
  REPRODUCTIVE_STATUSES,
  SEXES,
} from '../shared/schemas/patient';
import { ROLES } from '../shared/domain/roles';
import type { PracticeKind } from '../shared/domain/species';
import { labelOf, roleLabel } from './format';

export interface Option {
  value: string;
  label: string;
}

const of = (prefix: string, values: readonly string[]): Option[] => values.map((value) => ({ value, label: labelOf(prefix, value) }));

export const sexOptions = (): Option[] => of('sex', SEXES);
export const reproductiveOptions = (): Option[] => [{ value: '', label: t('common.notRecorded') }, ...of('reproductive', REPRODUCTIVE_STATUSES)];
export const patientStatusOptions = (): Option[] => of('patientStatus', PATIENT_STATUSES);
export const relationshipOptions = (): Option[] => of('relationship', RELATIONSHIPS_TO_ACCOUNT);
export const preferredContactOptions = (): Option[] => of('contact', PREFERRED_CONTACT);
export const severityOptions = (): Option[] => of('severity', ALLERGY_SEVERITIES);
export const historyStatusOptions = (): Option[] => of('historyStatus', HISTORY_STATUSES);
export const roleOptions = (kind: PracticeKind): Option[] => ROLES.map((value) => ({ value, label: roleLabel(value, kind) }));

export function speciesOptions(allowed: readonly string[]): Option[] {
  const list = allowed.map((value) => ({ value, label: labelOf('species', value) }));
  return allowed.length === 1 ? list : [{ value: '', label: t('common.choose') }, ...list];
}
