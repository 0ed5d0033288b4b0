/** Pet owners with one to three animals each, for a veterinary practice. */
import type { Species } from '../../shared/domain/species';
import type { PatientFieldsInput } from '../../shared/schemas/patient';
import { accountFor, member, titleFor, type GeneratedMember, type Household } from './household';
import type { Gen } from './random';
import {
  BEHAVIOURAL_NOTES,
  CAT_BREEDS,
  CAT_COLOURS,
  DOG_BREEDS,
  DOG_COLOURS,
  MARKINGS,
  PET_ALERTS,
  PET_ALLERGENS,
  PET_CONDITIONS,
  PET_INSURERS,
  PET_NAMES,
} from './vocab';

export function vetHousehold(gen: Gen, species: readonly Species[]): Household {
  const pool = gen.namePool();
  const sex = gen.chance(0.55) ? 'female' : 'male';
  const firstName = gen.firstName(pool, sex);
  const lastName = gen.lastName(pool);
  const account = accountFor(gen, { title: titleFor(gen, sex, gen.chance(0.5)), firstName, lastName, idNumber: null });
  const pets = gen.weighted([[1, 55], [2, 30], [3, 15]]);
  const names = new Set<string>();
  const members: GeneratedMember[] = [];
  for (let i = 0; i < pets; i++) {
    let name = gen.chance(0.85) ? gen.pick(PET_NAMES) : gen.faker.animal.petName();
    while (names.has(name)) name = gen.pick(PET_NAMES);
    names.add(name);
    members.push(pet(gen, name, gen.pick(species)));
  }
  return { account, members };
}

function pet(gen: Gen, firstName: string, species: Species): GeneratedMember {
  const cat = species === 'Cat';
  const dog = species === 'Dog';
  const sex = gen.chance(0.5) ? 'female' : 'male';
  const sterilised = gen.chance(0.7);
  const ageYears = gen.weighted([[[0, 1], 15], [[1, 5], 35], [[5, 10], 32], [[10, cat ? 20 : 16], 18]] as const);
  const dateOfBirth = gen.birthDate(ageYears[0] + 0.1, ageYears[1]);
  const approximate = gen.chance(0.15);
  const status = gen.weighted<'active' | 'inactive' | 'deceased'>([['active', 93], ['inactive', 3], ['deceased', 4]]);
  const breed = cat ? gen.weighted(CAT_BREEDS) : dog ? gen.weighted(DOG_BREEDS) : null;
  const patient: PatientFieldsInput = {
    firstName,
    lastName: null,
    dateOfBirth: approximate ? null : dateOfBirth,
    approximateAge: approximate ? approximateAge(dateOfBirth, gen.today) : null,
    sex,
    reproductiveStatus: sterilised ? (sex === 'female' ? 'spayed' : 'neutered') : gen.chance(0.9) ? 'intact' : 'unknown',
    species,
    breed,
    colour: gen.pick(cat ? CAT_COLOURS : DOG_COLOURS),
    markings: gen.chance(0.15) ? gen.pick(MARKINGS) : null,
    microchipNumber: gen.chance(0.75) ? gen.microchip() : null,
    relationshipToAccount: 'owner',
    status,
    deceasedDate: status === 'deceased' ? gen.recentDateAfter(dateOfBirth, 2) : null,
    insurer: null,
    insurancePolicyNumber: null,
    alerts: gen.chance(0.05) ? gen.pick(PET_ALERTS) : null,
    behaviouralNotes: gen.chance(0.12) ? gen.pick(BEHAVIOURAL_NOTES) : null,
    notes: gen.chance(0.05) ? gen.pick(['Rescued from a shelter', 'Lives mostly indoors', 'Raw-fed', 'Working farm dog']) : null,
  };
  if (gen.chance(0.15)) {
    patient.insurer = gen.pick(PET_INSURERS);
    patient.insurancePolicyNumber = `PET${gen.digits(8)}`;
  }
  const allergen = gen.chance(0.06) ? gen.weighted(PET_ALLERGENS) : null;
  const allergies = allergen ? [{ allergen: allergen[0], reaction: allergen[1], severity: gen.pick(['mild', 'moderate', 'severe'] as const) }] : [];
  const conditions = gen.chance(0.25) ? new Set(Array.from({ length: gen.int(1, 2) }, () => gen.weighted(PET_CONDITIONS))) : new Set<string>();
  const medicalHistory = [...conditions].map((condition) => ({
    condition,
    onsetDate: approximate ? null : gen.dateSince(dateOfBirth),
    status: gen.pick(['active', 'chronic', 'resolved'] as const),
    notes: null,
  }));
  return member(patient, { allergies, medicalHistory });
}

function approximateAge(dateOfBirth: string, today: Date): string {
  const months = Math.floor((today.getTime() - Date.parse(dateOfBirth)) / (30.44 * 86_400_000));
  if (months < 12) return `about ${Math.max(months, 1)} months`;
  const years = Math.floor(months / 12);
  return years === 1 ? 'about 1 year' : `about ${years} years`;
}
