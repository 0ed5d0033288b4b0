/**
 * Matching a query against the synonym list: the whole query as one of the
 * terms (exactly, with a typo, or as the start of one being typed), and
 * single abbreviations inside a longer query, which are spelt out in the
 * code set's own words so the title search can use them ("dm2 neuropathy"
 * → "type 2 diabetes mellitus neuropathy"). Pure.
 */
import { editDistance, normalise, typoAllowance } from './icd10-text';
import { ICD10_SYNONYMS, LAY_WORDS, type Icd10Synonym } from './icd10-synonyms';

export type SynonymStrength = 'exact' | 'typo' | 'prefix';

export interface SynonymMatch {
  term: string;
  strength: SynonymStrength;
  codes: readonly string[];
}

interface Term {
  text: string;
  synonym: Icd10Synonym;
}

const TERMS: readonly Term[] = ICD10_SYNONYMS.flatMap((synonym) => synonym.terms.map((term) => ({ text: normalise(term), synonym })));
const BY_TEXT = new Map<string, Icd10Synonym[]>();
/** Terms by length: a typo check needs only the terms within a character or two of the query's length. */
const BY_LENGTH = new Map<number, Term[]>();
for (const term of TERMS) {
  BY_TEXT.set(term.text, [...(BY_TEXT.get(term.text) ?? []), term.synonym]);
  BY_LENGTH.set(term.text.length, [...(BY_LENGTH.get(term.text.length) ?? []), term]);
}
const termsNear = (length: number, allowance: number): Term[] => {
  const near: Term[] = [];
  for (let l = length - allowance; l <= length + allowance; l += 1) near.push(...(BY_LENGTH.get(l) ?? []));
  return near;
};

/** Shortest typed start of a term that is taken as that term ("stre" → strep throat is too early). */
const MIN_PREFIX = 4;

/**
 * The synonym entries the whole query names, best first; several when a
 * term is shared or a typo is ambiguous. `typos: false` when every word is
 * spelt right (a word of the titles): "hyperkalemia" is not a typo of
 * hypokalemia.
 */
export function matchSynonyms(query: string, typos = true): SynonymMatch[] {
  const text = normalise(query);
  if (!text) return [];
  const exact = BY_TEXT.get(text);
  if (exact) return exact.map((synonym) => ({ term: text, strength: 'exact', codes: synonym.codes }));

  const matches: SynonymMatch[] = [];
  const allowance = typos ? typoAllowance(text.replace(/ /g, '')) : 0;
  const seen = new Set<Icd10Synonym>();
  if (allowance > 0) {
    let best = allowance + 1;
    const closest: Term[] = [];
    for (const term of termsNear(text.length, allowance)) {
      if (term.text.length < 5) continue;
      const max = Math.min(allowance, typoAllowance(term.text));
      const d = editDistance(text, term.text, max);
      if (d > max) continue;
      if (d < best) {
        best = d;
        closest.length = 0;
      }
      if (d === best) closest.push(term);
    }
    for (const term of closest) {
      if (seen.has(term.synonym)) continue;
      seen.add(term.synonym);
      matches.push({ term: term.text, strength: 'typo', codes: term.synonym.codes });
    }
  }
  if (text.length >= MIN_PREFIX) {
    // Shorter terms first: "asth" means asthma before "asthma exacerbation".
    const started = TERMS.filter((term) => term.text.startsWith(text) && !seen.has(term.synonym)).sort((a, b) => a.text.length - b.text.length);
    for (const term of started.slice(0, 3)) {
      if (seen.has(term.synonym)) continue;
      seen.add(term.synonym);
      matches.push({ term: term.text, strength: 'prefix', codes: term.synonym.codes });
    }
  }
  return matches;
}

/**
 * The query words with each abbreviation or lay word the titles do not use
 * replaced by the entry's own phrase (its first term). Words the titles do
 * use stay as typed: "diabetes insipidus" must not become type 2 diabetes.
 */
export function spellOutAbbreviations(queryWords: readonly string[], isTitleWord: (word: string) => boolean): string[] {
  const out: string[] = [];
  for (let i = 0; i < queryWords.length; i += 1) {
    const pair = i + 1 < queryWords.length ? `${queryWords[i]} ${queryWords[i + 1]}` : null;
    const pairEntry = pair ? BY_TEXT.get(pair)?.[0] : undefined;
    if (pair && pairEntry && !queryWords.slice(i, i + 2).every(isTitleWord)) {
      out.push(...normalise(pairEntry.terms[0]!).split(' '));
      i += 1;
      continue;
    }
    const word = queryWords[i]!;
    const entry = BY_TEXT.get(word)?.[0];
    if (entry && !isTitleWord(word) && !/^\d+$/.test(word) && !layWord(word)) out.push(...normalise(entry.terms[0]!).split(' '));
    else out.push(word);
  }
  return out;
}

/** The titles' word for a lay word ("broken" → "fracture"), searched for beside the word as typed. */
export function layWord(word: string): string | undefined {
  return Object.hasOwn(LAY_WORDS, word) ? LAY_WORDS[word] : undefined;
}
