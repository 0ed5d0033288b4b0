/**
 * Ordering diagnosis code candidates the way a clinician wants to choose:
 * the code they typed, then what their words usually mean (the synonym
 * list), then titles that match their words — the general, unspecified code
 * of a category before its rare specific ones, codes this practice uses
 * often before others. Category rows (not billable) sink below the codes
 * that can be chosen, but stay in the list to show where the search landed.
 * Pure: the data layer supplies the candidates and the practice's usage.
 */
import type { SynonymStrength } from './icd10-synonym-match';
import { sameStem, words } from './icd10-text';

export type Icd10MatchedBy = 'code' | 'synonym' | 'words' | 'typo';

export interface Icd10Candidate {
  code: string;
  codeDotted: string;
  title: string;
  /** The title's significant words (significantWords), as stored. */
  titleWords: string;
  billable: boolean;
  /** Generality order of the code set (shorter codes first). */
  rank: number;
}

export type Icd10Evidence =
  | { kind: 'code-exact' }
  | { kind: 'code-prefix'; typedLength: number }
  | { kind: 'synonym'; strength: SynonymStrength; order: number }
  | { kind: 'words'; queryWords: readonly string[]; corrected: boolean };

export interface ScoredCandidate extends Icd10Candidate {
  matchedBy: Icd10MatchedBy;
  score: number;
}

// Bands far apart, so generality and usage reorder within a kind of match but never across.
const CODE_EXACT = 10_000;
const CODE_PREFIX = 9_000;
const SYNONYM: Record<SynonymStrength, number> = { exact: 8_000, typo: 7_500, prefix: 7_000 };
const WORDS = 5_000;
const NOT_CHOOSABLE = 1_000;
/** The default code of a group says so: a clinician who typed no detail means it. */
const GENERAL = /\b(unspecified|uncomplicated|without complications)\b/i;
/** Title words that say nothing about which condition it is (the encounter is judged by generality, not by words). */
const NEUTRAL = new Set(
  (
    'of the and with without in or to due other unspecified uncomplicated complications site type for not ' +
    'elsewhere classified by as a initial encounter subsequent sequela routine delayed healing closed'
  ).split(' '),
);

/**
 * How specific a code is: characters beyond the 3-character category,
 * not counting "X" placeholders, with the 7th character (the encounter)
 * free when it is "A", the initial encounter a visit usually codes, and one
 * step when it is a later one (subsequent, sequela). 0 for I10, 3 for
 * J45.909, 2 for S72.90XA, 4 for S72.001D.
 */
export function generality(code: string): number {
  const bare = code.replace('.', '');
  const encounter = bare.length === 7 ? bare[6]! : null;
  const body = (encounter ? bare.slice(0, 6) : bare).replace(/X+$/, '');
  return body.length - 3 + (encounter && encounter !== 'A' ? 1 : 0);
}

/** The boost for codes this practice has chosen before: grows with use, but slower and slower. */
export function usageBoost(uses: number): number {
  return uses > 0 ? Math.min(240, Math.round(60 * Math.log2(1 + uses))) : 0;
}

export function isNeutralWord(word: string): boolean {
  return NEUTRAL.has(word);
}

/** A title's words that tell conditions apart; the loader stores them so a search does not re-read every title. */
export function significantWords(title: string | readonly string[]): string {
  return (typeof title === 'string' ? words(title) : title).filter((w) => !NEUTRAL.has(w)).join(' ');
}

/** How well a title's significant words are covered by the query's: 1 when every one of them was typed. */
export function titleCoverage(titleWords: string, queryWords: readonly string[]): { coverage: number; missing: number } {
  const significant = titleWords ? titleWords.split(' ') : [];
  if (significant.length === 0) return { coverage: 0, missing: queryWords.length };
  // Plain loops: this runs for every candidate of every keystroke.
  let covered = 0;
  let found = 0;
  for (const tw of significant) {
    for (const qw of queryWords) {
      if (sameStem(qw, tw) || (qw.length >= 3 && tw.startsWith(qw))) {
        covered += 1;
        break;
      }
    }
  }
  for (const qw of queryWords) {
    for (const tw of significant) {
      if (sameStem(qw, tw) || tw.startsWith(qw)) {
        found += 1;
        break;
      }
    }
  }
  return { coverage: covered / significant.length, missing: queryWords.length - found };
}

function matchScore(candidate: Icd10Candidate, evidence: Icd10Evidence): number {
  switch (evidence.kind) {
    case 'code-exact':
      return CODE_EXACT;
    case 'code-prefix':
      return CODE_PREFIX - 50 * (candidate.code.length - evidence.typedLength);
    case 'synonym':
      return SYNONYM[evidence.strength] - 40 * evidence.order;
    case 'words': {
      const { coverage, missing } = titleCoverage(candidate.titleWords, evidence.queryWords);
      const general = GENERAL.test(candidate.title) ? 60 : 0;
      return WORDS + Math.round(600 * coverage) - 60 * missing - 70 * generality(candidate.code) + general - (evidence.corrected ? 100 : 0);
    }
  }
}

const MATCHED_BY: Record<Icd10Evidence['kind'], Icd10MatchedBy> = {
  'code-exact': 'code',
  'code-prefix': 'code',
  synonym: 'synonym',
  words: 'words',
};

export function scoreCandidate(candidate: Icd10Candidate, evidence: Icd10Evidence, uses: number): ScoredCandidate {
  const matchedBy = evidence.kind === 'words' && evidence.corrected ? 'typo' : MATCHED_BY[evidence.kind];
  const score = matchScore(candidate, evidence) + usageBoost(uses) - (candidate.billable ? 0 : NOT_CHOOSABLE);
  // Field by field, not a spread: this runs for every candidate of every keystroke, and a spread costs microseconds.
  const { code, codeDotted, title, titleWords, billable, rank } = candidate;
  return { code, codeDotted, title, titleWords, billable, rank, matchedBy, score };
}

/** Best first; a code found several ways keeps its best score. Ties go to the more general code. */
export function rankCandidates(scored: readonly ScoredCandidate[], limit: number): ScoredCandidate[] {
  const best = new Map<string, ScoredCandidate>();
  for (const candidate of scored) {
    const held = best.get(candidate.code);
    if (!held || candidate.score > held.score) best.set(candidate.code, candidate);
  }
  return [...best.values()].sort((a, b) => b.score - a.score || a.rank - b.rank).slice(0, limit);
}
