/** What the results, documents, plans and timeline operations return. */
import type { LabFlag, LabResultStatus } from '../clinical/lab-flag';
import type { PlanProgress, PlanStepStatus, TreatmentPlanStatus } from '../clinical/treatment-plan-status';
import type { TimelineType } from '../clinical/timeline-types';

export interface LabResultView {
  id: string;
  patientId: string;
  visitId: string | null;
  testName: string;
  testCode: string | null;
  value: string;
  numericValue: number | null;
  unit: string | null;
  referenceLow: number | null;
  referenceHigh: number | null;
  referenceText: string | null;
  flag: LabFlag;
  status: LabResultStatus;
  resultedAt: string;
  labName: string | null;
  notes: string | null;
  correctsId: string | null;
  /** A later result corrects this one; the chart shows that one instead. */
  correctedById: string | null;
  recordedBy: string | null;
  createdAt: string;
}

export interface DocumentView {
  id: string;
  patientId: string;
  visitId: string | null;
  kind: 'pdf' | 'image' | 'other';
  category: string | null;
  description: string | null;
  fileName: string;
  mimeType: string;
  byteSize: number;
  sha256: string;
  storedAt: string;
  uploadedBy: string | null;
  removedAt: string | null;
  removedReason: string | null;
  /** The bytes are in this device's store (false until they arrive by sync). */
  available: boolean;
}

export interface DocumentContent {
  fileName: string;
  mimeType: string;
  contentBase64: string;
}

export interface PlanStepView {
  id: string;
  stepOrder: number;
  description: string;
  estimatedCostMinor: number;
  status: PlanStepStatus;
  doneAt: string | null;
  doneBy: string | null;
  visitId: string | null;
}

export interface TreatmentPlanView {
  id: string;
  patientId: string;
  title: string;
  description: string | null;
  status: TreatmentPlanStatus;
  estimatedCostMinor: number;
  createdBy: string | null;
  createdAt: string;
  statusChangedAt: string;
  steps: PlanStepView[];
  progress: PlanProgress;
}

export interface TimelineEntry {
  type: TimelineType;
  id: string;
  /** UTC ISO-8601 (a date alone for a visit not checked in). */
  at: string;
  title: string;
  detail: string | null;
  /** e.g. a lab flag, a visit or plan status. */
  status: string | null;
  /** Payments and plans: an amount in minor units. */
  amountMinor: number | null;
}

export interface TimelinePage {
  entries: TimelineEntry[];
  /** Pass as `before` for the next (older) page; null at the end. */
  next: { at: string; id: string } | null;
}
