/**
 * What outbox capture costs on writes: 100k patients (and their accounts)
 * inserted then updated through the data layer, with the capture triggers,
 * against plain prepared statements writing the same values to an identical
 * database whose *_capture_insert / *_capture_update triggers were dropped
 * (the search-index triggers and every index stay). Same 1000-row transactions,
 * run batch by batch in lockstep so both see the same machine.
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

/** One way of writing: a batch of inserts, or a batch of updates of the patients it inserted, in one transaction. */
export interface Writer {
  insert(batch: readonly WorkItem[]): void;
  update(batch: readonly WorkItem[], firstIndex: number): void;
}

/** Through insertAccount / insertPatient / updatePatient, capture triggers on. */
export function dataLayerWriter(db: LocalDatabase): Writer {
  const practiceId = uuidv7();
  const actorId = uuidv7();
  const ids: string[] = [];
  let accountId = '';
  return {
    insert: (batch) =>
      db.transaction(actorId, () => {
        for (const item of batch) {
          if (item.account) accountId = insertAccount(db, practiceId, item.account);
          ids.push(insertPatient(db, practiceId, accountId, 'animal', item.patient));
        }
      }),
    update: (batch, first) =>
      db.transaction(actorId, () => {
        batch.forEach((item, i) => updatePatient(db, ids[first + i]!, item.edited));
      }),
  };
}

export function dropCaptureTriggers(db: LocalDatabase): string[] {
  const names = (
    db.sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND (name LIKE '%\\_capture\\_insert' ESCAPE '\\' OR name LIKE '%\\_capture\\_update' ESCAPE '\\')`).all() as { name: string }[]
  ).map((r) => r.name);
  for (const name of names) db.sqlite.exec(`DROP TRIGGER "${name}"`);
  return names;
}

/** Plain better-sqlite3 prepared statements, the same values (ids and timestamps made the same way). */
export function plainWriter(db: LocalDatabase, sample: WorkItem): Writer {
  const practiceId = uuidv7();
  const accountCols = ['id', 'practice_id', 'created_at', 'updated_at', 'deleted_at', ...Object.keys(toRow(sample.account!))];
  const patientFieldCols = Object.keys(toRow(sample.patient));
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
  let accountId = '';
  return {
    insert: (batch) =>
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
      })(),
    update: (batch, first) =>
      db.sqlite.transaction(() => {
        batch.forEach((item, i) => updatePatientStmt.run(...values(item.edited), new Date().toISOString(), ids[first + i]!));
      })(),
  };
}

/**
 * Both writers in lockstep, batch by batch, alternating which goes first, so
 * both files grow alike and whatever else the machine is doing hits both.
 */
function race(a: Writer, b: Writer, items: readonly WorkItem[], batchSize: number) {
  const t = { a: { insertMs: 0, updateMs: 0 }, b: { insertMs: 0, updateMs: 0 } };
  const chunks = batches(items, batchSize);
  for (const phase of ['insert', 'update'] as const) {
    let first = 0;
    chunks.forEach((batch, i) => {
      const order = i % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const);
      for (const who of order) {
        const writer = who === 'a' ? a : b;
        const [, ms] = timeMs(() => (phase === 'insert' ? writer.insert(batch) : writer.update(batch, first)));
        t[who][phase === 'insert' ? 'insertMs' : 'updateMs'] += ms;
      }
      first += batch.length;
    });
  }
  return t;
}

/** Warm both paths on throwaway files, then measure both on fresh, identically migrated files. */
export async function benchCapture(dir: string, patients = 100_000, batchSize = 1000): Promise<CaptureResult> {
  const items = workload(patients, 11);
  const open = async (name: string, capture: boolean) => {
    const db = await LocalDatabase.open(join(dir, name));
    if (!capture) dropCaptureTriggers(db);
    return db;
  };
  const warm = workload(3000, 12);
  const [warmA, warmB] = [await open('warm-captured.sqlite', true), await open('warm-plain.sqlite', false)];
  race(dataLayerWriter(warmA), plainWriter(warmB, items[0]!), warm, batchSize);
  warmA.close();
  warmB.close();

  const [captured, plain] = [await open('captured.sqlite', true), await open('plain.sqlite', false)];
  const t = race(dataLayerWriter(captured), plainWriter(plain, items[0]!), items, batchSize);
  const run = (db: LocalDatabase, ms: { insertMs: number; updateMs: number }): CaptureRun => ({
    ...ms,
    totalMs: ms.insertMs + ms.updateMs,
    accounts: countRows(db, 'account'),
    patients: countRows(db, 'patient'),
    syncLogRows: countRows(db, 'sync_log'),
  });
  const dataLayer = run(captured, t.a);
  const plainRun = run(plain, t.b);
  captured.close();
  plain.close();

  const round = (v: number) => Math.round(v * 1000) / 1000;
  return {
    ratio: round(dataLayer.totalMs / plainRun.totalMs),
    insertRatio: round(dataLayer.insertMs / plainRun.insertMs),
    updateRatio: round(dataLayer.updateMs / plainRun.updateMs),
    dataLayer,
    plain: plainRun,
    expectedSyncLogRows: dataLayer.accounts + 2 * dataLayer.patients,
    batchSize,
  };
}
