/** What the API returns. Inputs are the zod schemas in `shared/schemas`. */
import type { Permission, Role } from '../domain/roles';
import type { PracticeKind, Species } from '../domain/species';
import type { AccountFields, PatientFields } from '../schemas/patient';
import type { z } from 'zod';
import type {
  allergyFields,
  emergencyContactFields,
  familyHistoryFields,
  medicalAidFields,
  medicalHistoryFields,
} from '../schemas/patient';

export interface PracticeInfo {
  id: string;
  name: string;
  kind: PracticeKind;
  allowedSpecies: Species[];
  currency: string;
  taxRateBasisPoints: number;
  timeZone: string;
  locale: string;
}

export interface SetupStatus {
  needsSetup: boolean;
  practiceName: string | null;
}

export interface SessionInfo {
  token: string;
  expiresAt: string;
  user: { id: string; email: string; displayName: string };
  practice: PracticeInfo;
  role: Role;
  permissions: Permission[];
  practices: { id: string; name: string; role: Role }[];
}

export interface StaffMember {
  userId: string;
  email: string;
  displayName: string;
  role: Role;
  active: boolean;
  licenceNumber: string | null;
  lastSignInAt: string | null;
  createdAt: string;
}

interface RowMeta {
  id: string;
  createdAt: string;
  updatedAt: string;
}

export type Account = AccountFields & RowMeta;
export type Patient = PatientFields & RowMeta & { accountId: string; kind: 'human' | 'animal' };
export type EmergencyContact = z.output<typeof emergencyContactFields> & RowMeta & { patientId: string };
export type MedicalAid = z.output<typeof medicalAidFields> & RowMeta & { patientId: string };
export type Allergy = z.output<typeof allergyFields> & RowMeta & { patientId: string };
export type MedicalHistoryEntry = z.output<typeof medicalHistoryFields> & RowMeta & { patientId: string };
export type FamilyHistoryEntry = z.output<typeof familyHistoryFields> & RowMeta & { patientId: string };

export interface PatientSearchHit {
  patientId: string;
  kind: 'human' | 'animal';
  displayName: string;
  species: string | null;
  breed: string | null;
  sex: string;
  dateOfBirth: string | null;
  approximateAge: string | null;
  status: string;
  microchipNumber: string | null;
  idNumber: string | null;
  accountId: string;
  accountName: string;
  phone: string;
  hasAlerts: boolean;
}

export type DuplicateReason = 'phone' | 'microchip' | 'nameAndDateOfBirth' | 'idNumber';

export interface DuplicateCandidate {
  patientId: string;
  displayName: string;
  accountName: string;
  dateOfBirth: string | null;
  phone: string;
  reasons: DuplicateReason[];
}

export interface PatientChart {
  patient: Patient;
  account: Account;
  otherPatientsOnAccount: { id: string; displayName: string; status: string }[];
  emergencyContacts: EmergencyContact[];
  medicalAid: MedicalAid[];
  allergies: Allergy[];
  /** null when the signed-in role may not read clinical history. */
  medicalHistory: MedicalHistoryEntry[] | null;
  familyHistory: FamilyHistoryEntry[] | null;
  /** The id asked for, when it was a merged patient: this chart is its survivor's. */
  redirectedFrom?: string;
}

export interface RegisteredPatient {
  patientId: string;
  accountId: string;
}

export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'read', 'sign_in', 'sign_in_failed', 'sign_out'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  id: string;
  at: string;
  deviceId: string;
  userId: string | null;
  userName: string | null;
  action: AuditAction;
  entityType: string;
  entityId: string | null;
  patientId: string | null;
  patientName: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass back as `before` to get the next (older) page; null at the end. */
  nextCursor: string | null;
}

export interface AuditChainReport {
  devices: { deviceId: string; entries: number; intact: boolean; firstBrokenId: string | null }[];
}
