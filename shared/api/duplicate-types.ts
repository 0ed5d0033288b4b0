/** What the duplicates list and patient merge return (inputs: shared/schemas/duplicates.ts). */
import type { Account, DuplicateReason, Patient } from './types';

/** One side of a pair, as the list shows it. */
export interface DuplicatePatientSummary {
  patientId: string;
  displayName: string;
  accountName: string;
  species: string | null;
  dateOfBirth: string | null;
  microchipNumber: string | null;
  phone: string;
}

/** Two live patients that look like one; `id` is derived from both ids, the same on every device. */
export interface DuplicatePair {
  id: string;
  patientA: DuplicatePatientSummary;
  patientB: DuplicatePatientSummary;
  reasons: DuplicateReason[];
}

/** How many rows hang off a patient (moved by a merge, except payments: a ledger, read through the redirect). */
export interface MergeRecordCounts {
  appointments: number;
  visits: number;
  allergies: number;
  medicalHistory: number;
  familyHistory: number;
  emergencyContacts: number;
  medicalAid: number;
  charges: number;
  payments: number;
}

export interface MergeSide {
  patient: Patient;
  account: Account;
  displayName: string;
  counts: MergeRecordCounts;
}

/** Both patients side by side, and the fields (MERGE_FIELDS) whose values differ. */
export interface MergeComparison {
  a: MergeSide;
  b: MergeSide;
  differing: string[];
}

export interface MergeResult {
  survivorId: string;
  mergedId: string;
  /** Rows moved to the survivor, per table. */
  moved: Record<string, number>;
}
