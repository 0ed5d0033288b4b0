/** Inputs of the consultation operations (consultations.*), checked at the IPC boundary. */
import { z } from 'zod';
import { optionalText, requiredText, uuid } from './common';

const byVisit = z.object({ visitId: uuid });
export const startConsultationInput = byVisit;
export const consultationForVisitInput = byVisit;
export const consultationIdInput = z.object({ consultationId: uuid });

const note = optionalText(20_000).optional();
/** Only the fields given are written; a field left out keeps its text. */
export const saveDraftInput = z.object({
  consultationId: uuid,
  chiefComplaint: optionalText(500).optional(),
  subjective: note,
  objective: note,
  assessment: note,
  plan: note,
  protocolId: uuid.nullish(),
});

const measure = z.number({ error: 'Must be a number' }).nullish().transform((v) => (v === undefined ? null : v));
export const recordVitalsInput = z.object({
  consultationId: uuid,
  temperature_c: measure,
  weight_kg: measure,
  heart_rate_bpm: measure,
  respiratory_rate_bpm: measure,
  bp_systolic: measure,
  bp_diastolic: measure,
  body_condition_score: measure,
  pain_score: measure,
});

export const DIAGNOSIS_STATUSES = ['active', 'resolved', 'chronic'] as const;
export const DIAGNOSIS_CODE_SYSTEMS = ['ICD-10', 'PRACTICE', 'FREE_TEXT'] as const;
export const codeDiagnosisInput = z
  .object({
    consultationId: uuid,
    codeSystem: z.enum(DIAGNOSIS_CODE_SYSTEMS),
    /** ICD-10: the code, with or without the dot; PRACTICE: a code of the practice's list; free text: none. */
    code: optionalText(20).optional(),
    /** Free text: the diagnosis; a code: taken from its code set when left out. */
    description: optionalText(300).optional(),
    isPrimary: z.boolean().default(false),
    status: z.enum(DIAGNOSIS_STATUSES).default('active'),
    onsetDate: z.iso.date({ error: 'Must be a date (YYYY-MM-DD)' }).nullish(),
  })
  .superRefine((d, ctx) => {
    if (d.codeSystem !== 'FREE_TEXT' && !d.code) ctx.addIssue({ code: 'custom', path: ['code'], message: 'Choose a code' });
    if (d.codeSystem === 'FREE_TEXT' && !d.description) ctx.addIssue({ code: 'custom', path: ['description'], message: 'Required' });
  });

export const PROCEDURE_CODE_SYSTEMS = ['CPT', 'NAPPI', 'PRACTICE'] as const;
export const addProcedureInput = z.object({
  consultationId: uuid,
  codeSystem: z.enum(PROCEDURE_CODE_SYSTEMS),
  code: requiredText(20),
  description: requiredText(300),
  quantity: z.number({ error: 'Must be a whole number' }).int({ error: 'Must be a whole number' }).min(1, { error: 'At least 1' }).max(1000).default(1),
  /** Price of one, in the practice currency's minor units. */
  unitPriceMinor: z.number({ error: 'Must be a whole number' }).int({ error: 'Must be a whole number' }).min(0, { error: 'Cannot be negative' }).default(0),
});

/** A draft's diagnosis changed: its status, or made the primary one (or not). */
export const changeDiagnosisInput = z
  .object({
    diagnosisId: uuid,
    status: z.enum(DIAGNOSIS_STATUSES).optional(),
    isPrimary: z.boolean().optional(),
  })
  .refine((d) => d.status !== undefined || d.isPrimary !== undefined, { message: 'Nothing to change' });

/** A diagnosis or procedure taken off a draft (a tombstone, kept in the history and the audit log). */
export const removeConsultationRowInput = z.object({ kind: z.enum(['diagnosis', 'procedure']), id: uuid });

export const addAddendumInput = z.object({ consultationId: uuid, text: requiredText(10_000) });

export type SaveDraftInput = z.input<typeof saveDraftInput>;
export type RecordVitalsInput = z.input<typeof recordVitalsInput>;
export type CodeDiagnosisInput = z.input<typeof codeDiagnosisInput>;
export type AddProcedureInput = z.input<typeof addProcedureInput>;
export type ChangeDiagnosisInput = z.input<typeof changeDiagnosisInput>;
