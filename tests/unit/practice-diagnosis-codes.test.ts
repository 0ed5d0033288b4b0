/** The practice diagnosis list's pure parts: how a query matches a code, and reading a CSV file. */
import { describe, expect, it } from 'vitest';
import { parseDiagnosisCodeCsv } from '../../shared/clinical/diagnosis-code-csv';
import { normaliseCode, practiceUsageBoost, scorePracticeCode } from '../../shared/clinical/practice-code-match';

const flutd = { code: 'FLUTD', description: 'Feline lower urinary tract disease', synonyms: 'cystitis; FIC; blocked cat' };
const ckd = { code: 'CKD', description: 'Chronic kidney disease', synonyms: null };

describe('scorePracticeCode', () => {
  it('ranks the exact code over a code start over words', () => {
    const exact = scorePracticeCode('flutd', flutd)!;
    const start = scorePracticeCode('flu', flutd)!;
    const words = scorePracticeCode('urinary', flutd)!;
    expect(exact.matchedBy).toBe('code');
    expect(start.matchedBy).toBe('code');
    expect(exact.score).toBeGreaterThan(start.score);
    expect(start.score).toBeGreaterThan(words.score);
  });

  it('needs every meaningful word, by word start, stem or a forgiven typo', () => {
    expect(scorePracticeCode('blocked cat', flutd)?.matchedBy).toBe('words');
    expect(scorePracticeCode('urin tract', flutd)?.matchedBy).toBe('words');
    expect(scorePracticeCode('urinray', flutd)?.matchedBy).toBe('typo');
    expect(scorePracticeCode('urinary stones', flutd)).toBeNull();
    expect(scorePracticeCode('kidney of the cat', ckd)).toBeNull();
    expect(scorePracticeCode('chronic kidney', ckd)?.matchedBy).toBe('words');
  });

  it('puts the general (shorter) entry before a longer one matching as well', () => {
    const general = scorePracticeCode('otitis', { code: 'OTEX', description: 'Otitis externa', synonyms: null })!;
    const specific = scorePracticeCode('otitis', { code: 'OTEX-MAL', description: 'Otitis externa, Malassezia', synonyms: null })!;
    expect(general.score).toBeGreaterThan(specific.score);
  });

  it('normalises codes and bounds the usage boost below a code match', () => {
    expect(normaliseCode('  ot ex ')).toBe('OTEX');
    expect(practiceUsageBoost(0)).toBe(0);
    expect(practiceUsageBoost(1)).toBe(10);
    expect(practiceUsageBoost(10_000)).toBe(30);
  });
});

describe('parseDiagnosisCodeCsv', () => {
  it('reads quoted fields, a BOM, CRLF and a header, skipping blank lines', () => {
    const result = parseDiagnosisCodeCsv('\ufeffCode,Description,Species,Synonyms\r\n"HCM","Cardiomyopathy, hypertrophic",Cat,"thick heart; ""HCM"""\r\n\r\nckd,Chronic kidney disease\r\n');
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      { code: 'HCM', description: 'Cardiomyopathy, hypertrophic', species: ['Cat'], synonyms: 'thick heart; "HCM"' },
      { code: 'CKD', description: 'Chronic kidney disease', species: [], synonyms: null },
    ]);
  });

  it('reports every bad line (up to 20) and returns no rows', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `,missing code ${i}`).join('\n');
    const result = parseDiagnosisCodeCsv(`A1,Fine\n${lines}\nA2,x,Cat,,extra\n`);
    expect(result.rows).toEqual([]);
    expect(result.errors).toHaveLength(20);
    expect(result.errors[0]).toBe('Line 2: code: Required');
    expect(parseDiagnosisCodeCsv('A2,x,Cat,,extra\n').errors).toEqual(['Line 1: 5 columns; expected code, description, species, synonyms']);
    expect(parseDiagnosisCodeCsv('"unterminated,x\n').errors[0]).toMatch(/malformed field/);
    expect(parseDiagnosisCodeCsv('code,description\n\n').errors).toEqual(['The file has no codes']);
  });
});
