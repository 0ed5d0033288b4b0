/**
 * chart_timeline_ms: the first page (50 entries) of one patient's chart
 * timeline (electron/db/chart-timeline.ts: one UNION ALL over every source)
 * in the diary database (1M appointments and visits at full size), for a
 * patient given 500 visits: 500 of the diary's appointments, spread evenly
 * through the file, are re-pointed at one patient with their visits and
 * charges (capture off, like the diary itself; payments are append-only and
 * stay with their first patient), and the patient gets lab results,
 * documents and treatment plans on top.
 *
 * Baseline, same run: one plain prepared statement reading that patient's
 * newest 50 appointments by the (patient_id, start_at) index.
 */
import { createHash } from 'node:crypto';
import { chartTimeline, timelineSources } from '../electron/db/chart-timeline';
import type { LocalDatabase } from '../electron/db/database';
import { insertDocument } from '../electron/db/documents';
import { insertLabResult } from '../electron/db/lab-results';
import { insertPlan, insertStep } from '../electron/db/treatment-plans';
import { summarize, timeMs, type Summary } from './stats';

const VISITS = 500;
const PAGE = 50;

export interface ChartTimelineBench {
  patientVisits: number;
  visitsInDatabase: number;
  otherEntries: { labResults: number; documents: number; treatmentPlans: number };
  samples: number;
  limit: number;
  firstPage: Summary;
  /** Page 6 (entries 251–300), reached by the keyset cursor. */
  deepPage: Summary;
  plain: Summary;
  ratioP50: number;
  ratioP95: number;
  rowsOnFirstPage: number;
  sources: number;
  plan: string[];
}

function givePatientHistory(db: LocalDatabase, practiceId: string): { patientId: string; visits: number } {
  const patientId = (db.sqlite.prepare('SELECT patient_id FROM appointment ORDER BY rowid LIMIT 1').pluck().get() as string);
  const total = db.sqlite.prepare('SELECT count(*) FROM appointment').pluck().get() as number;
  const step = Math.max(1, Math.floor(total / VISITS));
  db.withoutCapture(() =>
    db.transaction(null, () => {
      db.sqlite.exec('CREATE TEMP TABLE bench_moved (id TEXT PRIMARY KEY)');
      db.sqlite.prepare(`INSERT INTO bench_moved SELECT id FROM appointment WHERE rowid % ? = 0 LIMIT ?`).run(step, VISITS);
      db.sqlite.prepare('UPDATE appointment SET patient_id = ? WHERE id IN (SELECT id FROM bench_moved)').run(patientId);
      db.sqlite.prepare('UPDATE visit SET patient_id = ? WHERE appointment_id IN (SELECT id FROM bench_moved)').run(patientId);
      const visits = 'SELECT v.id FROM visit v WHERE v.appointment_id IN (SELECT id FROM bench_moved)';
      db.sqlite.prepare(`UPDATE charge SET patient_id = ? WHERE visit_id IN (${visits})`).run(patientId);
      db.sqlite.exec('DROP TABLE bench_moved');
      const dayMs = 86_400_000;
      const start = Date.parse('2021-01-01T08:00:00Z');
      for (let i = 0; i < 120; i++) {
        insertLabResult(db, practiceId, {
          patient_id: patientId, visit_id: null, test_name: ['Glucose', 'Creatinine', 'ALT', 'Potassium'][i % 4]!, test_code: null,
          value: String(4 + (i % 7)), numeric_value: 4 + (i % 7), unit: 'mmol/L', reference_low: 3.5, reference_high: 8, reference_text: null,
          flag: i % 7 > 4 ? 'high' : 'normal', status: 'final', resulted_at: new Date(start + i * 13 * dayMs).toISOString(), lab_name: null,
          notes: null, corrects_id: null, recorded_by: null,
        });
      }
      for (let i = 0; i < 30; i++) {
        insertDocument(db, practiceId, {
          patient_id: patientId, visit_id: null, kind: 'pdf', category: 'Lab report', description: null, file_name: `report-${i}.pdf`,
          mime_type: 'application/pdf', byte_size: 1000 + i, sha256: createHash('sha256').update(String(i)).digest('hex'),
          stored_at: new Date(start + i * 50 * dayMs).toISOString(), uploaded_by: null, removed_at: null, removed_by: null, removed_reason: null,
        });
      }
      for (let i = 0; i < 6; i++) {
        const plan = insertPlan(db, practiceId, { patient_id: patientId, title: `Plan ${i}`, description: null, status: 'proposed', estimated_cost_minor: 100_000, created_by: null });
        insertStep(db, practiceId, { plan_id: plan, step_order: 1, description: 'Step', estimated_cost_minor: 100_000 });
      }
    }),
  );
  const visits = db.sqlite.prepare('SELECT count(*) FROM visit WHERE patient_id = ?').pluck().get(patientId) as number;
  return { patientId, visits };
}

export function benchChartTimeline(db: LocalDatabase, practiceId: string, samples = 2000, budgetMs = 30_000): ChartTimelineBench {
  const { patientId, visits } = givePatientHistory(db, practiceId);
  const plainRead = db.sqlite.prepare(
    `SELECT id, start_at, status, service_type_id FROM appointment WHERE patient_id = ? AND deleted_at IS NULL ORDER BY start_at DESC, id DESC LIMIT ?`,
  );
  const first: number[] = [];
  const plain: number[] = [];
  const deep: number[] = [];
  // Warm both, then alternate so the machine's ups and downs fall on both alike.
  chartTimeline(db, practiceId, patientId, { limit: PAGE });
  plainRead.all(patientId, PAGE);
  let cursor: { at: string; id: string } | undefined;
  for (let p = 0; p < 5; p++) cursor = chartTimeline(db, practiceId, patientId, { limit: PAGE, ...(cursor ? { before: cursor } : {}) }).next ?? undefined;
  const began = performance.now();
  let rows = 0;
  for (let i = 0; i < samples && performance.now() - began < budgetMs; i++) {
    const [page, ms] = timeMs(() => chartTimeline(db, practiceId, patientId, { limit: PAGE }));
    rows = page.entries.length;
    first.push(ms);
    plain.push(timeMs(() => plainRead.all(patientId, PAGE))[1]);
    if (cursor) deep.push(timeMs(() => chartTimeline(db, practiceId, patientId, { limit: PAGE, before: cursor }))[1]);
  }
  const firstPage = summarize(first);
  const plainSummary = summarize(plain);
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    patientVisits: visits,
    visitsInDatabase: db.sqlite.prepare('SELECT count(*) FROM visit').pluck().get() as number,
    otherEntries: { labResults: 120, documents: 30, treatmentPlans: 6 },
    samples: first.length,
    limit: PAGE,
    firstPage,
    deepPage: summarize(deep),
    plain: plainSummary,
    ratioP50: round(firstPage.p50 / plainSummary.p50),
    ratioP95: round(firstPage.p95 / plainSummary.p95),
    rowsOnFirstPage: rows,
    sources: timelineSources(db).length,
    plan: (db.sqlite.prepare(`EXPLAIN QUERY PLAN SELECT id FROM appointment t WHERE t.patient_id = ? ORDER BY t.start_at DESC LIMIT 50`).all(patientId) as { detail: string }[]).map((r) => r.detail),
  };
}
