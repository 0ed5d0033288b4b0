/** What the prescribing and vaccination operations return. */
import type { DueState } from '../clinical/vaccination-due';
import type { PrescriptionStatus } from '../domain/prescription-status';

export interface MedicationView {
  id: string;
  name: string;
  genericName: string | null;
  activeIngredients: string | null;
  form: string | null;
  strength: string | null;
  route: string | null;
  category: string | null;
  nappiCode: string | null;
  isControlled: boolean;
  schedule: string | null;
  species: string | null;
  defaultDose: string | null;
  defaultFrequency: string | null;
  defaultInstructions: string | null;
}

export interface PrescriptionItemView {
  id: string;
  medicationId: string;
  medicationName: string;
  strength: string | null;
  form: string | null;
  isControlled: boolean;
  schedule: string | null;
  dose: string;
  frequency: string;
  duration: string | null;
  quantity: number;
  refills: number;
  instructions: string | null;
  allergyOverrideReason: string | null;
}

export interface PrescriptionView {
  id: string;
  prescriptionNumber: string;
  patientId: string;
  visitId: string | null;
  prescriberId: string;
  prescriberName: string;
  prescriberLicence: string | null;
  issuedAt: string;
  status: PrescriptionStatus;
  cancelledAt: string | null;
  cancelReason: string | null;
  notes: string | null;
  items: PrescriptionItemView[];
}

/** Before issuing: what the core would refuse, per item position (prescriptions.check). */
export interface PrescribingCheck {
  allergyWarnings: { item: number; medicationName: string; allergens: string[] }[];
  controlledRefusals: { item: number; medicationName: string; message: string }[];
}

/** The detail of a refused prescription (error kind `conflict`): which items matched which allergies. */
export interface AllergyRefusal {
  allergyWarnings: { item: number; medicationName: string; allergens: string[] }[];
}

export interface VaccinationView {
  id: string;
  patientId: string;
  visitId: string | null;
  vaccineName: string;
  vaccineType: string | null;
  manufacturer: string | null;
  lotNumber: string | null;
  site: string | null;
  givenAt: string;
  givenBy: string | null;
  givenByName: string | null;
  expiryDate: string | null;
  nextDueOn: string | null;
  notes: string | null;
  /** Set when the dose was recorded in error (wrong patient, never given): it stays listed, and counts for nothing. */
  enteredInError: { at: string; byName: string | null; reason: string } | null;
}

/** One line of the "due and overdue" list, with who to contact. */
export interface DueVaccination {
  vaccinationId: string;
  patientId: string;
  patientName: string;
  species: string | null;
  vaccineName: string;
  givenAt: string;
  nextDueOn: string;
  state: DueState;
  /** Negative when overdue. */
  daysUntilDue: number;
  contactName: string;
  phone: string;
  email: string | null;
  preferredContact: string;
}

export interface VaccinationsDue {
  asOf: string;
  windowDays: number;
  entries: DueVaccination[];
}

/** A PDF for the renderer to save (as receipts are). */
export interface PdfFile {
  fileName: string;
  pdfBase64: string;
}
