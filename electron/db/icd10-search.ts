/**
 * Finding ICD-10-CM codes the way clinicians type: a code with or without
 * the dot, lay words and abbreviations (through the synonym list), partly
 * typed words and typos. Candidates come from three lookups — the code
 * index, the synonym targets and the title FTS index (whose rowids are in
 * generality order, so the first few hundred hits are the general codes) —
 * and are ordered by the pure rules of shared/clinical/icd10-ranking.ts with
 * this practice's usage counts.
 */
import { sql } from 'kysely';
import type { Icd10Hit } from '../../shared/api/icd10-types';
import {
  rankCandidates,
  scoreCandidate,
  type Icd10Candidate,
  type Icd10Evidence,
  type ScoredCandidate,
} from '../../shared/clinical/icd10-ranking';
import { layWord, matchSynonyms, spellOutAbbreviations } from '../../shared/clinical/icd10-synonym-match';
import { codeQuery, queryWords } from '../../shared/clinical/icd10-text';
import type { LocalDatabase } from './database';
import { usageOf } from './icd10-usage';
import { vocabulary, type Vocabulary } from './icd10-vocabulary';

/** Title hits read per query, most general first: enough for every general code of a common word. */
const WORD_CANDIDATES = 120;
/** When categories crowd those out: the most general billable codes, so there is always something to choose. */
const BILLABLE_CANDIDATES = 60;
const CODE_CANDIDATES = 100;
/** Title words a partly typed word stands for. */
const COMPLETIONS = 12;

interface CodeRow {
  rank: number;
  code: string;
  code_dotted: string;
  billable: 0 | 1;
  title: string;
  title_words: string;
}

const COLUMNS = ['c.rank', 'c.code', 'c.code_dotted', 'c.billable', 'c.title', 'c.title_words'] as const;

const toCandidate = (row: CodeRow): Icd10Candidate => ({
  code: row.code,
  codeDotted: row.code_dotted,
  title: row.title,
  titleWords: row.title_words,
  billable: row.billable === 1,
  rank: row.rank,
});

function exactCode(db: LocalDatabase, bare: string): CodeRow[] {
  return db.all(db.kysely.selectFrom('icd10_code as c').select(COLUMNS).where('c.code', '=', bare));
}

function byCode(db: LocalDatabase, bare: string): { exact: CodeRow[]; children: CodeRow[] } {
  const exact = exactCode(db, bare);
  const children = db.all(
    db.kysely
      .selectFrom('icd10_code as c')
      .select(COLUMNS)
      .where('c.code', '>', bare)
      .where('c.code', '<', `${bare}\uffff`)
      .orderBy('c.rank')
      .limit(CODE_CANDIDATES),
  );
  return { exact, children };
}

/** Rows for codes written with the dot (the synonym list's), read through the code index. */
function byDottedCodes(db: LocalDatabase, dotted: readonly string[]): CodeRow[] {
  if (dotted.length === 0) return [];
  const bare = [...new Set(dotted.map((code) => code.replace('.', '')))];
  // One JSON parameter: one prepared statement whatever the number of codes (see icd10-usage).
  return db.all(
    db.kysely
      .selectFrom('icd10_code as c')
      .select(COLUMNS)
      .where('c.code', 'in', sql<string>`(SELECT value FROM json_each(${JSON.stringify(bare)}))`),
  );
}

const phrase = (word: string) => `"${word.replace(/"/g, '""')}"`;

interface WordQuery {
  match: string;
  /** One FTS expression per word. */
  groups: string[];
  /** The words as the titles spell them, for judging coverage. */
  words: string[];
  corrected: boolean;
}

/**
 * The FTS5 query for the words: each word as typed if the titles use it, the
 * words it may be the start of (the commonest few: an FTS prefix query on
 * "ot" would read every title saying "other"), else its closest corrections;
 * words that are none of these are left out. The last word may be unfinished.
 */
export function wordQuery(typed: readonly string[], vocab: Vocabulary): WordQuery | null {
  const spelled = spellOutAbbreviations(typed, (w) => vocab.has(w));
  const groups: string[] = [];
  const kept: string[] = [];
  let corrected = false;
  spelled.forEach((word, index) => {
    const last = index === spelled.length - 1;
    const options: string[] = [];
    if (vocab.has(word)) options.push(phrase(word));
    if ((last || !vocab.has(word)) && word.length >= 2) {
      for (const completion of vocab.completions(word, COMPLETIONS)) if (completion !== word) options.push(phrase(completion));
    }
    const lay = layWord(word);
    if (lay) {
      options.push(phrase(lay));
      kept.push(lay);
    }
    if (options.length > 0) {
      kept.push(word);
    } else {
      const fixes = vocab.corrections(word);
      if (fixes.length === 0) return;
      corrected = true;
      kept.push(...fixes);
      options.push(...fixes.map(phrase));
    }
    groups.push(options.length === 1 ? options[0]! : `(${options.join(' OR ')})`);
  });
  if (groups.length === 0) return null;
  return { match: groups.join(' AND '), groups, words: kept, corrected };
}

/** Title hits in generality order (FTS hands rowids back ascending: no sort). */
function byWords(db: LocalDatabase, match: string, billableOnly: boolean, limit: number): CodeRow[] {
  let query = db.kysely
    .selectFrom('icd10_search as s')
    .innerJoin('icd10_code as c', 'c.rank', 's.rowid')
    .select(COLUMNS)
    .where(sql<boolean>`icd10_search MATCH ${match}`);
  if (billableOnly) query = query.where('c.billable', '=', 1);
  return db.all(query.orderBy('s.rowid').limit(limit));
}

/**
 * Title candidates: every word must match; when the words are common enough
 * that categories fill the candidates, the most general billable codes too
 * (there must be something to choose); when no title has all the words, any
 * of them, and the ranking counts what each title misses.
 */
function wordCandidates(db: LocalDatabase, words: WordQuery, synonymFound: boolean): CodeRow[] {
  const all = byWords(db, words.match, false, WORD_CANDIDATES);
  // A synonym already named the code; titles with only some of the words would be noise.
  if (all.length === 0 && words.groups.length > 1 && !synonymFound) return byWords(db, words.groups.join(' OR '), false, WORD_CANDIDATES);
  if (all.length === WORD_CANDIDATES && all.filter((row) => row.billable === 1).length < WORD_CANDIDATES / 2) {
    return [...all, ...byWords(db, words.match, true, BILLABLE_CANDIDATES)];
  }
  return all;
}

/**
 * Ranked codes for a query; category rows come back with `billable: false`
 * and can only guide. Searches the loaded set (see ensureIcd10Loaded).
 */
export function searchIcd10(db: LocalDatabase, practiceId: string, query: string, limit = 20): Icd10Hit[] {
  const found: { row: CodeRow; evidence: Icd10Evidence }[] = [];

  const bare = codeQuery(query);
  if (bare) {
    const { exact, children } = byCode(db, bare);
    for (const row of exact) found.push({ row, evidence: { kind: 'code-exact' } });
    for (const row of children) found.push({ row, evidence: { kind: 'code-prefix', typedLength: bare.length } });
  }

  const typed = queryWords(query);
  const vocab = vocabulary(db);
  const synonyms = matchSynonyms(query, !typed.every((w) => vocab.has(w)));
  const targets = synonyms.flatMap((m) => m.codes);
  const targetRows = new Map(byDottedCodes(db, targets).map((row) => [row.code_dotted, row]));
  synonyms.forEach((m, matchIndex) =>
    m.codes.forEach((dotted, order) => {
      const row = targetRows.get(dotted);
      if (row) found.push({ row, evidence: { kind: 'synonym', strength: m.strength, order: order + matchIndex } });
    }),
  );

  const words = typed.length > 0 ? wordQuery(typed, vocab) : null;
  if (words) {
    const evidence: Icd10Evidence = { kind: 'words', queryWords: words.words, corrected: words.corrected };
    for (const row of wordCandidates(db, words, synonyms.length > 0)) found.push({ row, evidence });
  }

  const uses = usageOf(db, practiceId, [...new Set(found.map((f) => f.row.code))]);
  const scored: ScoredCandidate[] = found.map((f) => scoreCandidate(toCandidate(f.row), f.evidence, uses.get(f.row.code) ?? 0));
  return rankCandidates(scored, limit).map((c) => ({
    code: c.code,
    codeDotted: c.codeDotted,
    title: c.title,
    billable: c.billable,
    matchedBy: c.matchedBy,
  }));
}

/**
 * One code as the diagnosis write checks it (issue 5): with or without the
 * dot, any case. Undefined when the loaded set has no such code; the caller
 * refuses codes that come back with `billable: false`.
 */
export function findIcd10Code(db: LocalDatabase, code: string): Omit<Icd10Hit, 'matchedBy'> | undefined {
  const bare = codeQuery(code);
  if (!bare) return undefined;
  const row = exactCode(db, bare)[0];
  return row && { code: row.code, codeDotted: row.code_dotted, title: row.title, billable: row.billable === 1 };
}
