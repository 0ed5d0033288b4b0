/** Reading a consultation as the screen shows it (no writes, no audit: callers audit the opening). */
import type { ConsultationView, SoapField } from '../../shared/api/consultation-types';
import { checkVitals, VITAL_FIELDS, type Vitals } from '../../shared/clinical/vital-ranges';
import { maySign } from '../../shared/clinical/signing-rules';
import * as rows from '../db/consultations';
import type { LocalDatabase } from '../db/database';
import { patientNames } from '../db/patients';
import { protocolsOf } from '../db/protocols';
import type { ConsultationTable } from '../db/schema-consultations';
import { userNames } from '../db/staff';
import type { Actor } from './actor';

const FIELD_OF_COLUMN: Record<string, SoapField> = {
  chief_complaint: 'chiefComplaint',
  subjective: 'subjective',
  objective: 'objective',
  assessment: 'assessment',
  plan: 'plan',
};

export function consultationView(db: LocalDatabase, actor: Actor, c: ConsultationTable): ConsultationView {
  const species = rows.speciesOf(db, c.patient_id);
  const vitals = rows.vitalsOf(db, c.id);
  const addenda = rows.addendaOf(db, c.id);
  const people = userNames(db, [c.practitioner_id, c.signed_by, ...vitals.map((v) => v.recorded_by), ...addenda.map((a) => a.author_id)].filter((id): id is string => id !== null));
  const name = (id: string | null) => (id ? (people.get(id) ?? null) : null);
  return {
    id: c.id,
    visitId: c.visit_id,
    patientId: c.patient_id,
    patientName: patientNames(db, [c.patient_id]).get(c.patient_id) ?? '',
    species,
    practitionerId: c.practitioner_id,
    practitionerName: name(c.practitioner_id),
    protocolId: c.protocol_id,
    chiefComplaint: c.chief_complaint,
    subjective: c.subjective,
    objective: c.objective,
    assessment: c.assessment,
    plan: c.plan,
    status: c.status,
    startedAt: c.started_at,
    signedAt: c.signed_at,
    signedBy: name(c.signed_by),
    canSign: c.status === 'draft' && maySign(actor.role, actor.userId, c.practitioner_id),
    conflictedFields: rows.conflictedColumns(db, c.id).flatMap((col) => (FIELD_OF_COLUMN[col] ? [FIELD_OF_COLUMN[col]] : [])),
    vitals: vitals.map((v) => {
      const values: Vitals = Object.fromEntries(VITAL_FIELDS.map((f) => [f, v[f]]));
      return { id: v.id, recordedAt: v.recorded_at, recordedBy: name(v.recorded_by), values, unusual: checkVitals(species, values).unusual };
    }),
    diagnoses: rows.diagnosesOf(db, c.id).map((d) => ({
      id: d.id,
      codeSystem: d.code_system,
      code: d.code,
      description: d.description,
      isPrimary: d.is_primary === 1,
      status: d.status,
      onsetDate: d.onset_date,
    })),
    procedures: rows.proceduresOf(db, c.id).map((p) => ({
      id: p.id,
      codeSystem: p.code_system,
      code: p.code,
      description: p.description,
      quantity: p.quantity,
      unitPriceMinor: p.unit_price_minor,
    })),
    addenda: addenda.map((a) => ({ id: a.id, author: name(a.author_id), writtenAt: a.written_at, text: a.text })),
    protocols: protocolsOf(db, actor.practiceId)
      .filter((p) => p.species === null || p.species === species)
      .map((p) => ({
        id: p.id,
        name: p.name,
        species: p.species,
        subjective: p.subjective_template,
        objective: p.objective_template,
        assessment: p.assessment_template,
        plan: p.plan_template,
      })),
  };
}
