/**
 * What outbox capture costs on writes: 100k patients (and their accounts)
 * inserted then updated through the data layer, with the capture triggers,
 * against plain prepared statements writing the same values to an identical
 * database whose *_capture_insert / *_capture_update triggers were dropped
 * (the search-index triggers and every index stay). Same 1000-row transactions.
 */
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { toRow } from '../electron/db/case';
import { LocalDatabase } from '../electron/db/database';
import { insertAccount, insertPatient, updatePatient } from '../electron/db/patients';
import { accountFields, patientFields, type AccountFields, type PatientFields } from '../shared/schemas/patient';
import { Gen } from '../scripts/seed/random';
import { vetHousehold } from '../scripts/seed/vet';
import { timeMs } from './stats';

export interface WorkItem {
  /** Set on a household's first patient: its account is inserted just before it. */
  account: AccountFields | null;
  patient: PatientFields;
  /** The same patient after an edit at reception (notes, weight-style change, phone). */
  edited: PatientFields;
}

export interface CaptureRun {
  insertMs: number;
  updateMs: number;
  totalMs: number;
  accounts: number;
  patients: number;
  syncLogRows: number;
}

export interface CaptureResult {
  ratio: number;
  insertRatio: number;
  updateRatio: number;
  dataLayer: CaptureRun;
  plain: CaptureRun;
  expectedSyncLogRows: number;
  batchSize: number;
}

export function workload(patients: number, seed: number): WorkItem[] {
  const gen = new Gen(seed, new Date('2025-06-01'));
  const items: WorkItem[] = [];
  while (items.length < patients) {
    const household = vetHousehold(gen, ['Cat', 'Dog']);
    household.members.slice(0, patients - items.length).forEach((m, i) => {
      const patient = patientFields.parse(m.patient);
      const edited = { ...patient, notes: `Weight ${gen.int(2, 60)} kg at last visit`, markings: patient.markings ?? 'None recorded' };
      items.push({ account: i === 0 ? accountFields.parse(household.account) : null, patient, edited });
    });
  }
  return items;
}

function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const countRows = (db: LocalDatabase, table: string) => (db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** Through insertAccount / insertPatient / updatePatient, capture triggers on. */
export function runDataLayer(db: LocalDatabase, items: WorkItem[], batchSize: number): CaptureRun {
  const practiceId = uuidv7();
  const actorId = uuidv7();
  const ids: string[] = [];
  const [, insertMs] = timeMs(() => {
    let accountId = '';
    for (const batch of batches(items, batchSize)) {
      db.transaction(actorId, () => {
        for (const item of batch) {
          if (item.account) accountId = insertAccount(db, practiceId, item.account);
          ids.push(insertPatient(db, practiceId, accountId, 'animal', item.patient));
        }
      });
    }
  });
  const [, updateMs] = timeMs(() => {
    let i = 0;
    for (const batch of batches(items, batchSize)) {
      db.transaction(actorId, () => {
        for (const item of batch) updatePatient(db, ids[i++]!, item.edited);
      });
    }
  });
  return { insertMs, updateMs, totalMs: insertMs + updateMs, accounts: countRows(db, 'account'), patients: countRows(db, 'patient'), syncLogRows: countRows(db, 'sync_log') };
}

export function dropCaptureTriggers(db: LocalDatabase): string[] {
  const names = (
    db.sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND (name LIKE '%\\_capture\\_insert' ESCAPE '\\' OR name LIKE '%\\_capture\\_update' ESCAPE '\\')`).all() as { name: string }[]
  ).map((r) => r.name);
  for (const name of names) db.sqlite.exec(`DROP TRIGGER "${name}"`);
  return names;
}

/** Plain better-sqlite3 prepared statements, the same values, no capture. */
export function runPlain(db: LocalDatabase, items: WorkItem[], batchSize: number): CaptureRun {
  const practiceId = uuidv7();
  const first = items.find((i) => i.account)!;
  const accountCols = ['id', 'practice_id', 'created_at', 'updated_at', 'deleted_at', ...Object.keys(toRow(first.account!))];
  const patientFieldCols = Object.keys(toRow(first.patient));
  const patientCols = ['id', 'practice_id', 'created_at', 'updated_at', 'deleted_at', ...patientFieldCols, 'account_id', 'kind'];
  const insert = (table: string, cols: string[]) =>
    db.sqlite.prepare(`INSERT INTO ${table} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
  const insertAccountStmt = insert('account', accountCols);
  const insertPatientStmt = insert('patient', patientCols);
  const updatePatientStmt = db.sqlite.prepare(
    `UPDATE patient SET ${[...patientFieldCols, 'updated_at'].map((c) => `"${c}" = ?`).join(', ')} WHERE id = ? AND deleted_at IS NULL`,
  );
  const values = (fields: object) => Object.values(toRow(fields));
  const ids: string[] = [];
  const [, insertMs] = timeMs(() => {
    let accountId = '';
    for (const batch of batches(items, batchSize)) {
      db.sqlite.transaction(() => {
        for (const item of batch) {
          if (item.account) {
            accountId = uuidv7();
            const now = new Date().toISOString();
            insertAccountStmt.run(accountId, practiceId, now, now, null, ...values(item.account));
          }
          const id = uuidv7();
          const now = new Date().toISOString();
          insertPatientStmt.run(id, practiceId, now, now, null, ...values(item.patient), accountId, 'animal');
          ids.push(id);
        }
      })();
    }
  });
  const [, updateMs] = timeMs(() => {
    let i = 0;
    for (const batch of batches(items, batchSize)) {
      db.sqlite.transaction(() => {
        for (const item of batch) updatePatientStmt.run(...values(item.edited), new Date().toISOString(), ids[i++]!);
      })();
    }
  });
  return { insertMs, updateMs, totalMs: insertMs + updateMs, accounts: countRows(db, 'account'), patients: countRows(db, 'patient'), syncLogRows: countRows(db, 'sync_log') };
}

/** Warm both paths on throwaway files, then measure each on a fresh, identically migrated file. */
export async function benchCapture(dir: string, patients = 100_000, batchSize = 1000): Promise<CaptureResult> {
  const items = workload(patients, 11);
  const warm = workload(3000, 12);
  const open = (name: string) => LocalDatabase.open(join(dir, name));

  const warmA = await open('warm-capture.sqlite');
  runDataLayer(warmA, warm, batchSize);
  warmA.close();
  const warmB = await open('warm-plain.sqlite');
  dropCaptureTriggers(warmB);
  runPlain(warmB, warm, batchSize);
  warmB.close();

  const plainDb = await open('plain.sqlite');
  dropCaptureTriggers(plainDb);
  const plain = runPlain(plainDb, items, batchSize);
  plainDb.close();
  const captured = await open('captured.sqlite');
  const dataLayer = runDataLayer(captured, items, batchSize);
  captured.close();

  const round = (v: number) => Math.round(v * 1000) / 1000;
  return {
    ratio: round(dataLayer.totalMs / plain.totalMs),
    insertRatio: round(dataLayer.insertMs / plain.insertMs),
    updateRatio: round(dataLayer.updateMs / plain.updateMs),
    dataLayer,
    plain,
    expectedSyncLogRows: dataLayer.accounts + 2 * dataLayer.patients,
    batchSize,
  };
}
