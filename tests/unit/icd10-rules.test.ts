import { describe, expect, it } from 'vitest';
import { parseCsv, parseIcd10Csv } from '../../shared/clinical/icd10-csv';
import { generality, rankCandidates, scoreCandidate, significantWords, usageBoost } from '../../shared/clinical/icd10-ranking';
import { matchSynonyms, spellOutAbbreviations } from '../../shared/clinical/icd10-synonym-match';
import { ICD10_SYNONYMS } from '../../shared/clinical/icd10-synonyms';
import { codeQuery, editDistance, normalise, queryWords, sameStem } from '../../shared/clinical/icd10-text';

describe('reading the code set CSV (RFC 4180)', () => {
  it('splits quoted commas, doubled quotes, line breaks inside quotes, CRLF and an empty last field', () => {
    expect(parseCsv('a,"b, c","say ""hi"""\r\n"two\nlines",,x\n1,2,\n')).toEqual([
      ['a', 'b, c', 'say "hi"'],
      ['two\nlines', '', 'x'],
      ['1', '2', ''],
    ]);
    expect(parseCsv('no,trailing,newline')).toEqual([['no', 'trailing', 'newline']]);
  });

  it('refuses an unterminated quote or a quote inside a bare field', () => {
    expect(() => parseCsv('a,"open\n')).toThrow(/malformed field/);
    expect(() => parseCsv('a,b"c\n')).toThrow(/malformed field/);
  });

  it('reads rows of the shipped layout and checks each one', () => {
    const header = 'code,billable,short_description,long_description,code_dotted\n';
    const rows = parseIcd10Csv(`\ufeff${header}A00,0,Cholera,Cholera,A00\nA000,1,"Cholera due to Vibrio cholerae 01, biovar cholerae","Cholera due to Vibrio cholerae 01, biovar cholerae",A00.0\n`);
    expect(rows).toEqual([
      { code: 'A00', codeDotted: 'A00', billable: false, shortTitle: 'Cholera', title: 'Cholera' },
      {
        code: 'A000',
        codeDotted: 'A00.0',
        billable: true,
        shortTitle: 'Cholera due to Vibrio cholerae 01, biovar cholerae',
        title: 'Cholera due to Vibrio cholerae 01, biovar cholerae',
      },
    ]);
    expect(() => parseIcd10Csv('code,billable\nA00,0\n')).toThrow(/header/);
    expect(() => parseIcd10Csv(`${header}A00,2,x,x,A00\n`)).toThrow(/line 2: billable/);
    expect(() => parseIcd10Csv(`${header}a00,0,x,x,a00\n`)).toThrow(/bad code/);
    expect(() => parseIcd10Csv(`${header}A001,1,x,x,A00.2\n`)).toThrow(/does not match/);
    expect(() => parseIcd10Csv(`${header}A001,1,x,x\n`)).toThrow(/4 fields/);
  });
});

describe('reading a query', () => {
  it('takes codes with or without the dot, in any case', () => {
    expect(codeQuery('i10')).toBe('I10');
    expect(codeQuery(' H60.9 ')).toBe('H609');
    expect(codeQuery('h609')).toBe('H609');
    expect(codeQuery('s72.001a')).toBe('S72001A');
    expect(codeQuery('f32.a')).toBe('F32A');
    expect(codeQuery('flu')).toBeNull();
    expect(codeQuery('afib')).toBeNull();
    expect(codeQuery('I')).toBeNull();
  });

  it('folds case, accents and punctuation, and drops filler words', () => {
    expect(normalise("Swimmer's EAR, Ménière")).toBe('swimmers ear meniere');
    expect(queryWords('pain in the back')).toEqual(['pain', 'back']);
    expect(queryWords('the')).toEqual(['the']);
  });

  it('measures typos as edits, a swap of neighbours counting once', () => {
    expect(editDistance('hypertensoin', 'hypertension', 2)).toBe(1);
    expect(editDistance('diabtes', 'diabetes', 2)).toBe(1);
    expect(editDistance('pnuemonia', 'pneumonia', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
    expect(editDistance('asthma', 'angina', 1)).toBe(2); // gave up past the limit
    expect(sameStem('infections', 'infection')).toBe(true);
    expect(sameStem('hypertensive', 'hypertension')).toBe(true);
    expect(sameStem('ear', 'earlier')).toBe(false);
  });
});

describe('the synonym list', () => {
  it('holds at least 150 entries with their terms, and names each abbreviation the issue lists', () => {
    expect(ICD10_SYNONYMS.length).toBeGreaterThanOrEqual(150);
    for (const [term, code] of [['uti', 'N39.0'], ['afib', 'I48.91'], ['af', 'I48.91'], ['htn', 'I10'], ['dm2', 'E11.9'], ['t2dm', 'E11.9'], ['copd', 'J44.9'], ['chf', 'I50.9'], ['mi', 'I21.9'], ['urti', 'J06.9'], ['strep throat', 'J02.0'], ['pink eye', 'H10.9'], ['heartburn', 'R12'], ['gerd', 'K21.9'], ['flu', 'J11.1'], ['sore throat', 'J02.9'], ['back pain', 'M54.50'], ['migraine', 'G43.909'], ['asthma', 'J45.909'], ['ear infection', 'H66.90'], ['sinusitis', 'J01.90'], ['pneumonia', 'J18.9'], ['gastro', 'A09']] as const) {
      expect(matchSynonyms(term)[0], term).toMatchObject({ strength: 'exact', codes: expect.arrayContaining([code]) as unknown });
      expect(matchSynonyms(term)[0]!.codes[0], term).toBe(code);
    }
  });

  it('forgives a typo in a whole term and recognises one being typed', () => {
    expect(matchSynonyms('strep thraot')[0]).toMatchObject({ strength: 'typo', codes: ['J02.0'] });
    expect(matchSynonyms('migrane')[0]).toMatchObject({ strength: 'typo', term: 'migraine' });
    expect(matchSynonyms('asth')[0]).toMatchObject({ strength: 'prefix', term: 'asthma' });
    expect(matchSynonyms('zzzz')).toEqual([]);
    // A correctly spelt word is not taken for a typo of a neighbour.
    expect(matchSynonyms('hyperkalemia')[0]).toMatchObject({ strength: 'typo', term: 'hypokalemia' });
    expect(matchSynonyms('hyperkalemia', false)).toEqual([]);
  });

  it('spells out abbreviations inside longer queries, but leaves words the titles use', () => {
    const titleWords = new Set(['diabetes', 'insipidus', 'neuropathy', 'with']);
    const isTitleWord = (w: string) => titleWords.has(w);
    expect(spellOutAbbreviations(['dm2', 'neuropathy'], isTitleWord)).toEqual(['type', '2', 'diabetes', 'mellitus', 'neuropathy']);
    expect(spellOutAbbreviations(['diabetes', 'insipidus'], isTitleWord)).toEqual(['diabetes', 'insipidus']);
    expect(spellOutAbbreviations(['afib', 'rvr'], isTitleWord)).toEqual(['atrial', 'fibrillation', 'rvr']);
  });
});

describe('ranking', () => {
  const candidate = (code: string, title: string, billable = true, rank = 1) => ({
    code: code.replace('.', ''),
    codeDotted: code,
    title,
    titleWords: significantWords(title),
    billable,
    rank,
  });

  it('counts specificity without placeholders, and a later encounter as one step more', () => {
    expect(generality('I10')).toBe(0);
    expect(generality('J45.909')).toBe(3);
    expect(generality('S72.90XA')).toBe(2);
    expect(generality('S72.001A')).toBe(3);
    expect(generality('S72.001D')).toBe(4);
    expect(generality('W54.0XXS')).toBe(2);
  });

  it('puts the typed code first, synonym targets next, title matches last, the general code before specific ones', () => {
    const words = { kind: 'words', queryWords: ['asthma'], corrected: false } as const;
    const ranked = rankCandidates(
      [
        scoreCandidate(candidate('J45.901', 'Unspecified asthma with (acute) exacerbation', true, 9), words, 0),
        scoreCandidate(candidate('J45.909', 'Unspecified asthma, uncomplicated', true, 10), words, 0),
        scoreCandidate(candidate('J45.9', 'Other and unspecified asthma', false, 5), words, 0),
        scoreCandidate(candidate('J45.909', 'Unspecified asthma, uncomplicated', true, 10), { kind: 'synonym', strength: 'exact', order: 0 }, 0),
        scoreCandidate(candidate('J45.20', 'Mild intermittent asthma, uncomplicated', true, 8), { kind: 'code-exact' }, 0),
      ],
      10,
    );
    expect(ranked.map((c) => [c.codeDotted, c.matchedBy])).toEqual([
      ['J45.20', 'code'],
      ['J45.909', 'synonym'],
      ['J45.901', 'words'],
      ['J45.9', 'words'],
    ]);
  });

  it('lets usage reorder codes matched the same way, never across kinds of match', () => {
    const words = { kind: 'words', queryWords: ['otitis', 'externa'], corrected: false } as const;
    const right = candidate('H60.91', 'Unspecified otitis externa, right ear', true, 2);
    const left = candidate('H60.92', 'Unspecified otitis externa, left ear', true, 3);
    expect(rankCandidates([scoreCandidate(right, words, 0), scoreCandidate(left, words, 0)], 2).map((c) => c.codeDotted)).toEqual(['H60.91', 'H60.92']);
    expect(rankCandidates([scoreCandidate(right, words, 0), scoreCandidate(left, words, 5)], 2).map((c) => c.codeDotted)).toEqual(['H60.92', 'H60.91']);
    const synonym = scoreCandidate(right, { kind: 'synonym', strength: 'prefix', order: 2 }, 0);
    expect(synonym.score).toBeGreaterThan(scoreCandidate(left, words, 10_000).score);
    expect(usageBoost(0)).toBe(0);
    expect(usageBoost(1)).toBeLessThan(usageBoost(10));
    expect(usageBoost(1_000_000)).toBe(240);
  });
});
