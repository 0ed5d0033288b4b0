/**
 * The consultation of a visit: starting it from the queue, the SOAP draft,
 * signing, and addenda (the only change a signed note takes). Each call is
 * one transaction with its audit row; the outbox rows come from the capture
 * triggers.
 */
import type { z } from 'zod';
import type { ConsultationSummary, ConsultationView, WeightPoint } from '../../shared/api/consultation-types';
import { defaultProtocols } from '../../shared/clinical/default-protocols';
import { maySign } from '../../shared/clinical/signing-rules';
import { can } from '../../shared/domain/roles';
import type { VisitStatus } from '../../shared/domain/reception-status';
import type { addAddendumInput, saveDraftInput } from '../../shared/schemas/consultation';
import { appendAudit } from '../db/audit-log';
import * as rows from '../db/consultations';
import type { LocalDatabase } from '../db/database';
import { seedDefaultProtocols } from '../db/protocols';
import type { ConsultationTable } from '../db/schema-consultations';
import { findPatientRow } from '../db/patients';
import { shownVersions } from '../db/text-versions';
import { findVisit } from '../db/visits';
import type { Actor } from './actor';
import { consultationView } from './consultation-view';
import { conflict, forbidden, notFound } from './errors';
import { setVisitStatus } from './queue';

const STARTABLE: readonly VisitStatus[] = ['WAITING', 'CALLED', 'IN_PROGRESS'];

export function requireWrite(actor: Actor): void {
  if (!can(actor.role, 'clinical.write')) throw forbidden(actor.role);
}

/** The consultation, live and not signed, or the reason it cannot be changed. */
export function requireDraft(db: LocalDatabase, actor: Actor, consultationId: string): ConsultationTable {
  const c = rows.findConsultation(db, actor.practiceId, consultationId);
  if (!c) throw notFound('Consultation');
  if (c.status === 'signed') throw conflict('err.consultationSigned');
  return c;
}

/** Opens the visit's consultation, or starts one (moving the visit to IN_PROGRESS via the queue's machine). */
export function startConsultation(db: LocalDatabase, actor: Actor, visitId: string): ConsultationView {
  requireWrite(actor);
  return db.transaction(actor.userId, () => {
    const visit = findVisit(db, actor.practiceId, visitId);
    if (!visit) throw notFound('Visit');
    const existing = rows.consultationOfVisit(db, actor.practiceId, visitId);
    if (existing) return openAudited(db, actor, existing);
    if (!STARTABLE.includes(visit.status as VisitStatus)) throw conflict('err.visitNotOpen', { status: visit.status.toLowerCase().replace('_', ' ') });
    if (visit.status === 'WAITING') setVisitStatus(db, actor, visit, 'CALLED');
    const current = findVisit(db, actor.practiceId, visitId)!;
    if (current.status === 'CALLED') setVisitStatus(db, actor, current, 'IN_PROGRESS');
    seedDefaultProtocols(db, actor.practiceId, defaultProtocols(actor.practice.kind));
    const id = rows.insertConsultation(db, actor.practiceId, {
      visit_id: visitId,
      patient_id: visit.patient_id,
      practitioner_id: actor.userId,
      status: 'draft',
      started_at: db.isoNow(),
    });
    appendAudit(db, { practiceId: actor.practiceId, userId: actor.userId, action: 'create', entityType: 'consultation', entityId: id, patientId: visit.patient_id, after: { visitId } });
    return consultationView(db, actor, rows.findConsultation(db, actor.practiceId, id)!);
  });
}

function openAudited(db: LocalDatabase, actor: Actor, c: ConsultationTable): ConsultationView {
  appendAudit(db, { practiceId: actor.practiceId, userId: actor.userId, action: 'read', entityType: 'consultation', entityId: c.id, patientId: c.patient_id });
  return consultationView(db, actor, c);
}

/** The visit's consultation, or null if none was started; opening it is audited. */
export function consultationForVisit(db: LocalDatabase, actor: Actor, visitId: string): ConsultationView | null {
  return db.transaction(actor.userId, () => {
    const c = rows.consultationOfVisit(db, actor.practiceId, visitId);
    return c ? openAudited(db, actor, c) : null;
  });
}

/** The note's clinical text: what a signature pins. */
const SIGNED_TEXT = ['chief_complaint', 'subjective', 'objective', 'assessment', 'plan'] as const;

const NOTE_COLUMNS = {
  chiefComplaint: 'chief_complaint',
  subjective: 'subjective',
  objective: 'objective',
  assessment: 'assessment',
  plan: 'plan',
  protocolId: 'protocol_id',
} as const;

export function saveConsultationDraft(db: LocalDatabase, actor: Actor, input: z.output<typeof saveDraftInput>): ConsultationView {
  requireWrite(actor);
  return db.transaction(actor.userId, () => {
    const c = requireDraft(db, actor, input.consultationId);
    const values: Record<string, string | null> = {};
    const before: Record<string, string | null> = {};
    for (const [field, column] of Object.entries(NOTE_COLUMNS) as [keyof typeof NOTE_COLUMNS, (typeof NOTE_COLUMNS)[keyof typeof NOTE_COLUMNS]][]) {
      const value = input[field];
      if (value === undefined || value === c[column]) continue;
      values[column] = value;
      before[column] = c[column];
    }
    if (Object.keys(values).length > 0) {
      rows.updateConsultation(db, c.id, values);
      appendAudit(db, { practiceId: actor.practiceId, userId: actor.userId, action: 'update', entityType: 'consultation', entityId: c.id, patientId: c.patient_id, before, after: values });
    }
    return consultationView(db, actor, rows.findConsultation(db, actor.practiceId, c.id)!);
  });
}

export function signConsultation(db: LocalDatabase, actor: Actor, consultationId: string): ConsultationView {
  requireWrite(actor);
  return db.transaction(actor.userId, () => {
    const c = rows.findConsultation(db, actor.practiceId, consultationId);
    if (!c) throw notFound('Consultation');
    if (c.status === 'signed') throw conflict('err.alreadySigned');
    if (!maySign(actor.role, actor.userId, c.practitioner_id)) throw conflict('err.mayNotSign');
    if (rows.conflictedColumns(db, c.id).length > 0) throw conflict('err.signWithConflict');
    const now = db.isoNow();
    // The signature restates the note's text on the versions it was signed on, so an edit another device made
    // meanwhile becomes a second version and a conflict on every node, rather than the note's text on some of them.
    const texts = Object.fromEntries(SIGNED_TEXT.map((column) => [column, c[column]]));
    rows.updateConsultation(db, c.id, { status: 'signed', signed_at: now, signed_by: actor.userId, ...texts }, shownVersions(db, 'consultation', c.id, SIGNED_TEXT));
    appendAudit(db, { practiceId: actor.practiceId, userId: actor.userId, action: 'update', entityType: 'consultation', entityId: c.id, patientId: c.patient_id, before: { status: 'draft' }, after: { status: 'signed', signedAt: now } });
    return consultationView(db, actor, rows.findConsultation(db, actor.practiceId, c.id)!);
  });
}

/** A correction or later note: append-only, by any clinician, on a draft or a signed consultation. */
export function addAddendum(db: LocalDatabase, actor: Actor, input: z.output<typeof addAddendumInput>): ConsultationView {
  requireWrite(actor);
  return db.transaction(actor.userId, () => {
    const c = rows.findConsultation(db, actor.practiceId, input.consultationId);
    if (!c) throw notFound('Consultation');
    const id = rows.insertConsultationRow(db, 'consultation_addendum', actor.practiceId, {
      consultation_id: c.id,
      patient_id: c.patient_id,
      author_id: actor.userId,
      written_at: db.isoNow(),
      text: input.text,
    });
    appendAudit(db, { practiceId: actor.practiceId, userId: actor.userId, action: 'create', entityType: 'consultation_addendum', entityId: id, patientId: c.patient_id, after: { consultationId: c.id, text: input.text } });
    return consultationView(db, actor, rows.findConsultation(db, actor.practiceId, c.id)!);
  });
}

/** The patient's consultations for the chart (the chart's opening is audited by patients.chart). */
export function consultationsForPatient(db: LocalDatabase, actor: Actor, patientId: string): ConsultationSummary[] {
  return rows.consultationsOfPatient(db, actor.practiceId, patientId).map((r) => ({
    id: r.id,
    visitId: r.visit_id,
    startedAt: r.started_at,
    status: r.status,
    chiefComplaint: r.chief_complaint,
    practitionerName: r.practitioner_name,
    primaryDiagnosis: r.primary_diagnosis,
  }));
}

/** The patient's recorded weights, oldest first, for the chart. */
export function weightHistory(db: LocalDatabase, actor: Actor, patientId: string): WeightPoint[] {
  if (!findPatientRow(db, actor.practiceId, patientId)) throw notFound('Patient');
  return rows.weightsOf(db, patientId).map((r) => ({ recordedAt: r.recorded_at, weightKg: r.weight_kg! }));
}
