/**
 * Does a medication match one of a patient's recorded allergies? By name,
 * generic name or any active ingredient, and by drug class for the classes
 * whose allergy is usually recorded by the class name ("Penicillin" →
 * amoxicillin, "Sulfa" → sulfamethoxazole, "NSAIDs" → meloxicam).
 * Case, punctuation and salt words ("trihydrate", "sodium") are ignored.
 *
 * @example
 *   allergyMatches({ name: 'Amoxil', genericName: 'amoxicillin', activeIngredients: null },
 *                  [{ id: 'a1', allergen: 'Penicillin' }]) // [{ id: 'a1', allergen: 'Penicillin' }]
 */

export interface MedicationTerms {
  name: string;
  genericName: string | null;
  activeIngredients: string | null;
}

export interface RecordedAllergy {
  id: string;
  allergen: string;
}

/** Class name (as an allergy is often written) → the substances in it. */
const DRUG_CLASSES: Readonly<Record<string, readonly string[]>> = {
  penicillin: ['penicillin', 'amoxicillin', 'ampicillin', 'cloxacillin', 'flucloxacillin', 'piperacillin', 'benzylpenicillin', 'phenoxymethylpenicillin'],
  penicillins: ['penicillin', 'amoxicillin', 'ampicillin', 'cloxacillin', 'flucloxacillin', 'piperacillin'],
  cephalosporin: ['cefalexin', 'cephalexin', 'cefazolin', 'cefuroxime', 'ceftriaxone', 'cefovecin', 'cefpodoxime'],
  cephalosporins: ['cefalexin', 'cephalexin', 'cefazolin', 'cefuroxime', 'ceftriaxone', 'cefovecin', 'cefpodoxime'],
  sulfa: ['sulfamethoxazole', 'sulfadiazine', 'sulfasalazine', 'sulfadimethoxine'],
  sulphonamide: ['sulfamethoxazole', 'sulfadiazine', 'sulfasalazine', 'sulfadimethoxine'],
  sulfonamide: ['sulfamethoxazole', 'sulfadiazine', 'sulfasalazine', 'sulfadimethoxine'],
  nsaid: ['ibuprofen', 'diclofenac', 'naproxen', 'aspirin', 'meloxicam', 'carprofen', 'robenacoxib', 'firocoxib', 'celecoxib'],
  nsaids: ['ibuprofen', 'diclofenac', 'naproxen', 'aspirin', 'meloxicam', 'carprofen', 'robenacoxib', 'firocoxib', 'celecoxib'],
  opioid: ['morphine', 'codeine', 'tramadol', 'buprenorphine', 'methadone', 'fentanyl', 'oxycodone', 'butorphanol'],
  opioids: ['morphine', 'codeine', 'tramadol', 'buprenorphine', 'methadone', 'fentanyl', 'oxycodone', 'butorphanol'],
  macrolide: ['erythromycin', 'azithromycin', 'clarithromycin'],
  tetracycline: ['tetracycline', 'doxycycline', 'minocycline'],
};

const SALT_WORDS = new Set(['sodium', 'potassium', 'hydrochloride', 'hcl', 'trihydrate', 'monohydrate', 'sulfate', 'sulphate', 'maleate', 'acid', 'and', 'with']);
const MIN_TERM = 4;

const normalise = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const wordsOf = (text: string) => normalise(text).split(' ').filter((w) => w.length >= MIN_TERM && !SALT_WORDS.has(w));

/** Every substance word of the medication: its name, generic name and ingredients. */
export function medicationWords(medication: MedicationTerms): Set<string> {
  const parts = [medication.name, medication.genericName ?? '', ...(medication.activeIngredients ?? '').split(/[,;+/]/)];
  return new Set(parts.flatMap(wordsOf));
}

function allergenWords(allergen: string): string[] {
  const words = wordsOf(allergen);
  return words.flatMap((w) => [w, ...(DRUG_CLASSES[w] ?? [])]);
}

/** Same word, or one a prefix of the other of at least MIN_TERM letters ("amoxicil" typed short). */
const wordsMeet = (a: string, b: string) => a === b || (a.length >= 6 && b.startsWith(a)) || (b.length >= 6 && a.startsWith(b));

export function allergyMatches(medication: MedicationTerms, allergies: readonly RecordedAllergy[]): RecordedAllergy[] {
  const drug = [...medicationWords(medication)];
  const whole = normalise([medication.name, medication.genericName ?? '', medication.activeIngredients ?? ''].join(' '));
  return allergies.filter((allergy) => {
    const phrase = normalise(allergy.allergen);
    if (phrase.length >= MIN_TERM && ` ${whole} `.includes(` ${phrase} `)) return true;
    return allergenWords(allergy.allergen).some((a) => drug.some((d) => wordsMeet(a, d)));
  });
}
