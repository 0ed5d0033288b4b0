/** What the consultation operations return. */
import type { VitalField } from '../clinical/vital-ranges';

export type SoapField = 'chiefComplaint' | 'subjective' | 'objective' | 'assessment' | 'plan';

export interface VitalsView {
  id: string;
  recordedAt: string;
  recordedBy: string | null;
  values: Partial<Record<VitalField, number | null>>;
  /** Outside the usual range for the patient's species: field → why. */
  unusual: Partial<Record<VitalField, string>>;
}

export interface DiagnosisView {
  id: string;
  /** PRACTICE: a code of the practice's own list (diagnosisCodes.*). */
  codeSystem: 'ICD-10' | 'PRACTICE' | 'FREE_TEXT';
  code: string | null;
  description: string;
  isPrimary: boolean;
  status: 'active' | 'resolved' | 'chronic';
  onsetDate: string | null;
}

export interface ProcedureView {
  id: string;
  codeSystem: 'CPT' | 'NAPPI' | 'PRACTICE';
  code: string;
  description: string;
  quantity: number;
  unitPriceMinor: number;
}

export interface AddendumView {
  id: string;
  author: string | null;
  writtenAt: string;
  text: string;
}

export interface ProtocolView {
  id: string;
  name: string;
  species: string | null;
  subjective: string | null;
  objective: string | null;
  assessment: string | null;
  plan: string | null;
}

export interface ConsultationView {
  id: string;
  visitId: string;
  patientId: string;
  patientName: string;
  species: string | null;
  practitionerId: string | null;
  practitionerName: string | null;
  protocolId: string | null;
  chiefComplaint: string | null;
  subjective: string | null;
  objective: string | null;
  assessment: string | null;
  plan: string | null;
  status: 'draft' | 'signed';
  startedAt: string;
  signedAt: string | null;
  signedBy: string | null;
  /** May the caller sign it (their own, or a doctor's co-signature)? */
  canSign: boolean;
  /** Note fields with two versions from concurrent edits on two devices: see the conflict inbox. */
  conflictedFields: SoapField[];
  vitals: VitalsView[];
  diagnoses: DiagnosisView[];
  procedures: ProcedureView[];
  addenda: AddendumView[];
  protocols: ProtocolView[];
}

/** One consultation in a patient's list on the chart, newest first. */
export interface ConsultationSummary {
  id: string;
  visitId: string;
  startedAt: string;
  status: 'draft' | 'signed';
  chiefComplaint: string | null;
  practitionerName: string | null;
  primaryDiagnosis: string | null;
}

/** One point of the chart's weight history. */
export interface WeightPoint {
  recordedAt: string;
  weightKg: number;
}
