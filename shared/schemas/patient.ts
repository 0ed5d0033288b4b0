/**
 * Accounts (the responsible party: client, pet owner, guarantor, medical-aid
 * main member) and their patients, human or animal, as the seeds describe them.
 */
import { z } from 'zod';
import { t } from '../i18n';
import { SPECIES } from '../domain/species';
import {
  choice,
  optionalEmail,
  optionalDate,
  optionalPastDate,
  optionalPhone,
  optionalText,
  phone,
  requiredText,
  uuid,
  wholeNumber,
} from './common';

export const PREFERRED_CONTACT = ['phone', 'sms', 'email'] as const;
export const PATIENT_KINDS = ['human', 'animal'] as const;
export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export const REPRODUCTIVE_STATUSES = ['intact', 'neutered', 'spayed', 'unknown'] as const;
export const PATIENT_STATUSES = ['active', 'inactive', 'deceased'] as const;
export const RELATIONSHIPS_TO_ACCOUNT = ['self', 'spouse', 'child', 'dependant', 'owner', 'other'] as const;

export const accountFields = z.object({
  title: optionalText(20),
  firstName: requiredText(100),
  lastName: requiredText(100),
  idNumber: optionalText(40),
  email: optionalEmail,
  phonePrimary: phone,
  phoneSecondary: optionalPhone,
  addressLine1: optionalText(200),
  addressLine2: optionalText(200),
  city: optionalText(100),
  region: optionalText(100),
  postalCode: optionalText(20),
  preferredContact: choice(PREFERRED_CONTACT).default('phone'),
  emailReminders: z.boolean().default(true),
  smsReminders: z.boolean().default(true),
  /** Credit limit in minor units (cents). */
  creditLimitMinor: wholeNumber(0, 1_000_000_000).default(0),
  notes: optionalText(4000),
  alerts: optionalText(1000),
});
export type AccountFieldsInput = z.input<typeof accountFields>;
export type AccountFields = z.output<typeof accountFields>;

const MICROCHIP = /^[0-9A-Za-z]{9,15}$/;

export const patientFields = z.object({
  firstName: requiredText(100),
  lastName: optionalText(100),
  dateOfBirth: optionalPastDate,
  approximateAge: optionalText(50),
  sex: choice(SEXES).default('unknown'),
  reproductiveStatus: choice(REPRODUCTIVE_STATUSES).nullish().transform((v) => v ?? null),
  species: choice(SPECIES).nullish().transform((v) => v ?? null),
  breed: optionalText(100),
  colour: optionalText(100),
  markings: optionalText(1000),
  microchipNumber: optionalText(15).refine((v) => v === null || MICROCHIP.test(v), {
    error: t('err.invalidMicrochip'),
  }),
  idNumber: optionalText(40),
  phone: optionalPhone,
  email: optionalEmail,
  relationshipToAccount: choice(RELATIONSHIPS_TO_ACCOUNT).default('self'),
  status: choice(PATIENT_STATUSES).default('active'),
  deceasedDate: optionalPastDate,
  insurer: optionalText(100),
  insurancePolicyNumber: optionalText(100),
  alerts: optionalText(1000),
  behaviouralNotes: optionalText(2000),
  notes: optionalText(4000),
});
export type PatientFieldsInput = z.input<typeof patientFields>;
export type PatientFields = z.output<typeof patientFields>;

/** Rules across fields that hold for any practice (species rules need the practice). */
export function checkPatientFields(p: PatientFields, issue: (path: string, message: string) => void): void {
  if (p.dateOfBirth && p.approximateAge) issue('approximateAge', t('err.dobOrAge'));
  if (p.deceasedDate && p.status !== 'deceased') issue('deceasedDate', t('err.deceasedDate'));
}

/** Either an existing account's id or a new account's fields: exactly one. */
export const accountChoice = z
  .object({ existingAccountId: uuid.optional(), newAccount: accountFields.optional() })
  .refine((v) => (v.existingAccountId ? 1 : 0) + (v.newAccount ? 1 : 0) === 1, {
    error: t('err.accountPatientMismatch'),
    path: ['existingAccountId'],
  });

export const emergencyContactFields = z.object({
  name: requiredText(120),
  relationship: optionalText(60),
  phone,
  alternatePhone: optionalPhone,
});

export const medicalAidFields = z.object({
  scheme: requiredText(120),
  plan: optionalText(120),
  memberNumber: requiredText(60),
  dependantCode: optionalText(10),
  isMainMember: z.boolean().default(false),
  mainMemberName: optionalText(200),
  mainMemberIdNumber: optionalText(40),
  validFrom: optionalPastDate,
  validTo: optionalDate,
});

export const ALLERGY_SEVERITIES = ['mild', 'moderate', 'severe', 'life_threatening'] as const;
export const allergyFields = z.object({
  allergen: requiredText(200),
  reaction: optionalText(1000),
  severity: choice(ALLERGY_SEVERITIES).default('moderate'),
  diagnosedDate: optionalPastDate,
  notes: optionalText(2000),
});

export const HISTORY_STATUSES = ['active', 'resolved', 'chronic'] as const;
export const medicalHistoryFields = z.object({
  condition: requiredText(200),
  onsetDate: optionalPastDate,
  status: choice(HISTORY_STATUSES).default('active'),
  notes: optionalText(4000),
});

export const familyHistoryFields = z.object({
  relation: requiredText(60),
  condition: requiredText(200),
  notes: optionalText(2000),
});

export const registerPatientInput = z.object({
  account: accountChoice,
  patient: patientFields,
  emergencyContacts: z.array(emergencyContactFields).max(10).default([]),
  medicalAid: medicalAidFields.nullish().transform((v) => v ?? null),
  allergies: z.array(allergyFields).max(50).default([]),
  /** Set after the user has seen the duplicate warning and chosen to go on. */
  acknowledgeDuplicates: z.boolean().default(false),
});
export type RegisterPatientInput = z.input<typeof registerPatientInput>;
export type RegisterPatient = z.output<typeof registerPatientInput>;

export const duplicateCheckInput = z.object({
  firstName: z.string().trim().max(100).default(''),
  lastName: z.string().trim().max(100).nullish(),
  dateOfBirth: z.string().trim().max(10).nullish(),
  phones: z.array(z.string().trim().max(30)).max(5).default([]),
  microchipNumber: z.string().trim().max(15).nullish(),
  idNumber: z.string().trim().max(40).nullish(),
  excludePatientId: uuid.optional(),
});
export type DuplicateCheckInput = z.input<typeof duplicateCheckInput>;

export const patientSearchInput = z.object({
  query: z.string().trim().min(1, { error: t('err.required') }).max(100, { error: t('err.tooLong', { max: 100 }) }),
  limit: z.number().int().min(1).max(200).default(50),
  includeInactive: z.boolean().default(true),
});

/**
 * `expectedUpdatedAt` is the record's `updatedAt` when the form was opened:
 * if someone saved in between, the edit is refused instead of silently
 * overwriting their change.
 */
export const updatePatientInput = z.object({ patientId: uuid, patient: patientFields, expectedUpdatedAt: z.string().max(40).optional() });
export const updateAccountInput = z.object({ accountId: uuid, account: accountFields, expectedUpdatedAt: z.string().max(40).optional() });

/** One input shape for every list on the chart, told apart by `kind`. */
export const chartRecordInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('emergencyContact'), patientId: uuid, id: uuid.optional(), fields: emergencyContactFields }),
  z.object({ kind: z.literal('medicalAid'), patientId: uuid, id: uuid.optional(), fields: medicalAidFields }),
  z.object({ kind: z.literal('allergy'), patientId: uuid, id: uuid.optional(), fields: allergyFields }),
  z.object({ kind: z.literal('medicalHistory'), patientId: uuid, id: uuid.optional(), fields: medicalHistoryFields }),
  z.object({ kind: z.literal('familyHistory'), patientId: uuid, id: uuid.optional(), fields: familyHistoryFields }),
]);
export type ChartRecordInput = z.input<typeof chartRecordInput>;
export const CHART_RECORD_KINDS = ['emergencyContact', 'medicalAid', 'allergy', 'medicalHistory', 'familyHistory'] as const;
export type ChartRecordKind = (typeof CHART_RECORD_KINDS)[number];

export const removeChartRecordInput = z.object({
  kind: choice(CHART_RECORD_KINDS),
  id: uuid,
  /** Why it is being removed: kept in the audit log. */
  reason: requiredText(500),
});
