/** Registering, finding, opening and editing patients and their accounts. */
import { ApiError } from '../../shared/api/result';
import type { Account, DuplicateCandidate, PatientChart, PatientSearchHit, RegisteredPatient } from '../../shared/api/types';
import { can } from '../../shared/domain/roles';
import { t } from '../../shared/i18n';
import type { AccountFields, PatientFields, RegisterPatient } from '../../shared/schemas/patient';
import { appendAudit } from '../db/audit-log';
import { toRow } from '../db/case';
import { insertChartRecord, listChartRecords } from '../db/chart-records';
import type { LocalDatabase } from '../db/database';
import { findLikelyDuplicates, type DuplicateProbe } from '../db/duplicates';
import { searchPatients } from '../db/patient-search';
import { survivorOf } from '../db/patient-merge';
import * as patients from '../db/patients';
import type { Actor } from './actor';
import { changedFields } from './diff';
import { conflict, notFound, validationError } from './errors';
import { applyPracticeRules, patientKindFor } from './patient-rules';

export function findPatients(
  db: LocalDatabase,
  actor: Actor,
  input: { query: string; limit: number; includeInactive: boolean },
): PatientSearchHit[] {
  return searchPatients(db, actor.practiceId, input.query, input.limit, input.includeInactive);
}

export function checkDuplicates(db: LocalDatabase, actor: Actor, probe: DuplicateProbe): DuplicateCandidate[] {
  return findLikelyDuplicates(db, actor.practiceId, probe);
}

export function registerPatient(db: LocalDatabase, actor: Actor, input: RegisterPatient): RegisteredPatient {
  const patient = applyPracticeRules(actor.practice, input.patient);
  const existingId = input.account.existingAccountId ?? null;
  const newAccount = input.account.newAccount ?? null;
  if (existingId && !patients.findAccountRow(db, actor.practiceId, existingId)) {
    throw validationError({ 'account.existingAccountId': t('err.notFound', { what: 'Account' }) });
  }

  if (!input.acknowledgeDuplicates) {
    const found = findLikelyDuplicates(db, actor.practiceId, {
      firstName: patient.firstName,
      lastName: patient.lastName ?? newAccount?.lastName,
      dateOfBirth: patient.dateOfBirth,
      phones: [patient.phone, newAccount?.phonePrimary, newAccount?.phoneSecondary].filter((p): p is string => !!p),
      microchipNumber: patient.microchipNumber,
      idNumber: patient.idNumber,
    });
    // A second pet (or child) on an existing account shares its phone: that alone is no duplicate.
    const siblings = new Set(existingId ? patients.patientsOfAccount(db, existingId).map((p) => p.id) : []);
    const candidates = found.filter((c) => !(siblings.has(c.patientId) && c.reasons.every((r) => r === 'phone')));
    if (candidates.length > 0) {
      throw new ApiError({ kind: 'duplicate_warning', message: t('err.duplicates'), detail: candidates });
    }
  }

  return db.transaction(actor.userId, () => {
    const audit = (entityType: string, entityId: string, after: unknown, patientId: string | null) =>
      appendAudit(db, { practiceId: actor.practiceId, userId: actor.userId, action: 'create', entityType, entityId, patientId, after });
    const accountId = existingId ?? patients.insertAccount(db, actor.practiceId, newAccount!);
    if (newAccount) audit('account', accountId, newAccount, null);
    const patientId = patients.insertPatient(db, actor.practiceId, accountId, patientKindFor(actor.practice), patient);
    audit('patient', patientId, { ...patient, accountId, duplicatesAcknowledged: input.acknowledgeDuplicates }, patientId);
    const records = [
      ...input.emergencyContacts.map((fields) => ({ kind: 'emergencyContact' as const, fields })),
      ...(input.medicalAid ? [{ kind: 'medicalAid' as const, fields: input.medicalAid }] : []),
      ...input.allergies.map((fields) => ({ kind: 'allergy' as const, fields })),
    ];
    for (const record of records) {
      const id = insertChartRecord(db, record.kind, actor.practiceId, patientId, record.fields);
      audit(record.kind, id, record.fields, patientId);
    }
    return { patientId, accountId };
  });
}

function loadChart(db: LocalDatabase, actor: Actor, askedId: string): PatientChart {
  // A merged patient is a redirect: an old link or receipt opens the survivor's chart.
  const patientId = survivorOf(db, askedId);
  const patientRow = patients.findPatientRow(db, actor.practiceId, patientId);
  if (!patientRow) throw notFound('Patient');
  const accountRow = patients.findAccountRow(db, actor.practiceId, patientRow.account_id)!;
  const clinical = can(actor.role, 'clinical.read');
  return {
    patient: patients.toPatient(patientRow),
    account: patients.toAccount(accountRow),
    otherPatientsOnAccount: patients
      .patientsOfAccount(db, accountRow.id)
      .filter((p) => p.id !== patientId)
      .map((p) => ({ id: p.id, displayName: patients.displayName(p, accountRow.last_name), status: p.status })),
    emergencyContacts: listChartRecords(db, 'emergencyContact', patientId),
    medicalAid: listChartRecords(db, 'medicalAid', patientId),
    allergies: listChartRecords(db, 'allergy', patientId),
    medicalHistory: clinical ? listChartRecords(db, 'medicalHistory', patientId) : null,
    familyHistory: clinical ? listChartRecords(db, 'familyHistory', patientId) : null,
    ...(patientId !== askedId ? { redirectedFrom: askedId } : {}),
  };
}

/** Opening a chart is itself audited: who looked at whose record, and when. */
export function openChart(db: LocalDatabase, actor: Actor, patientId: string): PatientChart {
  const chart = loadChart(db, actor, patientId);
  const opened = chart.patient.id;
  db.transaction(actor.userId, () =>
    appendAudit(db, { practiceId: actor.practiceId, userId: actor.userId, action: 'read', entityType: 'chart', entityId: opened, patientId: opened }),
  );
  return chart;
}

export function editPatient(
  db: LocalDatabase,
  actor: Actor,
  patientId: string,
  fields: PatientFields,
  expectedUpdatedAt?: string,
): PatientChart {
  const patient = applyPracticeRules(actor.practice, fields);
  db.transaction(actor.userId, () => {
    const before = patients.findPatientRow(db, actor.practiceId, patientId);
    if (!before) throw notFound('Patient');
    if (expectedUpdatedAt && before.updated_at !== expectedUpdatedAt) throw conflict('err.staleEdit');
    const diff = changedFields(before, toRow(patient));
    if (Object.keys(diff.after).length === 0) return;
    patients.updatePatient(db, patientId, patient);
    appendAudit(db, { practiceId: actor.practiceId, userId: actor.userId, action: 'update', entityType: 'patient', entityId: patientId, patientId, ...diff });
  });
  return loadChart(db, actor, patientId);
}

export function editAccount(
  db: LocalDatabase,
  actor: Actor,
  accountId: string,
  fields: AccountFields,
  expectedUpdatedAt?: string,
): Account {
  db.transaction(actor.userId, () => {
    const before = patients.findAccountRow(db, actor.practiceId, accountId);
    if (!before) throw notFound('Account');
    if (expectedUpdatedAt && before.updated_at !== expectedUpdatedAt) throw conflict('err.staleEdit');
    const diff = changedFields(before, toRow(fields));
    if (Object.keys(diff.after).length === 0) return;
    patients.updateAccount(db, accountId, fields);
    appendAudit(db, { practiceId: actor.practiceId, userId: actor.userId, action: 'update', entityType: 'account', entityId: accountId, ...diff });
  });
  return patients.toAccount(patients.findAccountRow(db, actor.practiceId, accountId)!);
}
