/**
 * Writing a generated household the way registration does: inputs parsed by
 * the API's zod schemas, the practice's rules applied, rows written by the
 * data-layer functions (so the capture and search triggers fire), and, as
 * the services do, an audit entry per created row. Call inside a transaction.
 */
import { appendAudit } from '../../electron/db/audit-log';
import { insertChartRecord } from '../../electron/db/chart-records';
import type { LocalDatabase } from '../../electron/db/database';
import { insertAccount, insertPatient } from '../../electron/db/patients';
import type { Actor } from '../../electron/services/actor';
import { applyPracticeRules, patientKindFor } from '../../electron/services/patient-rules';
import type { ChartRecordKind } from '../../shared/schemas/patient';
import { familyHistoryFields, medicalHistoryFields, registerPatientInput } from '../../shared/schemas/patient';
import type { Household } from './household';

export interface SeedCounts {
  accounts: number;
  patients: number;
  emergencyContact: number;
  medicalAid: number;
  allergy: number;
  medicalHistory: number;
  familyHistory: number;
}

export const emptyCounts = (): SeedCounts => ({
  accounts: 0,
  patients: 0,
  emergencyContact: 0,
  medicalAid: 0,
  allergy: 0,
  medicalHistory: 0,
  familyHistory: 0,
});

const PLACEHOLDER_ACCOUNT = '00000000-0000-7000-8000-000000000000';

/** Returns the new patients' ids. */
export function writeHousehold(db: LocalDatabase, actor: Actor, household: Household, audit: boolean, counts: SeedCounts): string[] {
  const { practiceId, userId } = actor;
  const log = (entityType: string, entityId: string, after: unknown, patientId: string | null) => {
    if (audit) appendAudit(db, { practiceId, userId, action: 'create', entityType, entityId, patientId, after });
  };
  let accountId: string | null = null;
  const ids: string[] = [];
  for (const generated of household.members) {
    const input = registerPatientInput.parse({
      account: accountId ? { existingAccountId: PLACEHOLDER_ACCOUNT } : { newAccount: household.account },
      patient: generated.patient,
      emergencyContacts: generated.emergencyContacts,
      medicalAid: generated.medicalAid,
      allergies: generated.allergies,
      acknowledgeDuplicates: true,
    });
    const newAccount = 'newAccount' in input.account ? input.account.newAccount : undefined;
    if (!accountId && newAccount) {
      accountId = insertAccount(db, practiceId, newAccount);
      log('account', accountId, newAccount, null);
      counts.accounts += 1;
    }
    const patient = applyPracticeRules(actor.practice, input.patient);
    const patientId = insertPatient(db, practiceId, accountId!, patientKindFor(actor.practice), patient);
    log('patient', patientId, { ...patient, accountId, duplicatesAcknowledged: true }, patientId);
    counts.patients += 1;
    ids.push(patientId);
    const records: { kind: ChartRecordKind; fields: object }[] = [
      ...input.emergencyContacts.map((fields) => ({ kind: 'emergencyContact' as const, fields })),
      ...(input.medicalAid ? [{ kind: 'medicalAid' as const, fields: input.medicalAid }] : []),
      ...input.allergies.map((fields) => ({ kind: 'allergy' as const, fields })),
      ...generated.medicalHistory.map((h) => ({ kind: 'medicalHistory' as const, fields: medicalHistoryFields.parse(h) })),
      ...generated.familyHistory.map((h) => ({ kind: 'familyHistory' as const, fields: familyHistoryFields.parse(h) })),
    ];
    for (const record of records) {
      const id = insertChartRecord(db, record.kind, practiceId, patientId, record.fields);
      log(record.kind, id, record.fields, patientId);
      counts[record.kind] += 1;
    }
  }
  return ids;
}
