/**
 * ICD-10-CM code search over the full shipped code set (95,524 rows),
 * through searchIcd10, the data-layer function the API calls. The query mix
 * is what a consultation sends: words as they are typed (each keystroke from
 * the second character searches), whole lay terms and abbreviations, typos,
 * partial words and codes with and without the dot. Baseline, same run, same
 * queries: one plain FTS5 MATCH (each word as a prefix, bm25 order) on the
 * same index, i.e. what the search would cost without synonyms, typo
 * correction and re-ranking. Accuracy on the intended-code set is reported
 * for both.
 */
import type { LocalDatabase } from '../electron/db/database';
import { ensureIcd10Loaded } from '../electron/db/icd10-load';
import { searchIcd10 } from '../electron/db/icd10-search';
import { INTENDED_CODES } from '../tests/integration/icd10-queries';
import { picker, rng, summarize, timeMs, type Summary } from './stats';

export const ICD10_SEARCH_GOAL_MS = 5;

export interface Icd10Query {
  kind: 'typing' | 'intended' | 'partial-word' | 'code';
  text: string;
}

export interface Icd10BenchResult {
  value: number;
  goal: number;
  met: boolean;
  codes: number;
  /** First load of the code set into an empty database (0 when it was already loaded). */
  loadMs: number;
  queries: number;
  limit: number;
  overall: Summary;
  byKind: Record<string, Summary>;
  baselinePlainFts: Summary;
  /** Share of the intended-code queries whose code is first / in the top 5. */
  accuracy: { queries: number; first: number; top5: number; baselineFirst: number; baselineTop5: number };
  slowest: { query: string; ms: number }[];
}

const LIMIT = 20;
const SAMPLES_PER_KIND = 150;

function queryMix(db: LocalDatabase): Icd10Query[] {
  const pick = picker(rng(10));
  const queries: Icd10Query[] = INTENDED_CODES.map((q) => ({ kind: 'intended', text: q.query }));
  // Search as you type: every prefix of a whole query from the second character.
  for (const { query } of INTENDED_CODES.filter((q) => q.query.length > 5).slice(0, 40)) {
    for (let n = 2; n < query.length; n += 1) queries.push({ kind: 'typing', text: query.slice(0, n) });
  }
  const titles = db.sqlite.prepare('SELECT code, code_dotted, title FROM icd10_code WHERE rank % 97 = 0').all() as { code: string; code_dotted: string; title: string }[];
  for (let i = 0; i < SAMPLES_PER_KIND; i += 1) {
    const row = pick(titles);
    const words = row.title.split(/[^A-Za-z]+/).filter((w) => w.length >= 5);
    if (words.length > 0) {
      const word = pick(words).toLowerCase();
      queries.push({ kind: 'partial-word', text: word.slice(0, 4 + (i % 3)) });
    }
    queries.push({ kind: 'code', text: i % 2 === 0 ? row.code_dotted.toLowerCase() : row.code.slice(0, 3 + (i % 4)) });
  }
  return queries;
}

function plainFts(db: LocalDatabase): (text: string) => string[] {
  const statement = db.sqlite.prepare(
    `SELECT c.code_dotted FROM icd10_search s JOIN icd10_code c ON c.rank = s.rowid WHERE icd10_search MATCH ? ORDER BY s.rank LIMIT ${LIMIT}`,
  );
  return (text) => {
    const words = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
    if (words.length === 0) return [];
    return statement.pluck().all(words.map((w) => `"${w}"*`).join(' AND ')) as string[];
  };
}

export function benchIcd10(db: LocalDatabase, practiceId: string): Icd10BenchResult {
  const [load, loadMs] = timeMs(() => ensureIcd10Loaded(db));
  const codes = db.sqlite.prepare('SELECT count(*) FROM icd10_code').pluck().get() as number;
  const queries = queryMix(db);
  const baseline = plainFts(db);
  // Warm up: statements prepared, vocabulary in memory, as after the first search of a session.
  for (const q of queries) searchIcd10(db, practiceId, q.text, LIMIT);

  const times: number[] = [];
  const byKind: Record<string, number[]> = {};
  const slow: { query: string; ms: number }[] = [];
  for (const q of queries) {
    const [, ms] = timeMs(() => searchIcd10(db, practiceId, q.text, LIMIT));
    times.push(ms);
    (byKind[q.kind] ??= []).push(ms);
    slow.push({ query: q.text, ms: Math.round(ms * 1000) / 1000 });
  }
  const baselineTimes = queries.map((q) => timeMs(() => baseline(q.text))[1]);

  let first = 0;
  let top5 = 0;
  let baselineFirst = 0;
  let baselineTop5 = 0;
  for (const { query, code } of INTENDED_CODES) {
    const at = searchIcd10(db, practiceId, query, LIMIT).findIndex((h) => h.codeDotted === code);
    const plainAt = baseline(query).indexOf(code);
    if (at === 0) first += 1;
    if (at >= 0 && at < 5) top5 += 1;
    if (plainAt === 0) baselineFirst += 1;
    if (plainAt >= 0 && plainAt < 5) baselineTop5 += 1;
  }
  const share = (n: number) => Math.round((1000 * n) / INTENDED_CODES.length) / 1000;
  const overall = summarize(times);
  return {
    value: overall.p95,
    goal: ICD10_SEARCH_GOAL_MS,
    met: overall.p95 <= ICD10_SEARCH_GOAL_MS,
    codes,
    loadMs: load.loaded ? Math.round(loadMs) : 0,
    queries: queries.length,
    limit: LIMIT,
    overall,
    byKind: Object.fromEntries(Object.entries(byKind).map(([kind, ms]) => [kind, summarize(ms)])),
    baselinePlainFts: summarize(baselineTimes),
    accuracy: {
      queries: INTENDED_CODES.length,
      first: share(first),
      top5: share(top5),
      baselineFirst: share(baselineFirst),
      baselineTop5: share(baselineTop5),
    },
    slowest: slow.sort((a, b) => b.ms - a.ms).slice(0, 5),
  };
}
