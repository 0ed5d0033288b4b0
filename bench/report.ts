/** The short markdown table written next to latest.json. */
import type { BookingBench, DiaryDataset, LookupResult, QueueResult } from './appointments';
import type { CaptureResult } from './capture';
import type { ChartTimelineBench } from './chart-timeline';
import type { Icd10BenchResult } from './icd10';
import type { DuplicateResult, SearchResult } from './lookups';
import type { machine } from './stats';
import type { SyncBenchResult } from './sync';

interface Figure {
  value: number;
  goal: number;
  met: boolean;
  patients: number;
}

export interface BenchResults {
  date: string;
  machine: ReturnType<typeof machine> & { sqlite: string };
  code: { commit: string; dataLayerUncommittedChanges: string[] };
  dataset: {
    kind: string;
    patients: number;
    accounts: number;
    syncLogRows: number;
    databaseMb: number;
    seedSeconds: number;
    diary: DiaryDataset & { databaseMbWithDiary: number };
  };
  figures: {
    patient_search_p95_ms: Figure & SearchResult;
    capture_overhead_ratio: Figure & CaptureResult & { accounts: number; syncLogRowsOk: boolean };
    duplicate_check_p95_ms: Figure & DuplicateResult;
    /** p95 of diaryDay for one practitioner-day. */
    day_schedule_ms: Figure & LookupResult & { appointments: number };
    /** p95 of queueForDay for one clinic-day. */
    queue_board_ms: Figure & QueueResult & { appointments: number };
    /** p95 of bookAppointment (one 15-minute booking into a free slot). */
    booking_ms: Figure & BookingBench & { appointments: number };
    /** p95 of the ICD-10-CM code search over the full shipped set. */
    icd10_search_p95_ms: Figure & Icd10BenchResult;
    /** p95 of the first page of one patient's chart timeline (500 visits, diary database). */
    chart_timeline_ms?: Figure & ChartTimelineBench;
  } & Partial<SyncFigures>;
  /** The sync bench's full result (bench/sync.ts), when it ran. */
  sync?: SyncBenchResult & { date: string; seconds: number };
  queryPlans: { sql: string; plan: string[] }[];
  /** EXPLAIN QUERY PLAN of the diary, queue and booking SELECTs, and of the plain baseline statements. */
  diaryQueryPlans: { sql: string; plan: string[] }[];
  /** Automatic checks of the query plans: full scans where an index lookup was meant. */
  findings: string[];
  benchSeconds: number;
}

interface SyncFigure {
  value: number;
  goal: number;
  met: boolean;
}

export interface SyncFigures {
  pull_rows_per_s: SyncFigure & { changes: number };
  pull_throughput_ratio: SyncFigure;
  push_rows_per_s: SyncFigure & { entries: number };
  propagation_p95_ms: SyncFigure;
  main_thread_max_stall_ms: SyncFigure;
}

export const SYNC_FIGURE_NAMES = ['pull_rows_per_s', 'pull_throughput_ratio', 'push_rows_per_s', 'propagation_p95_ms', 'main_thread_max_stall_ms'] as const;

/** The sync bench's headline figures and their goals (push has none: reported). */
export function syncFigures(r: SyncBenchResult): SyncFigures {
  const stall = Math.max(r.stall.driftMaxMs, r.stall.eventLoopDelayMaxMs);
  return {
    pull_rows_per_s: { value: r.pull.rowsPerSecond, goal: 25_000, met: r.pull.rowsPerSecond >= 25_000 && r.pull.rowsMatchSource, changes: r.pull.changes },
    pull_throughput_ratio: { value: r.throughputRatio, goal: 3, met: r.throughputRatio <= 3 },
    push_rows_per_s: { value: r.push.rowsPerSecond, goal: 0, met: r.push.onHub === r.push.entries, entries: r.push.entries },
    propagation_p95_ms: { value: Math.round(r.propagation.p95), goal: 1000, met: r.propagation.p95 <= 1000 && r.propagation.timedOut === 0 },
    main_thread_max_stall_ms: { value: stall, goal: 50, met: stall <= 50 },
  };
}

function syncLines(r: BenchResults): string[] {
  const f = r.figures;
  const sync = r.sync;
  if (!sync || !f.pull_rows_per_s || !f.pull_throughput_ratio || !f.push_rows_per_s || !f.propagation_p95_ms || !f.main_thread_max_stall_ms) return [];
  const n = (v: number) => v.toLocaleString('en');
  const mark = (x: SyncFigure) => (x.met ? 'met' : '**MISSED**');
  const phases = Object.entries(sync.pull.phaseStartMs).map(([p, at]) => `${p} from ${(at / 1000).toFixed(1)} s`).join(', ');
  return [
    `| pull_rows_per_s | ${n(f.pull_rows_per_s.value)} | ≥ 25,000 | ${mark(f.pull_rows_per_s)} | fresh device's first sync of ${n(sync.pull.changes)} changes through the gateway and supabase-js, the real SyncLoop in a worker thread (priority tiers, then the stream in pages of ${sync.pull.pageSize}): ${s(sync.pull.ms)}; phases ${phases}; every table's row count equals the source's: ${sync.pull.rowsMatchSource ? 'yes' : 'NO'} |`,
    `| pull_throughput_ratio | ${f.pull_throughput_ratio.value.toFixed(2)} | ≤ 3 | ${mark(f.pull_throughput_ratio)} | that pull ÷ raw copy of the same ${n(sync.rawCopy.rows)} rows (pg keyset pages of 10,000 → better-sqlite3 prepared INSERTs, 10,000-row transactions, capture off): ${s(sync.rawCopy.ms)} (${n(sync.rawCopy.rowsPerSecond)} rows/s) |`,
    `| push_rows_per_s | ${n(f.push_rows_per_s.value)} | (report) | ${f.push_rows_per_s.met ? 'all on the hub' : '**MISSING ON HUB**'} | a seeded desk's ${n(sync.push.entries)} outbox entries pushed by the SyncLoop in ${sync.push.batches} batches: ${s(sync.push.ms)}; ${n(sync.push.onHub)} on the hub after |`,
    `| propagation_p95_ms | ${f.propagation_p95_ms.value} | ≤ 1000 | ${mark(f.propagation_p95_ms)} | rename on desk 1 (service, own transaction) until desk 2 shows it, both running the SyncLoop with its defaults; ${sync.propagation.n} samples at random points of the pull interval: p50 ${ms(sync.propagation.p50)}, max ${ms(sync.propagation.max)}${sync.propagation.timedOut ? `; ${sync.propagation.timedOut} TIMED OUT` : ''} |`,
    `| main_thread_max_stall_ms | ${f.main_thread_max_stall_ms.value.toFixed(2)} | ≤ 50 | ${mark(f.main_thread_max_stall_ms)} | the main thread's event loop during the whole pull: ${sync.stall.probeIntervalMs} ms interval's worst drift ${ms(sync.stall.driftMaxMs)}, monitorEventLoopDelay max ${ms(sync.stall.eventLoopDelayMaxMs)} (p99 ${ms(sync.stall.eventLoopDelayP99Ms)}) |`,
  ];
}

function syncParagraph(r: BenchResults): string[] {
  const sync = r.sync;
  if (!sync) return [];
  const n = (v: number) => v.toLocaleString('en');
  return [
    `Sync data (${sync.date.slice(0, 16).replace('T', ' ')} UTC, ${sync.seconds} s): one veterinary practice on a source desk (seed generator and diary generator): ` +
      Object.entries(sync.dataset.rowsByTable).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${n(v)}`).join(', ') +
      ` — ${n(sync.dataset.changes)} rows, built in ${sync.dataset.buildSeconds} s, bulk-loaded into hub.change and hub.row_state with SQL in ${sync.dataset.loadSeconds} s ` +
      '(one insert change per row, every stored column, parents first; pushing them through the API is what push_rows_per_s measures). ' +
      'The hub (embedded Postgres and the gateway) and the pulling device each run in their own worker thread; the main thread only measures. ' +
      `1-minute load average ${sync.loadAverage.start} at the start of the sync bench, ${sync.loadAverage.end} at its end (2 cores; other work on the machine slows every figure).`,
    '',
  ];
}

const ms = (v: number) => `${v.toFixed(2)} ms`;
const s = (v: number) => `${(v / 1000).toFixed(1)} s`;
const verdict = (f: Figure) => (f.met ? 'met' : '**MISSED**');

export function markdown(r: BenchResults): string {
  const { patient_search_p95_ms: search, capture_overhead_ratio: capture, duplicate_check_p95_ms: dup } = r.figures;
  const { day_schedule_ms: day, queue_board_ms: queue, booking_ms: booking } = r.figures;
  const d = r.dataset.diary;
  const n = (v: number) => v.toLocaleString('en');
  const dist = (x: { p50: number; p95: number; max: number }) => `${ms(x.p50)} / ${ms(x.p95)} / ${ms(x.max)}`;
  const m = r.machine;
  const lines = [
    `# Practice Desk benchmark — ${r.date.slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${m.cores} cores (availableParallelism), ${m.cpuModel}, ${m.totalMemoryGb} GB, ${m.platform}, Node ${m.node}, SQLite ${m.sqlite}; load average at start ${m.loadAverageAtStart}.`,
    `Code: ${r.code.commit}${r.code.dataLayerUncommittedChanges.length ? ` plus uncommitted data-layer edits (${r.code.dataLayerUncommittedChanges.join(', ')})` : ''}.`,
    `Dataset: ${r.dataset.kind}, ${r.dataset.patients.toLocaleString('en')} patients on ${r.dataset.accounts.toLocaleString('en')} accounts, ` +
      `${r.dataset.databaseMb} MB, seeded through the data layer in ${r.dataset.seedSeconds} s. Whole run ${r.benchSeconds} s.`,
    '',
    '| figure | value | goal | | detail |',
    '| --- | ---: | ---: | --- | --- |',
    `| patient_search_p95_ms | ${search.value.toFixed(2)} | ≤ 5 | ${verdict(search)} | ${search.queries} queries at ${search.patients.toLocaleString('en')} patients, limit ${search.limit}; ` +
      `prefix p50/p95/max ${ms(search.prefix.p50)} / ${ms(search.prefix.p95)} / ${ms(search.prefix.max)} (n=${search.prefix.n}); ` +
      `mid-word ${ms(search.midword.p50)} / ${ms(search.midword.p95)} / ${ms(search.midword.max)} (n=${search.midword.n}) |`,
    `| capture_overhead_ratio | ${capture.value.toFixed(2)} | ≤ 1.5 | ${verdict(capture)} | ${capture.patients.toLocaleString('en')} patients + ${capture.accounts.toLocaleString('en')} accounts inserted then patients updated, ${capture.batchSize}-row transactions: ` +
      `data layer with capture ${s(capture.dataLayer.totalMs)} (insert ${s(capture.dataLayer.insertMs)}, update ${s(capture.dataLayer.updateMs)}) vs plain statements ${s(capture.plain.totalMs)} ` +
      `(insert ${s(capture.plain.insertMs)}, update ${s(capture.plain.updateMs)}); sync_log rows ${capture.dataLayer.syncLogRows.toLocaleString('en')} ` +
      `(expected ${capture.expectedSyncLogRows.toLocaleString('en')}${capture.syncLogRowsOk ? ', ok' : ', MISMATCH'}) |`,
    `| duplicate_check_p95_ms | ${dup.value.toFixed(2)} | ≤ 10 | ${verdict(dup)} | ${dup.probes} probes${dup.stoppedEarly ? ' (STOPPED EARLY: the 90 s budget ran out before 500)' : ''} at ${dup.patients.toLocaleString('en')} patients; p50 ${ms(dup.overall.p50)}, max ${ms(dup.overall.max)}; ` +
      Object.entries(dup.byKind).map(([k, v]) => `${k} p95 ${ms(v.p95)} (hits ${Math.round((dup.hitRateByKind[k] ?? 0) * 100)}%)`).join(', ') +
      ' |',
    `| day_schedule_ms | ${day.value.toFixed(2)} | ≤ 5 | ${verdict(day)} | p95 of diaryDay (services/diary.ts) for one practitioner-day, ${day.samples} random practitioner-days${day.stoppedEarly ? ` (STOPPED EARLY ${day.stoppedEarly})` : ''} at ${n(day.appointments)} appointments, ` +
      `${day.meanRows} appointments a day on average; p50/p95/max ${dist(day.service)}; one plain prepared statement, same rows: ${dist(day.plain)}; ` +
      `ratio ${day.ratioP50.toFixed(2)}× at p50, ${day.ratioP95.toFixed(2)}× at p95${day.rowMismatches ? `; ROW COUNT MISMATCHES ${day.rowMismatches}` : ''} |`,
    `| queue_board_ms | ${queue.value.toFixed(2)} | ≤ 5 | ${verdict(queue)} | p95 of queueForDay (services/queue.ts: board rows + day totals + alert setting) for one clinic-day, ${queue.samples} random clinic-days${queue.stoppedEarly ? ` (STOPPED EARLY ${queue.stoppedEarly})` : ''}, ` +
      `${queue.meanRows} visits a day on average; p50/p95/max ${dist(queue.service)}; Mon–Fri (~${d.visitsPerWeekday.p50} visits) p95 ${ms(queue.weekdays.p95)} (n=${queue.weekdays.n}), ` +
      `Saturdays (~${d.visitsPerSaturday.p50} visits) p95 ${ms(queue.saturdays.p95)} (n=${queue.saturdays.n}); one plain prepared statement reading the same cards: ${dist(queue.plain)}; ` +
      `ratio ${queue.ratioP50.toFixed(2)}× at p50, ${queue.ratioP95.toFixed(2)}× at p95${queue.rowMismatches ? `; ROW COUNT MISMATCHES ${queue.rowMismatches}` : ''}; ` +
      `the same board computed from the source tables in one plain statement (before migration 0007's cards): ${queue.fromSources ? dist(queue.fromSources) : 'not measured'} |`,
    `| booking_ms | ${booking.value.toFixed(2)} | ≤ 2 (report) | ${verdict(booking)} | p95 of bookAppointment (clash check + appointment + visit + charge + audit + outbox, one transaction), ${booking.samples} bookings into free slots ` +
      `at ${n(booking.appointments)} appointments; p50/p95/max ${dist(booking.service)}; plain prepared INSERTs of the same three rows, capture off: ${dist(booking.plain)}; ` +
      `ratio ${booking.ratioP50.toFixed(2)}× at p50, ${booking.ratioP95.toFixed(2)}× at p95; outbox rows per booking ${booking.outboxRowsPerBooking} (plain: ${booking.plainOutboxRows})` +
      `${booking.refused ? `; ${booking.refused} refused as patient clashes, not timed` : ''} |`,
    ...icd10Lines(r),
    ...chartTimelineLines(r),
    ...syncLines(r),
    '',
    ...syncParagraph(r),
    `Diary data: ${n(d.appointments)} appointments for ${d.practitioners} practitioners (one consulting room each, ${d.serviceTypes} service types of 15–60 min) over ${n(d.clinicDays)} clinic-days, ` +
      `${d.firstDay} … ${d.lastDay} (${d.years} years; "today" ${d.today}, the desk clock at 11:00); Mon–Fri 08:00–13:00 and 14:00–17:00, Saturday mornings half the practitioners; ` +
      `~10% of slots left free. Visits and charges 1:1 with appointments (${n(d.visits)} / ${n(d.charges)}), ${n(d.payments)} payments (one per completed visit). ` +
      `Per practitioner-day p50 ${d.appointmentsPerPractitionerDay.p50} appointments (max ${d.appointmentsPerPractitionerDay.max}); per clinic-day Mon–Fri p50 ${d.visitsPerWeekday.p50} visits ` +
      `(max ${d.visitsPerWeekday.max}), Saturday p50 ${d.visitsPerSaturday.p50}. Appointment status: ${Object.entries(d.appointmentStatus).map(([k, v]) => `${k} ${n(v)}`).join(', ')}; ` +
      `visit status: ${Object.entries(d.visitStatus).map(([k, v]) => `${k} ${n(v)}`).join(', ')}. ` +
      `Set-up (service types, rooms, practitioners and hours) through the services in ${d.setupSeconds} s; the history bulk-written with prepared INSERTs on the migrated schema ` +
      `(every index, trigger and foreign key in place) in 10,000-booking transactions, in booking order, with capture off: ${n(d.outboxRowsWritten)} outbox and ${n(d.auditRowsWritten)} audit rows for it; ` +
      `${d.bulkSeconds} s (${n(d.rowsPerSecond)} rows/s). Database with the diary ${d.databaseMbWithDiary} MB. No ANALYZE (the app never runs it).`,
    '',
    ...(r.findings.length ? ['Findings:', '', ...r.findings.map((f) => `- ${f}`), ''] : []),
    ...(r.diaryQueryPlans.length
      ? [
          'Diary, queue and booking query plans (EXPLAIN QUERY PLAN; the SQL from its FROM on):',
          '',
          ...r.diaryQueryPlans.map((q) => `- \`${fromClause(q.sql)}\` → ${q.plan.join('; ')}`),
          '',
        ]
      : []),
    'Search p95 by query source: ' + Object.entries(search.bySource).map(([k, v]) => `${k} ${ms(v.p95)} (n=${v.n})`).join(', ') + '.',
    '',
  ];
  return lines.join('\n');
}

/** A statement from its FROM on (the column lists are long and say little about the plan), at most 400 characters. */
function fromClause(sql: string): string {
  const label = /^\(([^)]+)\)/.exec(sql)?.[1];
  // Scalar subqueries in the column list have their own FROM: fold them away first.
  let flat = sql;
  for (let start = flat.search(/\(select\s/i); start >= 0; start = flat.search(/\(select\s/i)) {
    let depth = 0;
    let end = start;
    for (; end < flat.length; end++) {
      if (flat[end] === '(') depth++;
      else if (flat[end] === ')' && --depth === 0) break;
    }
    flat = `${flat.slice(0, start)}(…)${flat.slice(end + 1)}`;
  }
  const at = flat.search(/\sfrom\s/i);
  const tail = at >= 0 ? flat.slice(at + 1) : flat;
  return `${label ? `${label}: ` : ''}${tail.length > 400 ? `${tail.slice(0, 400)}…` : tail}`;
}

/** The code-search row; absent in results written before the code set shipped. */
function icd10Lines(r: BenchResults): string[] {
  const icd = r.figures.icd10_search_p95_ms as (Figure & Icd10BenchResult) | undefined;
  if (!icd) return [];
  const d = (x: { p50: number; p95: number; max: number }) => `${ms(x.p50)} / ${ms(x.p95)} / ${ms(x.max)}`;
  return [
    `| icd10_search_p95_ms | ${icd.value.toFixed(2)} | ≤ 5 | ${verdict(icd)} | p95 of searchIcd10 (limit ${icd.limit}) over ${icd.codes.toLocaleString('en')} shipped codes, ${icd.queries.toLocaleString('en')} mixed queries (${Object.keys(icd.byKind).join(', ')}); ` +
      `p50/p95/max ${d(icd.overall)}; one plain FTS5 MATCH with bm25 order on the same table: ${d(icd.baselinePlainFts)}; intended code first ${Math.round(icd.accuracy.first * 100)}%, top 5 ${Math.round(icd.accuracy.top5 * 100)}% ` +
      `of ${icd.accuracy.queries} clinician-style queries (plain MATCH: ${Math.round(icd.accuracy.baselineFirst * 100)}% / ${Math.round(icd.accuracy.baselineTop5 * 100)}%); code set loaded in ${(icd.loadMs / 1000).toFixed(1)} s |`,
  ];
}

/** The chart timeline row; absent in results written before the timeline existed. */
function chartTimelineLines(r: BenchResults): string[] {
  const tl = r.figures.chart_timeline_ms;
  if (!tl) return [];
  const d = (x: { p50: number; p95: number; max: number }) => `${ms(x.p50)} / ${ms(x.p95)} / ${ms(x.max)}`;
  return [
    `| chart_timeline_ms | ${tl.value.toFixed(2)} | ≤ 10 | ${verdict(tl)} | p95 of chartTimeline (electron/db/chart-timeline.ts, one UNION ALL over ${tl.sources} sources), first page of ${tl.limit}, ${tl.samples} reads, ` +
      `for a patient with ${tl.patientVisits} visits (+ ${tl.otherEntries.labResults} lab results, ${tl.otherEntries.documents} documents, ${tl.otherEntries.treatmentPlans} plans) among ${tl.visitsInDatabase.toLocaleString('en')} visits; ` +
      `p50/p95/max ${d(tl.firstPage)}; page 6 by cursor ${d(tl.deepPage)}; one plain prepared read of the patient's newest ${tl.limit} appointments: ${d(tl.plain)}; ratio ${tl.ratioP50.toFixed(2)}× at p50, ${tl.ratioP95.toFixed(2)}× at p95 |`,
  ];
}
