/**
 * How a typed query finds a code of the practice's own diagnosis list: the
 * code itself (exact or its start), or every meaningful word of the query
 * matching a word of the description or its synonyms, by its start, its
 * stem, or within a typo or two. Shorter descriptions (the general entry)
 * and codes this desk uses often rank first. Pure: the list is small (a
 * practice's own hundreds or thousands), so it is scored whole.
 *
 * @example
 *   scorePracticeCode('fl ut', { code: 'FLUTD', description: 'Feline lower urinary tract disease', synonyms: 'cystitis' })
 */
import { editDistance, queryWords, sameStem, typoAllowance, words } from './icd10-text';

export interface PracticeCodeCandidate {
  code: string;
  description: string;
  synonyms: string | null;
}

export type PracticeCodeMatchedBy = 'code' | 'words' | 'typo';

export interface PracticeCodeScore {
  score: number;
  matchedBy: PracticeCodeMatchedBy;
}

/** The code as stored: upper case, no spaces ("  flutd " → "FLUTD"). */
export function normaliseCode(code: string): string {
  return code.trim().toUpperCase().replace(/\s+/g, '');
}

/** Synonyms as typed in the list's editor or a CSV cell: separated by ';'. */
export function splitSynonyms(synonyms: string | null): string[] {
  return (synonyms ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** 3: the same word, 2: its start or stem, 1: a typo away, 0: no match. */
function wordMatch(queryWord: string, targets: readonly string[]): number {
  let best = 0;
  for (const target of targets) {
    if (target === queryWord) return 3;
    if ((queryWord.length >= 2 && target.startsWith(queryWord)) || sameStem(queryWord, target)) best = Math.max(best, 2);
    else if (best < 1) {
      const allowed = typoAllowance(queryWord);
      if (allowed > 0 && editDistance(queryWord, target, allowed) <= allowed) best = 1;
    }
  }
  return best;
}

export function scorePracticeCode(query: string, candidate: PracticeCodeCandidate): PracticeCodeScore | null {
  const typedCode = normaliseCode(query).replace('.', '');
  const code = candidate.code.replace('.', '');
  if (typedCode !== '' && code === typedCode) return { score: 1000, matchedBy: 'code' };
  if (typedCode.length >= 2 && code.startsWith(typedCode)) return { score: 800 - (code.length - typedCode.length), matchedBy: 'code' };

  const typed = queryWords(query);
  if (typed.length === 0) return null;
  const descriptionWords = words(candidate.description);
  const targets = [...descriptionWords, ...splitSynonyms(candidate.synonyms).flatMap(words), ...words(candidate.code)];
  let total = 0;
  let typo = false;
  for (const w of typed) {
    const m = wordMatch(w, targets);
    if (m === 0) return null;
    if (m === 1) typo = true;
    total += m;
  }
  // Every query word matched: more exact matches first, then the more general (shorter) entry.
  return { score: 100 + total * 10 - Math.min(descriptionWords.length, 20), matchedBy: typo ? 'typo' : 'words' };
}

/** Uses by this desk lift a code, with diminishing returns (a favourite never hides an exact code match). */
export function practiceUsageBoost(uses: number): number {
  return uses <= 0 ? 0 : Math.min(30, Math.round(10 * Math.log2(1 + uses)));
}
