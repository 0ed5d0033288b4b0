/** The short markdown table written next to latest.json. */
import type { CaptureResult } from './capture';
import type { DuplicateResult, SearchResult } from './lookups';
import type { machine } from './stats';

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
  dataset: { kind: string; patients: number; accounts: number; syncLogRows: number; databaseMb: number; seedSeconds: number };
  figures: {
    patient_search_p95_ms: Figure & SearchResult;
    capture_overhead_ratio: Figure & CaptureResult & { accounts: number; syncLogRowsOk: boolean };
    duplicate_check_p95_ms: Figure & DuplicateResult;
  };
  queryPlans: { sql: string; plan: string[] }[];
  /** Automatic checks of the query plans: full scans where an index lookup was meant. */
  findings: string[];
  benchSeconds: number;
}

const ms = (v: number) => `${v.toFixed(2)} ms`;
const s = (v: number) => `${(v / 1000).toFixed(1)} s`;
const verdict = (f: Figure) => (f.met ? 'met' : '**MISSED**');

export function markdown(r: BenchResults): string {
  const { patient_search_p95_ms: search, capture_overhead_ratio: capture, duplicate_check_p95_ms: dup } = r.figures;
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
    '',
    ...(r.findings.length ? ['Findings:', '', ...r.findings.map((f) => `- ${f}`), ''] : []),
    'Search p95 by query source: ' + Object.entries(search.bySource).map(([k, v]) => `${k} ${ms(v.p95)} (n=${v.n})`).join(', ') + '.',
    '',
  ];
  return lines.join('\n');
}
