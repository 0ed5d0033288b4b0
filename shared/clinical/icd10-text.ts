/**
 * How a typed diagnosis query is read: codes with or without the dot,
 * words folded to lower case without punctuation, filler words dropped,
 * and the edit distance used to forgive typos. Pure.
 */

/** Something a clinician types when they know the code: "i10", "H60.9", "h609", "J02", "S72.001A". */
const CODE_LIKE = /^[a-z][0-9][0-9a-z]?(?:\.?[0-9a-z]{0,4})$/i;

/** The code, upper case without the dot, if the query looks like one ("h60.9" → "H609"). */
export function codeQuery(query: string): string | null {
  const trimmed = query.trim();
  if (!CODE_LIKE.test(trimmed) || trimmed.length < 2) return null;
  return trimmed.replace('.', '').toUpperCase();
}

/** Words that carry no meaning for finding a code. "without", "left", "acute" do, and stay. */
const FILLER = new Set(['a', 'an', 'and', 'the', 'of', 'in', 'on', 'to', 'for', 'with', 'by', 'or', 'at', 'as', 'is', 'pt', 'patient', 'has', 'c/o', 'dx']);

/** Lower case, diacritics and punctuation gone, apostrophes dropped ("Crohn's" → "crohns"). */
export function normalise(text: string): string {
  // The code set is ASCII: skip Unicode decomposition unless the text needs it (it runs on every candidate title).
  const ascii = /^[\x20-\x7e]*$/.test(text) ? text : text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return ascii
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The words of a text, as the search compares them. */
export function words(text: string): string[] {
  const folded = normalise(text);
  return folded ? folded.split(' ') : [];
}

/** The words of a query that mean something (filler dropped, unless nothing else is left). */
export function queryWords(query: string): string[] {
  const all = words(query);
  const meaningful = all.filter((w) => !FILLER.has(w));
  return meaningful.length > 0 ? meaningful : all;
}

/**
 * Optimal string alignment distance (Levenshtein plus swapping two
 * neighbours, the commonest typing slip: "hypertensoin"). Gives up early
 * and returns max + 1 once the distance must exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prevPrev[j - 2]! + 1);
      row.push(d);
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/** How many typos a word of this length may carry and still be recognised. */
export function typoAllowance(word: string): number {
  if (word.length < 4) return 0;
  return word.length < 7 ? 1 : 2;
}

/** Do a query word and a title word mean the same, allowing for endings ("infections" ~ "infection", "hypertensive" ~ "hypertension")? */
export function sameStem(queryWord: string, titleWord: string): boolean {
  if (queryWord === titleWord) return true;
  const shorter = Math.min(queryWord.length, titleWord.length);
  if (shorter < 4) return false;
  let common = 0;
  while (common < shorter && queryWord[common] === titleWord[common]) common += 1;
  return common >= Math.max(4, Math.ceil(shorter * 0.75));
}
