/**
 * Vaccinations: recording a dose (once; its facts never change), marking one
 * entered in error (its only correction), a patient's list, and the
 * practice's "due and overdue" list for reminders, worked out on
 * practice-local days (shared/clinical/vaccination-due.ts).
 */
import type { z } from 'zod';
import type { DueVaccination, VaccinationView, VaccinationsDue } from '../../shared/api/prescribing-types';
import { addDays, dueDoses } from '../../shared/clinical/vaccination-due';
import { clinicDay } from '../../shared/domain/practice-time';
import type { enterVaccinationInErrorInput, recordVaccinationInput, vaccinationsDueInput } from '../../shared/schemas/prescribing';
import { t } from '../../shared/i18n';
import { appendAudit } from '../db/audit-log';
import type { LocalDatabase } from '../db/database';
import { patientAndMerged, survivorOf } from '../db/patient-merge';
import { displayName, findPatientRow } from '../db/patients';
import { findStaff } from '../db/staff';
import {
  dosesOf,
  findVaccination,
  insertVaccination,
  markVaccinationEnteredInError,
  patientsWithDoseDueBy,
  reminderContacts,
  toVaccinationViews,
  vaccinationRowsOf,
  type GivenDoseRow,
  type ReminderContact,
} from '../db/vaccinations';
import { findVisit } from '../db/visits';
import type { Actor } from './actor';
import { conflict, notFound, validationError } from './errors';

/** A minute of grace for a desk clock slightly behind the one that filled the form. */
const FUTURE_GRACE_MS = 60_000;

export function recordVaccination(db: LocalDatabase, actor: Actor, input: z.output<typeof recordVaccinationInput>): VaccinationView {
  const givenAt = input.givenAt ? new Date(input.givenAt).toISOString() : db.isoNow();
  if (Date.parse(givenAt) > db.now() + FUTURE_GRACE_MS) throw validationError({ givenAt: t('vx.givenInFuture') });
  const givenOn = clinicDay(givenAt, actor.practice.timeZone);
  if (input.nextDueOn && input.nextDueOn < givenOn) throw validationError({ nextDueOn: t('vx.nextDueBeforeGiven') });
  return db.transaction(actor.userId, () => {
    if (!findPatientRow(db, actor.practiceId, input.patientId)) throw notFound('Patient');
    const patientId = survivorOf(db, input.patientId);
    if (input.visitId) {
      const visit = findVisit(db, actor.practiceId, input.visitId);
      if (!visit || visit.deleted_at) throw notFound('Visit');
      if (survivorOf(db, visit.patient_id) !== patientId) throw conflict('rx.visitOfOtherPatient');
    }
    const fields = {
      patient_id: patientId,
      visit_id: input.visitId,
      vaccine_name: input.vaccineName,
      vaccine_type: input.vaccineType,
      manufacturer: input.manufacturer,
      lot_number: input.lotNumber,
      site: input.site,
      given_at: givenAt,
      given_by: actor.userId,
      given_by_name: findStaff(db, actor.practiceId, actor.userId)?.displayName ?? null,
      expiry_date: input.expiryDate,
      next_due_on: input.nextDueOn,
      notes: input.notes,
    };
    const id = insertVaccination(db, actor.practiceId, fields);
    appendAudit(db, { practiceId: actor.practiceId, userId: actor.userId, action: 'create', entityType: 'vaccination', entityId: id, patientId, after: fields });
    return toVaccinationViews(db, [findVaccination(db, actor.practiceId, id)!])[0]!;
  });
}

/**
 * A dose recorded on the wrong patient or never given: marked, never removed
 * or rewritten (the chart keeps it, struck through). Once only: a second
 * mark would overwrite the first's who and why.
 */
export function enterVaccinationInError(db: LocalDatabase, actor: Actor, input: z.output<typeof enterVaccinationInErrorInput>): VaccinationView {
  return db.transaction(actor.userId, () => {
    const before = findVaccination(db, actor.practiceId, input.vaccinationId);
    if (!before) throw notFound('Vaccination');
    if (before.entered_in_error_at !== null) throw conflict('vx.enteredInErrorAlready');
    markVaccinationEnteredInError(db, before.id, actor.userId, input.reason);
    const after = findVaccination(db, actor.practiceId, before.id)!;
    appendAudit(db, {
      practiceId: actor.practiceId,
      userId: actor.userId,
      action: 'update',
      entityType: 'vaccination',
      entityId: before.id,
      patientId: before.patient_id,
      before: { enteredInErrorAt: null },
      after: { enteredInErrorAt: after.entered_in_error_at, reason: input.reason },
    });
    return toVaccinationViews(db, [after])[0]!;
  });
}

/** Newest first, those entered in error included (marked); a merged patient's doses are its survivor's. */
export function vaccinationsForPatient(db: LocalDatabase, actor: Actor, patientId: string): VaccinationView[] {
  if (!findPatientRow(db, actor.practiceId, patientId)) throw notFound('Patient');
  return toVaccinationViews(db, vaccinationRowsOf(db, actor.practiceId, patientAndMerged(db, survivorOf(db, patientId))));
}

type DueDose = GivenDoseRow & { state: DueVaccination['state']; daysUntilDue: number };

function toDue(d: DueDose, c: ReminderContact): DueVaccination {
  const ownContact = c.patientKind === 'human' && c.patientPhone;
  return {
    vaccinationId: d.id,
    patientId: d.patientId,
    patientName: displayName({ kind: c.patientKind, first_name: c.firstName, last_name: c.lastName }, c.accountLast),
    species: c.species,
    vaccineName: d.vaccineName,
    givenAt: d.givenAt,
    nextDueOn: d.nextDueOn!,
    state: d.state,
    daysUntilDue: d.daysUntilDue,
    contactName: `${c.accountFirst} ${c.accountLast}`,
    phone: ownContact ? c.patientPhone! : c.accountPhone,
    email: (c.patientKind === 'human' ? c.patientEmail : null) ?? c.accountEmail,
    preferredContact: c.preferredContact,
  };
}

/**
 * Doses are counted under the patient they stand for now: a merged
 * patient's under its survivor, with the survivor's own (a booster given
 * after the merge clears a reminder from before it).
 */
export function vaccinationsDue(db: LocalDatabase, actor: Actor, input: z.output<typeof vaccinationsDueInput>): VaccinationsDue {
  const asOf = input.asOf ?? clinicDay(db.isoNow(), actor.practice.timeZone);
  const survivors = [...new Set(patientsWithDoseDueBy(db, actor.practiceId, addDays(asOf, input.windowDays)).map((id) => survivorOf(db, id)))];
  const standsFor = new Map(survivors.flatMap((s) => patientAndMerged(db, s).map((id) => [id, s] as const)));
  const doses = dosesOf(db, actor.practiceId, [...standsFor.keys()]).map((d) => ({ ...d, patientId: standsFor.get(d.patientId)! }));
  const contacts = reminderContacts(db, actor.practiceId, survivors);
  const species = input.species?.toLowerCase() ?? null;
  const entries = dueDoses(doses, asOf, input.windowDays)
    .filter((d) => !input.state || d.state === input.state)
    .flatMap((d) => {
      const contact = contacts.get(d.patientId);
      return contact ? [toDue(d, contact)] : [];
    })
    .filter((d) => !species || (d.species ?? '').toLowerCase() === species);
  return { asOf, windowDays: input.windowDays, entries };
}
