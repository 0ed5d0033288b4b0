/** What the generators produce: one account and the patients on it, as API inputs. */
import type { z } from 'zod';
import type {
  AccountFieldsInput,
  allergyFields,
  emergencyContactFields,
  familyHistoryFields,
  medicalAidFields,
  medicalHistoryFields,
  PatientFieldsInput,
} from '../../shared/schemas/patient';
import type { Gen } from './random';
import { ACCOUNT_ALERTS } from './vocab';

export interface GeneratedMember {
  patient: PatientFieldsInput;
  emergencyContacts: z.input<typeof emergencyContactFields>[];
  medicalAid: z.input<typeof medicalAidFields> | null;
  allergies: z.input<typeof allergyFields>[];
  medicalHistory: z.input<typeof medicalHistoryFields>[];
  familyHistory: z.input<typeof familyHistoryFields>[];
}

export interface Household {
  account: AccountFieldsInput;
  members: GeneratedMember[];
}

export function member(patient: PatientFieldsInput, extra: Partial<Omit<GeneratedMember, 'patient'>> = {}): GeneratedMember {
  return { patient, emergencyContacts: [], medicalAid: null, allergies: [], medicalHistory: [], familyHistory: [], ...extra };
}

/** The account holder: contact details, address, reminder preferences. */
export function accountFor(
  gen: Gen,
  person: { title: string | null; firstName: string; lastName: string; idNumber: string | null },
): AccountFieldsInput {
  const address = gen.address();
  const hasEmail = gen.chance(0.8);
  const preferredContact = gen.weighted<'phone' | 'sms' | 'email'>([
    ['phone', 4],
    ['sms', 3],
    ['email', hasEmail ? 3 : 0],
  ]);
  return {
    title: person.title,
    firstName: person.firstName,
    lastName: person.lastName,
    idNumber: person.idNumber,
    email: hasEmail ? gen.email(person.firstName, person.lastName) : null,
    phonePrimary: gen.mobile(),
    phoneSecondary: gen.chance(0.3) ? (gen.chance(0.5) ? gen.landline() : gen.mobile()) : null,
    ...address,
    preferredContact,
    emailReminders: hasEmail && gen.chance(0.85),
    smsReminders: gen.chance(0.9),
    creditLimitMinor: gen.chance(0.1) ? gen.pick([50_000, 100_000, 250_000, 500_000]) : 0,
    notes: gen.chance(0.05) ? gen.pick(['Prefers morning appointments', 'Call before 17:00', 'Speaks isiZulu and English', 'Send statements by email']) : null,
    alerts: gen.chance(0.02) ? gen.pick(ACCOUNT_ALERTS) : null,
  };
}

export function titleFor(gen: Gen, sex: 'female' | 'male', married: boolean): string | null {
  if (gen.chance(0.04)) return 'Dr';
  if (gen.chance(0.1)) return null;
  return sex === 'male' ? 'Mr' : married ? 'Mrs' : 'Ms';
}
