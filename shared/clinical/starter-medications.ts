/**
 * The small medication catalogue a new practice starts with (it adds its
 * own). Human practices get common South African primary-care items with
 * their SAHPRA schedules (S0–S8, S5 and up controlled for this app: a
 * licence number is needed); veterinary practices get common small-animal
 * items, with the species each is for when it is for one only.
 * `key` is stable: with the practice id it derives the row id, so seeding on
 * two devices writes the same rows.
 */

export interface StarterMedication {
  key: string;
  name: string;
  genericName: string;
  activeIngredients: string;
  form: string;
  strength: string;
  route: string;
  category: string;
  nappiCode?: string;
  isControlled: boolean;
  schedule: string | null;
  species?: string;
  defaultDose: string;
  defaultFrequency: string;
  defaultInstructions?: string;
}

const item = (m: StarterMedication) => m;

export const HUMAN_STARTER_MEDICATIONS: readonly StarterMedication[] = [
  item({ key: 'amoxicillin-500', name: 'Amoxicillin 500 mg capsules', genericName: 'amoxicillin', activeIngredients: 'amoxicillin trihydrate', form: 'Capsule', strength: '500 mg', route: 'Oral', category: 'Antibiotic', isControlled: false, schedule: 'S4', defaultDose: '1 capsule', defaultFrequency: 'Three times daily', defaultInstructions: 'Complete the course' }),
  item({ key: 'co-amoxiclav-875', name: 'Amoxicillin/clavulanic acid 875/125 mg tablets', genericName: 'co-amoxiclav', activeIngredients: 'amoxicillin, clavulanic acid', form: 'Tablet', strength: '875/125 mg', route: 'Oral', category: 'Antibiotic', isControlled: false, schedule: 'S4', defaultDose: '1 tablet', defaultFrequency: 'Twice daily', defaultInstructions: 'Take with food' }),
  item({ key: 'cefalexin-500', name: 'Cefalexin 500 mg capsules', genericName: 'cefalexin', activeIngredients: 'cefalexin', form: 'Capsule', strength: '500 mg', route: 'Oral', category: 'Antibiotic', isControlled: false, schedule: 'S4', defaultDose: '1 capsule', defaultFrequency: 'Four times daily' }),
  item({ key: 'azithromycin-500', name: 'Azithromycin 500 mg tablets', genericName: 'azithromycin', activeIngredients: 'azithromycin', form: 'Tablet', strength: '500 mg', route: 'Oral', category: 'Antibiotic', isControlled: false, schedule: 'S4', defaultDose: '1 tablet', defaultFrequency: 'Once daily' }),
  item({ key: 'paracetamol-500', name: 'Paracetamol 500 mg tablets', genericName: 'paracetamol', activeIngredients: 'paracetamol', form: 'Tablet', strength: '500 mg', route: 'Oral', category: 'Analgesic', isControlled: false, schedule: 'S0', defaultDose: '2 tablets', defaultFrequency: 'Every 6 hours as needed', defaultInstructions: 'No more than 8 tablets in 24 hours' }),
  item({ key: 'ibuprofen-400', name: 'Ibuprofen 400 mg tablets', genericName: 'ibuprofen', activeIngredients: 'ibuprofen', form: 'Tablet', strength: '400 mg', route: 'Oral', category: 'NSAID', isControlled: false, schedule: 'S2', defaultDose: '1 tablet', defaultFrequency: 'Three times daily with food' }),
  item({ key: 'tramadol-50', name: 'Tramadol 50 mg capsules', genericName: 'tramadol', activeIngredients: 'tramadol hydrochloride', form: 'Capsule', strength: '50 mg', route: 'Oral', category: 'Opioid analgesic', isControlled: true, schedule: 'S6', defaultDose: '1 capsule', defaultFrequency: 'Every 6 hours as needed' }),
  item({ key: 'codeine-paracetamol', name: 'Paracetamol/codeine 500/30 mg tablets', genericName: 'paracetamol with codeine', activeIngredients: 'paracetamol, codeine phosphate', form: 'Tablet', strength: '500/30 mg', route: 'Oral', category: 'Opioid analgesic', isControlled: true, schedule: 'S5', defaultDose: '1–2 tablets', defaultFrequency: 'Every 6 hours as needed' }),
  item({ key: 'morphine-10', name: 'Morphine sulfate 10 mg/ml injection', genericName: 'morphine', activeIngredients: 'morphine sulfate', form: 'Injection', strength: '10 mg/ml', route: 'Injectable', category: 'Opioid analgesic', isControlled: true, schedule: 'S6', defaultDose: '5–10 mg', defaultFrequency: 'Every 4 hours as needed' }),
  item({ key: 'diazepam-5', name: 'Diazepam 5 mg tablets', genericName: 'diazepam', activeIngredients: 'diazepam', form: 'Tablet', strength: '5 mg', route: 'Oral', category: 'Benzodiazepine', isControlled: true, schedule: 'S5', defaultDose: '1 tablet', defaultFrequency: 'At night' }),
  item({ key: 'amlodipine-5', name: 'Amlodipine 5 mg tablets', genericName: 'amlodipine', activeIngredients: 'amlodipine besylate', form: 'Tablet', strength: '5 mg', route: 'Oral', category: 'Antihypertensive', isControlled: false, schedule: 'S3', defaultDose: '1 tablet', defaultFrequency: 'Once daily' }),
  item({ key: 'metformin-500', name: 'Metformin 500 mg tablets', genericName: 'metformin', activeIngredients: 'metformin hydrochloride', form: 'Tablet', strength: '500 mg', route: 'Oral', category: 'Antidiabetic', isControlled: false, schedule: 'S3', defaultDose: '1 tablet', defaultFrequency: 'Twice daily with meals' }),
  item({ key: 'salbutamol-inhaler', name: 'Salbutamol 100 mcg inhaler', genericName: 'salbutamol', activeIngredients: 'salbutamol sulfate', form: 'Inhaler', strength: '100 mcg/dose', route: 'Inhaled', category: 'Bronchodilator', isControlled: false, schedule: 'S2', defaultDose: '2 puffs', defaultFrequency: 'As needed' }),
  item({ key: 'cotrimoxazole-480', name: 'Co-trimoxazole 480 mg tablets', genericName: 'co-trimoxazole', activeIngredients: 'sulfamethoxazole, trimethoprim', form: 'Tablet', strength: '400/80 mg', route: 'Oral', category: 'Antibiotic', isControlled: false, schedule: 'S4', defaultDose: '2 tablets', defaultFrequency: 'Twice daily' }),
];

export const VET_STARTER_MEDICATIONS: readonly StarterMedication[] = [
  item({ key: 'vet-amoxiclav-250', name: 'Amoxicillin/clavulanate 250 mg tablets', genericName: 'amoxicillin-clavulanate', activeIngredients: 'amoxicillin, clavulanic acid', form: 'Tablet', strength: '250 mg', route: 'Oral', category: 'Antibiotic', isControlled: false, schedule: 'S4', defaultDose: '12.5 mg/kg', defaultFrequency: 'Twice daily', defaultInstructions: 'Give with food; finish the course' }),
  item({ key: 'vet-cefovecin', name: 'Cefovecin 80 mg/ml injection', genericName: 'cefovecin', activeIngredients: 'cefovecin sodium', form: 'Injection', strength: '80 mg/ml', route: 'Injectable', category: 'Antibiotic', isControlled: false, schedule: 'S4', defaultDose: '8 mg/kg', defaultFrequency: 'Once, repeat in 14 days if needed' }),
  item({ key: 'vet-doxycycline-50', name: 'Doxycycline 50 mg tablets', genericName: 'doxycycline', activeIngredients: 'doxycycline hyclate', form: 'Tablet', strength: '50 mg', route: 'Oral', category: 'Antibiotic', isControlled: false, schedule: 'S4', defaultDose: '5 mg/kg', defaultFrequency: 'Twice daily', defaultInstructions: 'Follow with water or food (cats: risk of oesophageal stricture)' }),
  item({ key: 'vet-meloxicam-cat', name: 'Meloxicam 0.5 mg/ml oral suspension (cats)', genericName: 'meloxicam', activeIngredients: 'meloxicam', form: 'Oral suspension', strength: '0.5 mg/ml', route: 'Oral', category: 'NSAID', isControlled: false, schedule: 'S4', species: 'Cat', defaultDose: '0.05 mg/kg', defaultFrequency: 'Once daily', defaultInstructions: 'Give with food' }),
  item({ key: 'vet-meloxicam-dog', name: 'Meloxicam 1.5 mg/ml oral suspension (dogs)', genericName: 'meloxicam', activeIngredients: 'meloxicam', form: 'Oral suspension', strength: '1.5 mg/ml', route: 'Oral', category: 'NSAID', isControlled: false, schedule: 'S4', species: 'Dog', defaultDose: '0.1 mg/kg', defaultFrequency: 'Once daily', defaultInstructions: 'Give with food' }),
  item({ key: 'vet-robenacoxib-cat', name: 'Robenacoxib 6 mg tablets (cats)', genericName: 'robenacoxib', activeIngredients: 'robenacoxib', form: 'Tablet', strength: '6 mg', route: 'Oral', category: 'NSAID', isControlled: false, schedule: 'S4', species: 'Cat', defaultDose: '1 tablet', defaultFrequency: 'Once daily for up to 6 days' }),
  item({ key: 'vet-buprenorphine', name: 'Buprenorphine 0.3 mg/ml injection', genericName: 'buprenorphine', activeIngredients: 'buprenorphine hydrochloride', form: 'Injection', strength: '0.3 mg/ml', route: 'Injectable', category: 'Opioid analgesic', isControlled: true, schedule: 'S6', defaultDose: '0.02 mg/kg', defaultFrequency: 'Every 8 hours' }),
  item({ key: 'vet-gabapentin-100', name: 'Gabapentin 100 mg capsules', genericName: 'gabapentin', activeIngredients: 'gabapentin', form: 'Capsule', strength: '100 mg', route: 'Oral', category: 'Analgesic / anxiolytic', isControlled: true, schedule: 'S5', defaultDose: '50–100 mg per cat', defaultFrequency: '90 minutes before the visit' }),
  item({ key: 'vet-maropitant', name: 'Maropitant 10 mg/ml injection', genericName: 'maropitant', activeIngredients: 'maropitant citrate', form: 'Injection', strength: '10 mg/ml', route: 'Injectable', category: 'Antiemetic', isControlled: false, schedule: 'S4', defaultDose: '1 mg/kg', defaultFrequency: 'Once daily for up to 5 days' }),
  item({ key: 'vet-methimazole-2-5', name: 'Methimazole 2.5 mg tablets', genericName: 'methimazole', activeIngredients: 'thiamazole', form: 'Tablet', strength: '2.5 mg', route: 'Oral', category: 'Antithyroid', isControlled: false, schedule: 'S4', species: 'Cat', defaultDose: '1 tablet', defaultFrequency: 'Twice daily' }),
  item({ key: 'vet-milbemycin-praziquantel', name: 'Milbemycin/praziquantel tablets', genericName: 'milbemycin oxime with praziquantel', activeIngredients: 'milbemycin oxime, praziquantel', form: 'Tablet', strength: '4/10 mg', route: 'Oral', category: 'Antiparasitic', isControlled: false, schedule: 'S1', defaultDose: '1 tablet', defaultFrequency: 'Every 3 months' }),
  item({ key: 'vet-selamectin', name: 'Selamectin 45 mg spot-on', genericName: 'selamectin', activeIngredients: 'selamectin', form: 'Spot-on', strength: '45 mg', route: 'Topical', category: 'Antiparasitic', isControlled: false, schedule: 'S1', defaultDose: '1 pipette', defaultFrequency: 'Monthly' }),
  item({ key: 'vet-prednisolone-5', name: 'Prednisolone 5 mg tablets', genericName: 'prednisolone', activeIngredients: 'prednisolone', form: 'Tablet', strength: '5 mg', route: 'Oral', category: 'Corticosteroid', isControlled: false, schedule: 'S4', defaultDose: '1 mg/kg', defaultFrequency: 'Once daily, tapering' }),
];

/** The practice's starter list, keeping only items for species it treats (a feline hospital gets no dog items). */
export function starterMedicationsFor(kind: 'medical' | 'veterinary', allowedSpecies: readonly string[]): readonly StarterMedication[] {
  if (kind === 'medical') return HUMAN_STARTER_MEDICATIONS;
  const allowed = new Set(allowedSpecies.map((s) => s.toLowerCase()));
  return VET_STARTER_MEDICATIONS.filter((m) => !m.species || allowed.size === 0 || allowed.has(m.species.toLowerCase()));
}
