/**
 * The registration form's values, shaped like `patients.register`'s input so
 * the core's per-field errors (`account.newAccount.phonePrimary`,
 * `emergencyContacts.0.phone`) land on the matching inputs unchanged.
 */
import type { UseFormReturnType } from '@mantine/form';
import type { PracticeInfo } from '../../../shared/api/types';
import type { DuplicateCheckInput, RegisterPatientInput } from '../../../shared/schemas/patient';
import { accountFields, registerPatientInput } from '../../../shared/schemas/patient';
import { phoneDigits } from '../../../shared/domain/phone';
import { schemaErrors } from '../../forms';
import { t } from '../../../shared/i18n';

export interface AccountForm {
  title: string;
  firstName: string;
  lastName: string;
  idNumber: string;
  phonePrimary: string;
  phoneSecondary: string;
  email: string;
  addressLine1: string;
  addressLine2: string;
  city: string;
  region: string;
  postalCode: string;
  preferredContact: 'phone' | 'sms' | 'email';
  emailReminders: boolean;
  smsReminders: boolean;
}

export interface PatientForm {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  approximateAge: string;
  sex: 'female' | 'male' | 'other' | 'unknown';
  reproductiveStatus: string;
  species: string;
  breed: string;
  colour: string;
  markings: string;
  microchipNumber: string;
  idNumber: string;
  phone: string;
  email: string;
  relationshipToAccount: 'self' | 'spouse' | 'child' | 'dependant' | 'owner' | 'other';
  insurer: string;
  insurancePolicyNumber: string;
  alerts: string;
  behaviouralNotes: string;
}

export interface EmergencyContactForm {
  name: string;
  relationship: string;
  phone: string;
  alternatePhone: string;
}

export interface MedicalAidForm {
  scheme: string;
  plan: string;
  memberNumber: string;
  dependantCode: string;
  isMainMember: boolean;
  mainMemberName: string;
  mainMemberIdNumber: string;
}

export interface AllergyForm {
  allergen: string;
  reaction: string;
  severity: 'mild' | 'moderate' | 'severe' | 'life_threatening';
}

export interface RegisterValues {
  accountMode: 'new' | 'existing';
  existingAccount: { id: string; name: string; phone: string } | null;
  account: { newAccount: AccountForm };
  /** Medical practices: the patient is the account holder (name and phone copied, relationship 'self'). */
  patientIsAccountHolder: boolean;
  patient: PatientForm;
  emergencyContacts: EmergencyContactForm[];
  withMedicalAid: boolean;
  medicalAid: MedicalAidForm;
  allergies: AllergyForm[];
}

export type RegisterFormApi = UseFormReturnType<RegisterValues>;

export const emptyEmergencyContact = (): EmergencyContactForm => ({ name: '', relationship: '', phone: '', alternatePhone: '' });
export const emptyAllergy = (): AllergyForm => ({ allergen: '', reaction: '', severity: 'moderate' });

export function initialRegisterValues(practice: PracticeInfo): RegisterValues {
  const vet = practice.kind === 'veterinary';
  return {
    accountMode: 'new',
    existingAccount: null,
    account: {
      newAccount: {
        title: '',
        firstName: '',
        lastName: '',
        idNumber: '',
        phonePrimary: '',
        phoneSecondary: '',
        email: '',
        addressLine1: '',
        addressLine2: '',
        city: '',
        region: '',
        postalCode: '',
        preferredContact: 'phone',
        emailReminders: true,
        smsReminders: true,
      },
    },
    patientIsAccountHolder: false,
    patient: {
      firstName: '',
      lastName: '',
      dateOfBirth: '',
      approximateAge: '',
      sex: 'unknown',
      reproductiveStatus: '',
      species: vet && practice.allowedSpecies.length === 1 ? (practice.allowedSpecies[0] ?? '') : '',
      breed: '',
      colour: '',
      markings: '',
      microchipNumber: '',
      idNumber: '',
      phone: '',
      email: '',
      relationshipToAccount: vet ? 'owner' : 'self',
      insurer: '',
      insurancePolicyNumber: '',
      alerts: '',
      behaviouralNotes: '',
    },
    emergencyContacts: [],
    withMedicalAid: false,
    medicalAid: {
      scheme: '',
      plan: '',
      memberNumber: '',
      dependantCode: '',
      isMainMember: false,
      mainMemberName: '',
      mainMemberIdNumber: '',
    },
    allergies: [],
  };
}

/** The patient as it will be sent: for an account holder, name and phone come from the account. */
export function effectivePatient(v: RegisterValues, vet: boolean): PatientForm {
  if (vet || !v.patientIsAccountHolder || v.accountMode !== 'new') return v.patient;
  const a = v.account.newAccount;
  return { ...v.patient, firstName: a.firstName, lastName: a.lastName, phone: a.phonePrimary, relationshipToAccount: 'self' };
}

export function toRegisterInput(v: RegisterValues, practice: PracticeInfo, acknowledgeDuplicates: boolean): RegisterPatientInput {
  const vet = practice.kind === 'veterinary';
  const p = effectivePatient(v, vet);
  const patient: RegisterPatientInput['patient'] = vet
    ? {
        firstName: p.firstName,
        dateOfBirth: p.dateOfBirth,
        approximateAge: p.approximateAge,
        sex: p.sex,
        reproductiveStatus: (p.reproductiveStatus || null) as RegisterPatientInput['patient']['reproductiveStatus'],
        species: (p.species || null) as RegisterPatientInput['patient']['species'],
        breed: p.breed,
        colour: p.colour,
        markings: p.markings,
        microchipNumber: p.microchipNumber,
        relationshipToAccount: p.relationshipToAccount,
        insurer: p.insurer,
        insurancePolicyNumber: p.insurancePolicyNumber,
        alerts: p.alerts,
        behaviouralNotes: p.behaviouralNotes,
      }
    : {
        firstName: p.firstName,
        lastName: p.lastName,
        dateOfBirth: p.dateOfBirth,
        sex: p.sex,
        idNumber: p.idNumber,
        phone: p.phone,
        email: p.email,
        relationshipToAccount: p.relationshipToAccount,
        alerts: p.alerts,
      };
  const m = v.medicalAid;
  return {
    account:
      v.accountMode === 'existing'
        ? { existingAccountId: v.existingAccount?.id ?? '' }
        : { newAccount: { ...v.account.newAccount } },
    patient,
    emergencyContacts: v.emergencyContacts.map((c) => ({ ...c })),
    medicalAid: v.withMedicalAid
      ? {
          scheme: m.scheme,
          plan: m.plan,
          memberNumber: m.memberNumber,
          dependantCode: m.dependantCode,
          isMainMember: m.isMainMember,
          mainMemberName: m.isMainMember ? null : m.mainMemberName,
          mainMemberIdNumber: m.isMainMember ? null : m.mainMemberIdNumber,
        }
      : null,
    allergies: v.allergies.map((a) => ({ ...a })),
    acknowledgeDuplicates,
  };
}

/** Field errors the shared schema finds before anything is sent (same messages as the core). */
export function clientErrors(input: RegisterPatientInput, mode: RegisterValues['accountMode']): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(schemaErrors(registerPatientInput, input))) {
    if (path === 'account' || path.startsWith('account.')) continue; // union: checked below per branch
    errors[path] = message;
  }
  if (mode === 'existing') {
    if (!('existingAccountId' in input.account) || !input.account.existingAccountId) errors['account.existingAccountId'] = t('register.chooseAccountError');
  } else if ('newAccount' in input.account) {
    for (const [path, message] of Object.entries(schemaErrors(accountFields, input.account.newAccount))) {
      errors[`account.newAccount.${path}`] = message;
    }
  }
  return errors;
}

/** What the duplicate check needs, or null when too little is filled in to be worth asking. */
export function duplicateQuery(v: RegisterValues, vet: boolean): DuplicateCheckInput | null {
  const p = effectivePatient(v, vet);
  // An existing account's phone is left out: its other patients share it by design.
  const phones = [p.phone, v.accountMode === 'new' ? v.account.newAccount.phonePrimary : '', v.accountMode === 'new' ? v.account.newAccount.phoneSecondary : '']
    .map((x) => (x ?? '').trim())
    .filter((x) => phoneDigits(x).length >= 6);
  const microchip = p.microchipNumber.trim();
  const idNumber = p.idNumber.trim();
  const firstName = p.firstName.trim();
  const dob = /^\d{4}-\d{2}-\d{2}$/.test(p.dateOfBirth) ? p.dateOfBirth : null;
  const worthAsking = phones.length > 0 || microchip.length >= 9 || idNumber.length >= 4 || (firstName.length >= 2 && dob !== null);
  if (!worthAsking) return null;
  return {
    firstName,
    lastName: vet ? null : p.lastName.trim() || null,
    dateOfBirth: dob,
    phones: [...new Set(phones)].slice(0, 5),
    microchipNumber: vet && microchip ? microchip : null,
    idNumber: !vet && idNumber ? idNumber : null,
  };
}
