/**
 * Prescribing from the practice's catalogue. An issued prescription is never
 * edited: a correction is cancel + issue anew. Refused (nothing written)
 * when a medication matches an active allergy of the patient without an
 * override reason, or is a controlled drug and the prescriber has no
 * licence number on record (shared/clinical/prescribing-rules.ts).
 */
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { AllergyRefusal, MedicationView, PrescribingCheck, PrescriptionView } from '../../shared/api/prescribing-types';
import { ApiError } from '../../shared/api/result';
import { allergyWarnings, prescribingProblems, type ItemToCheck } from '../../shared/clinical/prescribing-rules';
import { starterMedicationsFor } from '../../shared/clinical/starter-medications';
import { prescriptionNumberFor } from '../../shared/domain/prescription-number';
import { t } from '../../shared/i18n';
import type { cancelPrescriptionInput, medicationSearchInput, prescribeInput, prescribingCheckInput } from '../../shared/schemas/prescribing';
import { appendAudit } from '../db/audit-log';
import { listChartRecords } from '../db/chart-records';
import type { LocalDatabase } from '../db/database';
import { countMedications, findMedication, searchMedications, seedMedications, toMedicationView } from '../db/medications';
import { patientAndMerged, survivorOf } from '../db/patient-merge';
import { findPatientRow } from '../db/patients';
import { cancelPrescriptionRow, findPrescription, insertPrescription, prescriptionNumberTaken, prescriptionRowsOf, toPrescriptionViews } from '../db/prescriptions';
import type { MedicationTable } from '../db/schema-prescribing';
import { findStaff } from '../db/staff';
import { findVisit } from '../db/visits';
import type { Actor } from './actor';
import { conflict, notFound, validationError } from './errors';

/** The starter catalogue for a practice set up before 0012 (new practices get it at setup), audited as a system change. */
export function ensureMedicationCatalogue(db: LocalDatabase, actor: Actor): void {
  db.transaction(actor.userId, () => {
    if (countMedications(db, actor.practiceId) > 0) return;
    const added = seedMedications(db, actor.practiceId, starterMedicationsFor(actor.practice.kind, actor.practice.allowedSpecies));
    appendAudit(db, { practiceId: actor.practiceId, userId: null, action: 'create', entityType: 'medication_catalogue', entityId: null, after: { starterItems: added } });
  });
}

export function findMedications(db: LocalDatabase, actor: Actor, input: z.output<typeof medicationSearchInput>): MedicationView[] {
  if (countMedications(db, actor.practiceId) === 0) ensureMedicationCatalogue(db, actor);
  return searchMedications(db, { practiceId: actor.practiceId, ...input }).map(toMedicationView);
}

function nextFreeNumber(db: LocalDatabase, practiceId: string, id: string): string {
  for (let attempt = 0; ; attempt += 1) {
    const number = prescriptionNumberFor(id, attempt);
    if (!prescriptionNumberTaken(db, practiceId, number)) return number;
  }
}

type Problem = ReturnType<typeof prescribingProblems>[number];
const controlledMessage = (p: Problem) => t('rx.controlledRefused', { medication: p.medicationName, schedule: (p.kind === 'controlled' && p.schedule) || 'scheduled' });

function refuse(problems: Problem[]): never {
  const controlled = problems.find((p) => p.kind === 'controlled');
  if (controlled) throw validationError({ [`items.${controlled.item}.medicationId`]: controlledMessage(controlled) });
  const allergies = problems.flatMap((p) => (p.kind === 'allergy' ? [p] : []));
  const first = allergies[0]!;
  const detail: AllergyRefusal = { allergyWarnings: allergies.map(({ item, medicationName, allergens }) => ({ item, medicationName, allergens })) };
  throw new ApiError({
    kind: 'conflict',
    message: t('rx.allergyRefused', { medication: first.medicationName, allergens: first.allergens.join(', ') }),
    fields: Object.fromEntries(allergies.map((a) => [`items.${a.item}.allergyOverrideReason`, t('rx.allergyWarning', { allergens: a.allergens.join(', ') })])),
    detail,
  });
}

const terms = (m: MedicationTable) => ({
  name: m.name,
  genericName: m.generic_name,
  activeIngredients: m.active_ingredients,
  isControlled: m.is_controlled === 1,
  schedule: m.schedule,
});

/** The facts the rules need: the patient (as it stands now), the drugs, the prescriber, the patient's live allergies. */
function gather(db: LocalDatabase, actor: Actor, patientIdGiven: string, medicationIds: readonly string[]) {
  if (!findPatientRow(db, actor.practiceId, patientIdGiven)) throw notFound('Patient');
  const patientId = survivorOf(db, patientIdGiven);
  const medications = medicationIds.map((id, i) => {
    const m = findMedication(db, actor.practiceId, id);
    if (!m) throw validationError({ [`items.${i}.medicationId`]: t('rx.unknownMedication') });
    // Retired: no longer offered (a stale picker, a reissue of an old prescription); issued ones keep their copy.
    if (m.is_active !== 1) throw validationError({ [`items.${i}.medicationId`]: t('catalogue.retired', { name: m.name }) });
    return m;
  });
  const prescriber = findStaff(db, actor.practiceId, actor.userId);
  if (!prescriber) throw notFound('Prescriber');
  const allergies = patientAndMerged(db, patientId).flatMap((id) => listChartRecords<{ id: string; allergen: string }>(db, 'allergy', id));
  return { patientId, medications, prescriber, allergies };
}

export function checkPrescription(db: LocalDatabase, actor: Actor, input: z.output<typeof prescribingCheckInput>): PrescribingCheck {
  const { medications, prescriber, allergies } = gather(db, actor, input.patientId, input.medicationIds);
  const items = medications.map((m) => ({ medication: terms(m), overrideReason: null }));
  const problems = prescribingProblems({ items, allergies, prescriberLicence: prescriber.licenceNumber });
  return {
    allergyWarnings: problems.flatMap((p) => (p.kind === 'allergy' ? [{ item: p.item, medicationName: p.medicationName, allergens: p.allergens }] : [])),
    controlledRefusals: problems.flatMap((p) => (p.kind === 'controlled' ? [{ item: p.item, medicationName: p.medicationName, message: controlledMessage(p) }] : [])),
  };
}

export function prescribe(db: LocalDatabase, actor: Actor, input: z.output<typeof prescribeInput>): PrescriptionView {
  return db.transaction(actor.userId, () => {
    const { patientId, medications, prescriber, allergies } = gather(db, actor, input.patientId, input.items.map((i) => i.medicationId));
    if (input.visitId) {
      const visit = findVisit(db, actor.practiceId, input.visitId);
      if (!visit || visit.deleted_at) throw notFound('Visit');
      if (survivorOf(db, visit.patient_id) !== patientId) throw conflict('rx.visitOfOtherPatient');
    }
    const checks: ItemToCheck[] = input.items.map((item, i) => ({ medication: terms(medications[i]!), overrideReason: item.allergyOverrideReason }));
    const problems = prescribingProblems({ items: checks, allergies, prescriberLicence: prescriber.licenceNumber });
    if (problems.length > 0) refuse(problems);

    const id = uuidv7();
    const warnings = allergyWarnings(checks, allergies);
    const overridden = new Set(warnings.map((w) => w.item));
    const prescription = {
      id,
      patientId,
      visitId: input.visitId,
      prescriberId: actor.userId,
      prescriberName: prescriber.displayName,
      prescriberLicence: prescriber.licenceNumber,
      prescriptionNumber: nextFreeNumber(db, actor.practiceId, id),
      issuedAt: db.isoNow(),
      notes: input.notes,
    };
    const items = input.items.map((item, i) => {
      const m = medications[i]!;
      return {
        medication_id: m.id,
        medication_name: m.name,
        strength: m.strength,
        form: m.form,
        is_controlled: m.is_controlled,
        schedule: m.schedule,
        dose: item.dose,
        frequency: item.frequency,
        duration: item.duration,
        quantity: item.quantity,
        refills: item.refills,
        instructions: item.instructions,
        // Kept only where a warning was actually overridden.
        allergy_override_reason: overridden.has(i) ? item.allergyOverrideReason : null,
      };
    });
    insertPrescription(db, actor.practiceId, prescription, items);
    appendAudit(db, {
      practiceId: actor.practiceId,
      userId: actor.userId,
      action: 'create',
      entityType: 'prescription',
      entityId: id,
      patientId,
      after: { ...prescription, items, ...(warnings.length > 0 ? { allergyOverrides: warnings } : {}) },
    });
    return toPrescriptionViews(db, [findPrescription(db, actor.practiceId, id)!])[0]!;
  });
}

export function cancelPrescription(db: LocalDatabase, actor: Actor, input: z.output<typeof cancelPrescriptionInput>): PrescriptionView {
  return db.transaction(actor.userId, () => {
    const before = findPrescription(db, actor.practiceId, input.prescriptionId);
    if (!before) throw notFound('Prescription');
    if (before.status === 'cancelled') throw conflict('rx.cancelled');
    cancelPrescriptionRow(db, before.id, actor.userId, input.reason);
    const after = findPrescription(db, actor.practiceId, before.id)!;
    appendAudit(db, {
      practiceId: actor.practiceId,
      userId: actor.userId,
      action: 'update',
      entityType: 'prescription',
      entityId: before.id,
      patientId: before.patient_id,
      before: { status: before.status },
      after: { status: after.status, cancelledAt: after.cancelled_at, reason: input.reason },
    });
    return toPrescriptionViews(db, [after])[0]!;
  });
}

/** Newest first; a merged patient's prescriptions are its survivor's. */
export function prescriptionsForPatient(db: LocalDatabase, actor: Actor, patientId: string): PrescriptionView[] {
  if (!findPatientRow(db, actor.practiceId, patientId)) throw notFound('Patient');
  const ids = patientAndMerged(db, survivorOf(db, patientId));
  return toPrescriptionViews(db, prescriptionRowsOf(db, actor.practiceId, ids));
}

export function prescriptionRow(db: LocalDatabase, actor: Actor, id: string): PrescriptionView {
  const row = findPrescription(db, actor.practiceId, id);
  if (!row) throw notFound('Prescription');
  return toPrescriptionViews(db, [row])[0]!;
}
