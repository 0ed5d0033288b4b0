/**
 * What stops a prescription being issued (pure: the service gathers the
 * facts and refuses on any problem, nothing written).
 *
 * - A medication matching an active recorded allergy of the patient is
 *   refused unless the prescriber overrides it for that item with a reason
 *   (the reason is stored on the item and audited).
 * - A controlled drug needs the prescriber's licence details on record.
 *
 * @example
 *   prescribingProblems({ items: [{ medication: amoxicillin, overrideReason: null }],
 *                         allergies: [{ id: 'a', allergen: 'Penicillin' }], prescriberLicence: null })
 *   // [{ kind: 'allergy', item: 0, medicationName: 'Amoxicillin', allergens: ['Penicillin'] }]
 */
import { allergyMatches, type MedicationTerms, type RecordedAllergy } from './allergy-match';

export interface PrescribedMedication extends MedicationTerms {
  isControlled: boolean;
  schedule: string | null;
}

export interface ItemToCheck {
  medication: PrescribedMedication;
  overrideReason: string | null;
}

export type PrescribingProblem =
  | { kind: 'allergy'; item: number; medicationName: string; allergens: string[] }
  | { kind: 'controlled'; item: number; medicationName: string; schedule: string | null };

export function prescribingProblems(input: {
  items: readonly ItemToCheck[];
  allergies: readonly RecordedAllergy[];
  prescriberLicence: string | null;
}): PrescribingProblem[] {
  const problems: PrescribingProblem[] = [];
  const licensed = (input.prescriberLicence ?? '').trim().length > 0;
  input.items.forEach(({ medication, overrideReason }, item) => {
    if (medication.isControlled && !licensed) {
      problems.push({ kind: 'controlled', item, medicationName: medication.name, schedule: medication.schedule });
    }
    const matched = allergyMatches(medication, input.allergies);
    if (matched.length > 0 && !(overrideReason ?? '').trim()) {
      problems.push({ kind: 'allergy', item, medicationName: medication.name, allergens: matched.map((a) => a.allergen) });
    }
  });
  return problems;
}

/** The allergies each item matched, for recording alongside an accepted override. */
export function allergyWarnings(items: readonly ItemToCheck[], allergies: readonly RecordedAllergy[]): { item: number; allergens: string[] }[] {
  return items
    .map(({ medication }, item) => ({ item, allergens: allergyMatches(medication, allergies).map((a) => a.allergen) }))
    .filter((w) => w.allergens.length > 0);
}
