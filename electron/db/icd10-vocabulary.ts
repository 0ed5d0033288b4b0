/**
 * The words of the code set's titles, held in memory once per open database
 * (about 13,000 words) for reading a query: is a word one the titles use, the
 * start of one ("pneum"), or a typo of one ("pnuemonia")? A trigram index
 * narrows typo candidates so edit distances are computed for dozens of
 * words, not thousands.
 */
import { isNeutralWord } from '../../shared/clinical/icd10-ranking';
import { editDistance, typoAllowance } from '../../shared/clinical/icd10-text';
import type { LocalDatabase } from './database';
import { loadedVersion } from './icd10-load';

export interface Vocabulary {
  has(word: string): boolean;
  /**
   * The title words a partly typed word may become, commonest first, at
   * most `limit`; words that tell no condition apart ("other") are left out,
   * so "ot" means otitis, not the thousands of titles that say "other".
   */
  completions(prefix: string, limit: number): string[];
  /** The closest title words within the typo allowance, commonest first; empty if none. */
  corrections(word: string): string[];
}

const cache = new WeakMap<LocalDatabase, { version: string; vocabulary: Vocabulary }>();

function trigrams(word: string): string[] {
  const padded = ` ${word} `;
  const grams: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i += 1) grams.push(padded.slice(i, i + 3));
  return grams;
}

function build(entries: readonly { word: string; codes: number }[]): Vocabulary {
  const counts = new Map(entries.map((e) => [e.word, e.codes]));
  const sorted = entries.map((e) => e.word).sort();
  const byGram = new Map<string, number[]>();
  sorted.forEach((word, index) => {
    for (const gram of new Set(trigrams(word))) {
      let list = byGram.get(gram);
      if (!list) byGram.set(gram, (list = []));
      list.push(index);
    }
  });
  const completions = (prefix: string, limit: number) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! <= prefix) lo = mid + 1;
      else hi = mid;
    }
    const found: string[] = [];
    for (let i = lo; i < sorted.length && sorted[i]!.startsWith(prefix); i += 1) {
      if (!isNeutralWord(sorted[i]!)) found.push(sorted[i]!);
    }
    return found.sort((a, b) => counts.get(b)! - counts.get(a)!).slice(0, limit);
  };
  const corrections = (word: string) => {
    const allowance = typoAllowance(word);
    if (allowance === 0) return [];
    const shared = new Map<number, number>();
    for (const gram of new Set(trigrams(word))) for (const index of byGram.get(gram) ?? []) shared.set(index, (shared.get(index) ?? 0) + 1);
    // A word within k edits shares most trigrams; keep the best few dozen to measure.
    const likely = [...shared.entries()].sort((a, b) => b[1] - a[1]).slice(0, 60);
    let best = allowance + 1;
    let found: string[] = [];
    for (const [index] of likely) {
      const candidate = sorted[index]!;
      const d = editDistance(word, candidate, allowance);
      if (d < best) {
        best = d;
        found = [candidate];
      } else if (d === best && d <= allowance) found.push(candidate);
    }
    return found.sort((a, b) => counts.get(b)! - counts.get(a)!).slice(0, 3);
  };
  return { has: (word) => counts.has(word), completions, corrections };
}

export function vocabulary(db: LocalDatabase): Vocabulary {
  const version = loadedVersion(db) ?? '';
  const held = cache.get(db);
  if (held && held.version === version) return held.vocabulary;
  const vocabularyNow = build(db.all(db.kysely.selectFrom('icd10_word').select(['word', 'codes'])));
  cache.set(db, { version, vocabulary: vocabularyNow });
  return vocabularyNow;
}
