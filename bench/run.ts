/**
 * npm run bench: builds a 100k-patient practice in a temp folder with the
 * seed generator, then measures the patient finder and the duplicate check;
 * adds a diary of 1M appointments (with visits, charges and payments) to the
 * same practice and measures the day view, the queue board and booking; then
 * the cost of outbox capture. Writes bench/results/latest.json and latest.md.
 *
 * Then the sync bench (bench/sync.ts): initial pull of ~1M changes through
 * the real hub, its ratio to a raw copy, the main thread's stall meanwhile,
 * pushing ~100k outbox entries, propagation between two online desks.
 *
 * Options: --patients N (default 100000), --appointments N (default 1000000),
 * --only local|sync (one part alone; its figures replace that part's in
 * latest.json, the other part's are kept), --sync-patients N (40000) and
 * --sync-appointments N (250000): the pulled practice (~1M changes),
 * --push-patients N (49000: ~100k outbox entries), --propagation-samples N
 * (40), --keep (leave the temp folder).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import { LocalDatabase } from '../electron/db/database';
import { seedPractice } from '../scripts/seed/index';
import { benchDiary } from './appointments';
import { benchCapture } from './capture';
import { benchChartTimeline } from './chart-timeline';
import { benchIcd10 } from './icd10';
import { benchDuplicates, benchSearch } from './lookups';
import { markdown, SYNC_FIGURE_NAMES, syncFigures, type BenchResults } from './report';
import { machine } from './stats';
import { benchSync } from './sync';

const { values: args } = parseArgs({
  options: {
    patients: { type: 'string', default: '100000' },
    appointments: { type: 'string', default: '1000000' },
    only: { type: 'string' },
    'sync-patients': { type: 'string', default: '40000' },
    'sync-appointments': { type: 'string', default: '250000' },
    'push-patients': { type: 'string', default: '49000' },
    'propagation-samples': { type: 'string', default: '40' },
    keep: { type: 'boolean', default: false },
  },
});
const patients = Number(args.patients);
const appointments = Number(args.appointments);
if (!Number.isInteger(appointments) || appointments < 1000) throw new Error('--appointments must be a whole number ≥ 1000');
if (args.only !== undefined && args.only !== 'local' && args.only !== 'sync') throw new Error('--only takes local or sync');
const out = join(dirname(fileURLToPath(import.meta.url)), 'results');
const started = performance.now();
const machineInfo = machine();
const dir = mkdtempSync(join(tmpdir(), 'practice-desk-bench-'));
const log = (message: string) => console.log(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);

try {
  const results = args.only === 'sync' ? previousResults() : await localBench();
  if (args.only !== 'local') {
    log('sync: the hub in a worker thread; building the pulled practice');
    const sync = await benchSync({
      dir,
      patients: Number(args['sync-patients']),
      appointments: Number(args['sync-appointments']),
      pushPatients: Number(args['push-patients']),
      propagationSamples: Number(args['propagation-samples']),
      log,
    });
    results.figures = { ...results.figures, ...syncFigures(sync) };
    results.sync = { date: new Date().toISOString(), seconds: Math.round((performance.now() - started) / 100) / 10, ...sync };
  }
  if (args.only === 'local' && existsSync(join(out, 'latest.json'))) keepSyncPart(results, previousResults());
  if (args.only !== 'sync') results.benchSeconds = Math.round((performance.now() - started) / 100) / 10;

  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  const md = markdown(results);
  writeFileSync(join(out, 'latest.md'), md);
  console.log(`\n${md}`);
  const missed = Object.entries(results.figures).filter(([, f]) => !f.met);
  if (missed.length > 0) console.log(`GOAL MISSED: ${missed.map(([name, f]) => `${name} = ${f.value} (goal ${f.goal})`).join('; ')}`);
  else console.log('All goals met.');
} finally {
  if (args.keep) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

/** `--only sync`: the local figures of the last full run stay as they were. */
function previousResults(): BenchResults {
  const file = join(out, 'latest.json');
  if (!existsSync(file)) throw new Error(`--only sync adds to ${file}, which does not exist yet: run npm run bench once first`);
  return JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
}

/** `--only local`: the sync figures of the last run stay as they were. */
function keepSyncPart(results: BenchResults, previous: BenchResults): void {
  if (!previous.sync) return;
  results.sync = previous.sync;
  const kept = Object.entries(previous.figures).filter(([name]) => (SYNC_FIGURE_NAMES as readonly string[]).includes(name));
  results.figures = { ...results.figures, ...Object.fromEntries(kept) };
}

async function localBench(): Promise<BenchResults> {
  log(`building a ${patients.toLocaleString('en')}-patient veterinary practice in ${dir}`);
  const file = join(dir, 'practice-desk.sqlite');
  const db = await LocalDatabase.open(file);
  const seeded = await seedPractice(db, { kind: 'vet', patients, seed: 1, audit: false, staff: false, today: new Date('2025-06-01') });
  const sqliteVersion = (db.sqlite.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  const dataset = {
    kind: 'veterinary (Cat, Dog)',
    patients: seeded.counts.patients,
    accounts: seeded.counts.accounts,
    syncLogRows: seeded.syncLogRows,
    databaseMb: Math.round(statSync(file).size / 2 ** 20),
    seedSeconds: Math.round(seeded.seconds * 10) / 10,
  };
  log(`seeded in ${dataset.seedSeconds} s: ${dataset.accounts} accounts, ${dataset.patients} patients`);

  log('patient search');
  const search = benchSearch(db, seeded.practiceId);
  log('duplicate check');
  const duplicates = benchDuplicates(db, seeded.practiceId);
  log('ICD-10-CM code search');
  const icd10 = benchIcd10(db, seeded.practiceId);
  const plans = queryPlans(db);

  log(`diary: ${appointments.toLocaleString('en')} appointments with their visits and charges, bulk-written on the migrated schema`);
  const diary = await benchDiary(db, seeded.admin, appointments, log);
  const diaryMb = Math.round(statSync(file).size / 2 ** 20);
  log('chart timeline: one patient given 500 of the diary\'s visits, first pages read repeatedly');
  const timeline = benchChartTimeline(db, seeded.practiceId);
  db.close();

  log(`capture overhead: ${patients.toLocaleString('en')} inserts + updates, data layer vs plain statements`);
  const capture = await benchCapture(dir, patients);

  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: { ...machineInfo, sqlite: sqliteVersion },
    code: codeVersion(),
    dataset: { ...dataset, diary: { ...diary.dataset, databaseMbWithDiary: diaryMb } },
    figures: {
      patient_search_p95_ms: { value: search.overall.p95, goal: 5, met: search.overall.p95 <= 5, patients: dataset.patients, ...search },
      capture_overhead_ratio: {
        value: capture.ratio,
        goal: 1.5,
        met: capture.ratio <= 1.5,
        patients: capture.dataLayer.patients,
        accounts: capture.dataLayer.accounts,
        syncLogRowsOk: capture.dataLayer.syncLogRows === capture.expectedSyncLogRows && capture.plain.syncLogRows === 0,
        ...capture,
      },
      duplicate_check_p95_ms: { value: duplicates.overall.p95, goal: 10, met: duplicates.overall.p95 <= 10, patients: dataset.patients, ...duplicates },
      day_schedule_ms: { value: diary.day.service.p95, goal: 5, met: diary.day.service.p95 <= 5, patients: dataset.patients, appointments: diary.dataset.appointments, ...diary.day },
      queue_board_ms: { value: diary.queue.service.p95, goal: 5, met: diary.queue.service.p95 <= 5, patients: dataset.patients, appointments: diary.dataset.appointments, ...diary.queue },
      booking_ms: { value: diary.booking.service.p95, goal: 2, met: diary.booking.service.p95 <= 2, patients: dataset.patients, appointments: diary.dataset.appointments, ...diary.booking },
      icd10_search_p95_ms: { ...icd10, patients: dataset.patients },
      chart_timeline_ms: { value: timeline.firstPage.p95, goal: 10, met: timeline.firstPage.p95 <= 10, patients: dataset.patients, ...timeline },
    },
    queryPlans: plans,
    diaryQueryPlans: diary.queryPlans,
    findings: [...planFindings(plans), ...diaryPlanFindings(diary.queryPlans)],
    benchSeconds: 0,
  };
  return results;
}

/** Which data layer was measured: the commit, and whether electron/, migrations/ or sync/ had uncommitted edits. */
function codeVersion(): { commit: string; dataLayerUncommittedChanges: string[] } {
  const git = (...a: string[]) => execFileSync('git', a, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const dirty = git('status', '--porcelain', '--', 'electron', 'migrations', 'sync');
    return { commit: git('rev-parse', '--short', 'HEAD'), dataLayerUncommittedChanges: dirty ? dirty.split('\n').map((l) => l.trim()) : [] };
  } catch {
    return { commit: 'unknown', dataLayerUncommittedChanges: [] };
  }
}

/** Lookups meant to be one index probe whose plan walks every row of the practice instead. */
function planFindings(plans: { sql: string; plan: string[] }[]): string[] {
  const findings: string[] = [];
  for (const { sql, plan } of plans) {
    const scans = plan.filter((step) => /USING (COVERING )?INDEX \S+ \(practice_id=\?\)$/.test(step) || /^SCAN (p|a|patient|account)\b/.test(step));
    if (scans.length > 0) {
      findings.push(`Query plan walks the whole practice: \`${sql.slice(0, 260)}\` → ${scans.join('; ')}`);
    }
  }
  return findings;
}

/** Diary reads whose plan walks all of one practitioner's (or the whole practice's) appointments instead of one day. */
function diaryPlanFindings(plans: { sql: string; plan: string[] }[]): string[] {
  return plans
    .filter(({ sql }) => /clinic_day/.test(sql))
    .flatMap(({ sql, plan }) => {
      const walks = plan.filter((step) => /USING (COVERING )?INDEX \S+ \((practitioner_id|practice_id|patient_id|room_id)=\?\)$/.test(step) || /^SCAN (ap|v|appointment|visit)\b/.test(step));
      return walks.length ? [`Diary query plan walks more than the day asked for: \`…${sql.slice(sql.search(/ where /i), sql.search(/ where /i) + 200)}\` → ${walks.join('; ')}`] : [];
    });
}

/** EXPLAIN QUERY PLAN of every SELECT the lookups ran (the LocalDatabase statement cache). */
function queryPlans(db: LocalDatabase): { sql: string; plan: string[] }[] {
  const cache = (db as unknown as { statements: Map<string, unknown> }).statements;
  const byShape = new Map<string, string>();
  for (const sql of cache.keys()) byShape.set(sql.replace(/\(\?(, \?)+\)/g, '(?, …)'), sql);
  return [...byShape.values()]
    .filter((sql) => /^\s*select/i.test(sql) && /patient|account/.test(sql))
    .map((sql) => {
      const params = (sql.match(/\?/g) ?? []).map(() => null);
      const rows = db.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
      return { sql: sql.replace(/\s+/g, ' ').replace(/\(\?(, \?)+\)/g, '(?, …)'), plan: rows.map((r) => r.detail) };
    });
}
