/**
 * Reception's two lookups on a big practice, through the data-layer
 * functions the API calls: the patient finder (searchPatients) and the
 * duplicate check (findLikelyDuplicates).
 */
import type { LocalDatabase } from '../electron/db/database';
import { findLikelyDuplicates, type DuplicateProbe } from '../electron/db/duplicates';
import { searchPatients } from '../electron/db/patient-search';
import { picker, rng, summarize, timeMs, type Summary } from './stats';

interface Sample {
  first_name: string;
  date_of_birth: string | null;
  microchip_number: string | null;
  id_number: string | null;
  account_first: string;
  account_last: string;
  phone_primary: string;
}

export interface Query {
  kind: 'prefix' | 'midword';
  source: string;
  text: string;
}

export interface Slowest {
  query: string;
  ms: number;
  results: number;
}

export interface SearchResult {
  queries: number;
  limit: number;
  prefix: Summary;
  midword: Summary;
  overall: Summary;
  bySource: Record<string, Summary>;
  meanResults: number;
  slowest: Slowest[];
}

export interface DuplicateResult {
  probes: number;
  stoppedEarly: boolean;
  overall: Summary;
  byKind: Record<string, Summary>;
  hitRateByKind: Record<string, number>;
  slowest: Slowest[];
}

function samples(db: LocalDatabase, practiceId: string): Sample[] {
  return db.sqlite
    .prepare(
      `SELECT p.first_name, p.date_of_birth, p.microchip_number, p.id_number,
              a.first_name AS account_first, a.last_name AS account_last, a.phone_primary
       FROM patient p JOIN account a ON a.id = p.account_id WHERE p.practice_id = ? ORDER BY p.id`,
    )
    .all(practiceId) as Sample[];
}

const digits = (s: string) => s.replace(/\D/g, '');

/** Half prefix queries (2–4 first letters of names as typed), half mid-word (substrings, phone and chip digit runs). */
export function searchQueries(rows: Sample[], count: number, seed: number): Query[] {
  const random = rng(seed);
  const pick = picker(random);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const middle = (s: string, len: number) => {
    const start = int(1, Math.max(1, s.length - len - 1));
    return s.slice(start, start + len);
  };
  const queries: Query[] = [];
  for (let i = 0; queries.length < count; i++) {
    const row = pick(rows);
    if (i % 2 === 0) {
      const [source, name] = pick([
        ['surname', row.account_last],
        ['patient first name', row.first_name],
        ['account first name', row.account_first],
      ] as const);
      const text = name.slice(0, int(2, 4));
      queries.push({ kind: 'prefix', source, text: random() < 0.5 ? text : text.toLowerCase() });
      continue;
    }
    const choice = random();
    if (choice < 0.4) {
      const name = pick([row.account_last, row.first_name, row.account_first].filter((n) => n.length >= 6));
      if (!name) continue;
      queries.push({ kind: 'midword', source: 'name substring', text: middle(name, int(3, 5)).toLowerCase() });
    } else if (choice < 0.7) {
      queries.push({ kind: 'midword', source: 'phone digits', text: middle(digits(row.phone_primary), int(4, 7)) });
    } else {
      const number = row.microchip_number ?? row.id_number;
      if (!number) continue;
      queries.push({ kind: 'midword', source: row.microchip_number ? 'microchip digits' : 'ID digits', text: middle(number, int(5, 8)) });
    }
  }
  return queries;
}

export function benchSearch(db: LocalDatabase, practiceId: string, count = 600, limit = 50): SearchResult {
  const rows = samples(db, practiceId);
  for (const q of searchQueries(rows, 150, 99)) searchPatients(db, practiceId, q.text, limit, true); // warm-up
  const queries = searchQueries(rows, count, 7);
  const timed = queries.map((q) => {
    const [hits, ms] = timeMs(() => searchPatients(db, practiceId, q.text, limit, true));
    return { ...q, ms, results: hits.length };
  });
  const of = (f: (t: (typeof timed)[number]) => boolean) => summarize(timed.filter(f).map((t) => t.ms));
  const sources = [...new Set(timed.map((t) => t.source))];
  return {
    queries: timed.length,
    limit,
    prefix: of((t) => t.kind === 'prefix'),
    midword: of((t) => t.kind === 'midword'),
    overall: of(() => true),
    bySource: Object.fromEntries(sources.map((s) => [s, of((t) => t.source === s)])),
    meanResults: Math.round((timed.reduce((a, t) => a + t.results, 0) / timed.length) * 10) / 10,
    slowest: [...timed].sort((a, b) => b.ms - a.ms).slice(0, 8).map((t) => ({ query: `${t.source}: "${t.text}"`, ms: Math.round(t.ms * 100) / 100, results: t.results })),
  };
}

type ProbeKind = 'existing phone' | 'existing microchip' | 'name + DOB' | 'miss';

export function duplicateProbes(rows: Sample[], count: number, seed: number): { kind: ProbeKind; probe: DuplicateProbe }[] {
  const random = rng(seed);
  const pick = picker(random);
  const chipped = rows.filter((r) => r.microchip_number);
  const dated = rows.filter((r) => r.date_of_birth);
  const newNames = ['Biscuit', 'Nandi', 'Thabo', 'Juno', 'Pebbles', 'Lwazi', 'Ziggy', 'Anika'];
  const randomDigits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  const probes: { kind: ProbeKind; probe: DuplicateProbe }[] = [];
  for (let i = 0; probes.length < count; i++) {
    const kind = (['existing phone', 'existing microchip', 'name + DOB', 'miss'] as const)[i % 4]!;
    if (kind === 'existing phone') {
      const r = pick(rows);
      // Typed without spaces, as often happens: matched on digits.
      probes.push({ kind, probe: { firstName: pick(newNames), lastName: r.account_last, phones: [digits(r.phone_primary)] } });
    } else if (kind === 'existing microchip') {
      const r = pick(chipped.length ? chipped : rows);
      probes.push({ kind, probe: { firstName: pick(newNames), lastName: r.account_last, phones: [], microchipNumber: r.microchip_number } });
    } else if (kind === 'name + DOB') {
      const r = pick(dated);
      probes.push({ kind, probe: { firstName: r.first_name, lastName: r.account_last, dateOfBirth: r.date_of_birth, phones: [`07${randomDigits(8)}`] } });
    } else {
      const r = pick(rows);
      probes.push({
        kind,
        probe: {
          firstName: pick(newNames),
          lastName: r.account_last,
          dateOfBirth: `20${randomDigits(1)}${1 + Math.floor(random() * 8)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
          phones: [`05${randomDigits(8)}`],
          microchipNumber: `999${randomDigits(12)}`,
        },
      });
    }
  }
  return probes;
}

/**
 * `count` probes after a short warm-up, unless they take longer than `budgetMs`
 * in all (a slow data layer would otherwise push the run past its time limit):
 * then it stops early and says so in `stoppedEarly`.
 */
export function benchDuplicates(db: LocalDatabase, practiceId: string, count = 500, budgetMs = 90_000): DuplicateResult {
  const rows = samples(db, practiceId);
  for (const { probe } of duplicateProbes(rows, 20, 98)) findLikelyDuplicates(db, practiceId, probe); // warm-up
  const started = performance.now();
  const timed: { kind: ProbeKind; probe: DuplicateProbe; ms: number; results: number }[] = [];
  for (const { kind, probe } of duplicateProbes(rows, count, 5)) {
    if (performance.now() - started > budgetMs) break;
    const [hits, ms] = timeMs(() => findLikelyDuplicates(db, practiceId, probe));
    timed.push({ kind, probe, ms, results: hits.length });
  }
  const kinds = [...new Set(timed.map((t) => t.kind))];
  return {
    probes: timed.length,
    stoppedEarly: timed.length < count,
    overall: summarize(timed.map((t) => t.ms)),
    byKind: Object.fromEntries(kinds.map((k) => [k, summarize(timed.filter((t) => t.kind === k).map((t) => t.ms))])),
    hitRateByKind: Object.fromEntries(
      kinds.map((k) => {
        const of = timed.filter((t) => t.kind === k);
        return [k, Math.round((of.filter((t) => t.results > 0).length / of.length) * 1000) / 1000];
      }),
    ),
    slowest: [...timed].sort((a, b) => b.ms - a.ms).slice(0, 8).map((t) => ({ query: `${t.kind}: ${JSON.stringify(t.probe)}`, ms: Math.round(t.ms * 100) / 100, results: t.results })),
  };
}
