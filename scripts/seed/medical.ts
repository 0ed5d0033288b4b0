/**
 * Families for a human practice: an account holder (the medical-aid main
 * member or guarantor) with a spouse and children as dependants.
 */
import type { Faker } from '@faker-js/faker';
import { accountFor, member, titleFor, type GeneratedMember, type Household } from './household';
import type { Gen } from './random';
import { FAMILY_CONDITIONS, FAMILY_RELATIONS, HUMAN_ALLERGENS, HUMAN_CONDITIONS, MEDICAL_AID_SCHEMES, PATIENT_ALERTS } from './vocab';

type Sex = 'female' | 'male';
type Relationship = 'self' | 'spouse' | 'child' | 'dependant';

interface Person {
  firstName: string;
  lastName: string;
  sex: Sex;
  dateOfBirth: string;
  idNumber: string;
  relationship: Relationship;
  phone: string | null;
}

export function medicalHousehold(gen: Gen): Household {
  const pool = gen.namePool();
  const shape = gen.weighted([['single', 35], ['couple', 20], ['family', 35], ['single-parent', 10]] as const);
  const partnered = shape === 'couple' || shape === 'family';
  const withChildren = shape === 'family' || shape === 'single-parent';
  const lastName = gen.lastName(pool);
  const holderSex: Sex = gen.chance(shape === 'single-parent' ? 0.8 : 0.5) ? 'female' : 'male';
  const holder = person(gen, pool, holderSex, lastName, withChildren ? [26, 55] : [18, 88], 'self');
  const people = [holder];
  if (partnered) {
    const spouse = person(gen, pool, holderSex === 'female' ? 'male' : 'female', lastName, [Math.max(18, age(holder, gen) - 8), age(holder, gen) + 6], 'spouse');
    people.push(spouse);
  }
  if (withChildren) {
    const maxAge = Math.min(24, age(holder, gen) - 18);
    for (let i = gen.weighted([[1, 40], [2, 40], [3, 20]]); i > 0; i--) {
      people.push(person(gen, pool, gen.chance(0.5) ? 'female' : 'male', lastName, [0, Math.max(1, maxAge)], 'child'));
    }
  }
  const account = accountFor(gen, {
    title: titleFor(gen, holderSex, partnered),
    firstName: holder.firstName,
    lastName,
    idNumber: holder.idNumber,
  });
  holder.phone = account.phonePrimary;
  const aid = gen.chance(0.8) ? medicalAid(gen, holder) : null;
  const members = people.map((p, i) => humanMember(gen, p, people, aid && { ...aid, dependantCode: String(i).padStart(2, '0'), isMainMember: i === 0 }));
  return { account, members };
}

function person(gen: Gen, pool: Faker, sex: Sex, lastName: string, ages: [number, number], relationship: Relationship): Person {
  const dateOfBirth = gen.birthDate(ages[0], ages[1] + 0.99);
  const adult = Date.parse(dateOfBirth) < gen.today.getTime() - 18 * 365.25 * 86_400_000;
  return {
    firstName: gen.firstName(pool, sex),
    lastName,
    sex,
    dateOfBirth,
    idNumber: gen.saIdNumber(dateOfBirth, sex),
    relationship,
    phone: adult && relationship !== 'self' ? gen.mobile() : null,
  };
}

function age(p: Person, gen: Gen): number {
  return Math.floor((gen.today.getTime() - Date.parse(p.dateOfBirth)) / (365.25 * 86_400_000));
}

function medicalAid(gen: Gen, holder: Person) {
  const [scheme, plans] = gen.weighted(MEDICAL_AID_SCHEMES);
  return {
    scheme,
    plan: gen.pick(plans),
    memberNumber: gen.digits(gen.pick([8, 9, 10])),
    mainMemberName: `${holder.firstName} ${holder.lastName}`,
    mainMemberIdNumber: holder.idNumber,
    validFrom: gen.dateSince(12),
    validTo: null,
  };
}

function humanMember(gen: Gen, p: Person, family: Person[], aid: GeneratedMember['medicalAid']): GeneratedMember {
  const years = age(p, gen);
  const status = gen.weighted<'active' | 'inactive' | 'deceased'>([['active', 980], ['inactive', 15], ['deceased', years > 60 ? 10 : 1]]);
  const other = family.find((f) => f !== p && f.relationship !== 'child' && f.phone !== null) ?? family.find((f) => f !== p && f.relationship !== 'child');
  const emergencyContacts = [];
  if (other && other.relationship !== 'child' && (p.relationship === 'child' || gen.chance(0.7))) {
    emergencyContacts.push({ name: `${other.firstName} ${other.lastName}`, relationship: p.relationship === 'child' ? 'Parent' : 'Spouse', phone: other.phone ?? gen.mobile(), alternatePhone: null });
  } else if (years >= 18 && gen.chance(0.75)) {
    const relation = gen.pick(['Mother', 'Father', 'Sister', 'Brother', 'Friend', 'Son', 'Daughter']);
    emergencyContacts.push({ name: `${gen.faker.person.firstName()} ${gen.chance(0.7) ? p.lastName : gen.faker.person.lastName()}`, relationship: relation, phone: gen.mobile(), alternatePhone: gen.chance(0.2) ? gen.landline() : null });
  }
  const allergyNames = gen.chance(0.15) ? new Set(Array.from({ length: gen.int(1, 2) }, () => gen.weighted(HUMAN_ALLERGENS))) : new Set<readonly [string, string]>();
  const allergies = [...allergyNames].map(([allergen, reaction]) => ({
    allergen,
    reaction,
    severity: reaction === 'Anaphylaxis' ? ('life_threatening' as const) : gen.pick(['mild', 'moderate', 'severe'] as const),
    diagnosedDate: gen.chance(0.5) ? gen.dateSince(p.dateOfBirth) : null,
    notes: null,
  }));
  const conditionCount = years >= 18 ? gen.weighted([[0, 55], [1, 25], [2, 13], [3, 7]]) : gen.weighted([[0, 85], [1, 15]]);
  const conditions = new Map(Array.from({ length: conditionCount }, () => gen.weighted(HUMAN_CONDITIONS)));
  const medicalHistory = [...conditions].map(([condition, historyStatus]) => ({
    condition,
    onsetDate: gen.chance(0.7) ? gen.dateSince(p.dateOfBirth) : null,
    status: historyStatus,
    notes: null,
  }));
  const familyHistory = years >= 18 && gen.chance(0.3)
    ? [{ relation: gen.pick(FAMILY_RELATIONS), condition: gen.pick(FAMILY_CONDITIONS), notes: null }]
    : [];
  return member(
    {
      firstName: p.firstName,
      lastName: p.lastName,
      dateOfBirth: p.dateOfBirth,
      sex: p.sex,
      idNumber: p.idNumber,
      phone: p.phone,
      email: p.phone && gen.chance(0.5) ? gen.email(p.firstName, p.lastName) : null,
      relationshipToAccount: p.relationship,
      status,
      deceasedDate: status === 'deceased' ? gen.recentDateAfter(p.dateOfBirth, 2) : null,
      alerts: gen.chance(0.03) ? gen.pick(PATIENT_ALERTS) : null,
    },
    { emergencyContacts, medicalAid: aid, allergies, medicalHistory, familyHistory },
  );
}
