/**
 * The lists on a patient's chart (emergency contacts, medical aid, allergies,
 * medical and family history): one set of functions, one table per kind.
 */
import type { ChartRecordKind } from '../../shared/schemas/patient';
import { fromRow, toRow } from './case';
import type { LocalDatabase } from './database';
import { insertSynced, tombstoneSynced, updateSynced, type SyncedTable } from './synced-rows';

export const CHART_RECORD_TABLES = {
  emergencyContact: 'emergency_contact',
  medicalAid: 'medical_aid',
  allergy: 'allergy',
  medicalHistory: 'medical_history',
  familyHistory: 'family_history',
} as const satisfies Record<ChartRecordKind, SyncedTable>;

const BOOLEANS = ['is_main_member'];

export function listChartRecords<T>(db: LocalDatabase, kind: ChartRecordKind, patientId: string): T[] {
  const rows = db.all(
    db.kysely
      .selectFrom(CHART_RECORD_TABLES[kind])
      .selectAll()
      .where('patient_id', '=', patientId)
      .where('deleted_at', 'is', null)
      .orderBy('created_at'),
  );
  return rows.map((row) => fromRow<T>(row, BOOLEANS));
}

export function findChartRecord(
  db: LocalDatabase,
  kind: ChartRecordKind,
  practiceId: string,
  id: string,
): Record<string, unknown> | undefined {
  return db.first(
    db.kysely
      .selectFrom(CHART_RECORD_TABLES[kind])
      .selectAll()
      .where('id', '=', id)
      .where('practice_id', '=', practiceId)
      .where('deleted_at', 'is', null),
  ) as Record<string, unknown> | undefined;
}

export function insertChartRecord(
  db: LocalDatabase,
  kind: ChartRecordKind,
  practiceId: string,
  patientId: string,
  fields: object,
): string {
  return insertSynced(db, CHART_RECORD_TABLES[kind], practiceId, { ...toRow(fields), patient_id: patientId });
}

export function updateChartRecord(db: LocalDatabase, kind: ChartRecordKind, id: string, fields: object): boolean {
  return updateSynced(db, CHART_RECORD_TABLES[kind], id, toRow(fields));
}

export function removeChartRecord(db: LocalDatabase, kind: ChartRecordKind, id: string): boolean {
  return tombstoneSynced(db, CHART_RECORD_TABLES[kind], id);
}
