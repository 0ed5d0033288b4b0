/**
 * What a draft consultation records besides the note: vital signs (checked
 * against the patient's species), coded or free-text diagnoses (one primary;
 * only billable ICD-10-CM codes), and procedures for billing later.
 */
import type { z } from 'zod';
import type { ConsultationView } from '../../shared/api/consultation-types';
import { checkVitals, hasAnyVital, VITAL_FIELDS } from '../../shared/clinical/vital-ranges';
import { t } from '../../shared/i18n';
import type { addProcedureInput, changeDiagnosisInput, codeDiagnosisInput, recordVitalsInput, removeConsultationRowInput } from '../../shared/schemas/consultation';
import { appendAudit } from '../db/audit-log';
import * as rows from '../db/consultations';
import type { LocalDatabase } from '../db/database';
import { ensureIcd10Loaded } from '../db/icd10-load';
import { recordDiagnosisCodeUse } from '../db/icd10-usage';
import { findDiagnosisCodeRow, practiceDiagnosisCodeId, recordPracticeCodeUse } from '../db/practice-diagnosis-codes';
import { normaliseCode } from '../../shared/clinical/practice-code-match';
import type { Actor } from './actor';
import { requireDraft, requireWrite } from './consultation';
import { consultationView } from './consultation-view';
import { conflict, notFound, validationError } from './errors';

export function recordVitals(db: LocalDatabase, actor: Actor, input: z.output<typeof recordVitalsInput>): ConsultationView {
  requireWrite(actor);
  return db.transaction(actor.userId, () => {
    const c = requireDraft(db, actor, input.consultationId);
    const values = Object.fromEntries(VITAL_FIELDS.map((f) => [f, input[f]]));
    if (!hasAnyVital(values)) throw conflict('err.nothingToRecord');
    const { errors } = checkVitals(rows.speciesOf(db, c.patient_id), values);
    if (Object.keys(errors).length > 0) throw validationError(errors as Record<string, string>);
    const id = rows.insertConsultationRow(db, 'vital_signs', actor.practiceId, {
      ...values,
      consultation_id: c.id,
      patient_id: c.patient_id,
      recorded_at: db.isoNow(),
      recorded_by: actor.userId,
    });
    appendAudit(db, { practiceId: actor.practiceId, userId: actor.userId, action: 'create', entityType: 'vital_signs', entityId: id, patientId: c.patient_id, after: values });
    return consultationView(db, actor, c);
  });
}

/** An active code of the practice's list that fits the patient's species. */
function practiceCodeFor(db: LocalDatabase, actor: Actor, patientId: string, typed: string) {
  const code = normaliseCode(typed);
  const found = findDiagnosisCodeRow(db, actor.practiceId, practiceDiagnosisCodeId(actor.practiceId, code));
  if (!found) throw validationError({ code: t('err.unknownPracticeCode', { code }) });
  if (found.is_active !== 1) throw validationError({ code: t('err.retiredPracticeCode', { code }) });
  const species = JSON.parse(found.species) as string[];
  const patientSpecies = rows.speciesOf(db, patientId);
  if (species.length > 0 && (!patientSpecies || !species.includes(patientSpecies))) {
    throw validationError({ code: t('err.codeNotForSpecies', { code, species: species.join(', ') }) });
  }
  return found;
}

export function codeDiagnosis(db: LocalDatabase, actor: Actor, input: z.output<typeof codeDiagnosisInput>): ConsultationView {
  requireWrite(actor);
  if (input.codeSystem === 'ICD-10') ensureIcd10Loaded(db); // outside the transaction: a first load takes seconds, once
  return db.transaction(actor.userId, () => {
    const c = requireDraft(db, actor, input.consultationId);
    let code: string | null = null;
    let description = input.description ?? null;
    if (input.codeSystem === 'ICD-10') {
      const found = rows.findIcd10Code(db, input.code!);
      if (!found) throw validationError({ code: t('err.unknownIcd10', { code: input.code! }) });
      if (found.billable !== 1) throw validationError({ code: t('err.notBillable', { code: found.code_dotted }) });
      code = found.code_dotted;
      description ??= found.title;
      recordDiagnosisCodeUse(db, actor.practiceId, found.code);
    } else if (input.codeSystem === 'PRACTICE') {
      const found = practiceCodeFor(db, actor, c.patient_id, input.code!);
      code = found.code;
      description ??= found.description;
      recordPracticeCodeUse(db, actor.practiceId, found.code);
    }
    if (input.isPrimary) for (const other of rows.primaryDiagnoses(db, c.id)) rows.clearPrimary(db, other);
    const values = {
      consultation_id: c.id,
      patient_id: c.patient_id,
      code_system: input.codeSystem,
      code,
      description: description!,
      is_primary: input.isPrimary ? 1 : 0,
      status: input.status,
      onset_date: input.onsetDate ?? null,
    };
    const id = rows.insertConsultationRow(db, 'consultation_diagnosis', actor.practiceId, values);
    appendAudit(db, { practiceId: actor.practiceId, userId: actor.userId, action: 'create', entityType: 'consultation_diagnosis', entityId: id, patientId: c.patient_id, after: values });
    return consultationView(db, actor, c);
  });
}

export function addProcedure(db: LocalDatabase, actor: Actor, input: z.output<typeof addProcedureInput>): ConsultationView {
  requireWrite(actor);
  return db.transaction(actor.userId, () => {
    const c = requireDraft(db, actor, input.consultationId);
    const values = {
      consultation_id: c.id,
      patient_id: c.patient_id,
      code_system: input.codeSystem,
      code: input.code.toUpperCase(),
      description: input.description,
      quantity: input.quantity,
      unit_price_minor: input.unitPriceMinor,
    };
    const id = rows.insertConsultationRow(db, 'consultation_procedure', actor.practiceId, values);
    appendAudit(db, { practiceId: actor.practiceId, userId: actor.userId, action: 'create', entityType: 'consultation_procedure', entityId: id, patientId: c.patient_id, after: values });
    return consultationView(db, actor, c);
  });
}

/** A draft's diagnosis: a new status (active, resolved, chronic), or made the primary one (the other loses it). */
export function changeDiagnosis(db: LocalDatabase, actor: Actor, input: z.output<typeof changeDiagnosisInput>): ConsultationView {
  requireWrite(actor);
  return db.transaction(actor.userId, () => {
    const row = rows.findConsultationRow(db, 'consultation_diagnosis', actor.practiceId, input.diagnosisId);
    if (!row) throw notFound('Diagnosis');
    const c = requireDraft(db, actor, row.consultation_id);
    if (input.isPrimary) for (const other of rows.primaryDiagnoses(db, c.id)) if (other !== row.id) rows.clearPrimary(db, other);
    const values = {
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.isPrimary !== undefined ? { is_primary: input.isPrimary ? 1 : 0 } : {}),
    };
    rows.changeDiagnosisRow(db, row.id, values);
    appendAudit(db, { practiceId: actor.practiceId, userId: actor.userId, action: 'update', entityType: 'consultation_diagnosis', entityId: row.id, patientId: c.patient_id, after: values });
    return consultationView(db, actor, c);
  });
}

/** Takes a diagnosis or procedure off a draft: a tombstone, kept in the row's history and the audit log. */
export function removeConsultationRow(db: LocalDatabase, actor: Actor, input: z.output<typeof removeConsultationRowInput>): ConsultationView {
  requireWrite(actor);
  const table = input.kind === 'diagnosis' ? 'consultation_diagnosis' : 'consultation_procedure';
  return db.transaction(actor.userId, () => {
    const row = rows.findConsultationRow(db, table, actor.practiceId, input.id);
    if (!row) throw notFound(input.kind === 'diagnosis' ? 'Diagnosis' : 'Procedure');
    const c = requireDraft(db, actor, row.consultation_id);
    rows.removeConsultationRow(db, table, row.id);
    appendAudit(db, { practiceId: actor.practiceId, userId: actor.userId, action: 'delete', entityType: table, entityId: row.id, patientId: c.patient_id });
    return consultationView(db, actor, c);
  });
}
