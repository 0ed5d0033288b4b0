/**
 * A practice's diagnosis list as a CSV file: code, description, then
 * optionally species and synonyms (each separated by ';'). A first line
 * starting "code" is a header. Every line is checked with the same schema
 * as a code typed in the editor; the result is all rows or all errors, so an
 * import never writes half a file.
 */
import { addDiagnosisCodeInput } from '../schemas/diagnosis-codes';
import type { z } from 'zod';
import { SPECIES } from '../domain/species';
import { parseCsv } from './icd10-csv';

export type DiagnosisCodeRow = z.output<typeof addDiagnosisCodeInput>;
export type DiagnosisCsvResult = { rows: DiagnosisCodeRow[]; errors: [] } | { rows: []; errors: string[] };

const MAX_ROWS = 20_000;
const MAX_ERRORS = 20;

export function parseDiagnosisCodeCsv(text: string): DiagnosisCsvResult {
  let records: string[][];
  try {
    records = parseCsv(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return { rows: [], errors: [(e as Error).message] };
  }
  const first = records[0]?.[0]?.trim().toLowerCase();
  const offset = first === 'code' ? 2 : 1;
  if (offset === 2) records.shift();
  const lines = records.map((fields, i) => ({ fields, line: i + offset })).filter(({ fields }) => fields.some((f) => f.trim() !== ''));
  if (lines.length === 0) return { rows: [], errors: ['The file has no codes'] };
  if (lines.length > MAX_ROWS) return { rows: [], errors: [`The file has ${lines.length} codes; at most ${MAX_ROWS} can be imported at once`] };

  const rows: DiagnosisCodeRow[] = [];
  const errors: string[] = [];
  const seen = new Map<string, number>();
  for (const { fields, line } of lines) {
    const [code = '', description = '', species = '', synonyms = '', ...rest] = fields;
    if (rest.some((f) => f.trim() !== '')) {
      errors.push(`Line ${line}: ${fields.length} columns; expected code, description, species, synonyms`);
      continue;
    }
    const speciesList = species.split(';').map((s) => s.trim()).filter((s) => s !== '');
    const parsed = addDiagnosisCodeInput.safeParse({ code, description, species: speciesList, synonyms });
    if (!parsed.success) {
      const says = parsed.error.issues.map((i) =>
        i.path[0] === 'species' ? `species: "${speciesList[Number(i.path[1])]}" is not one of ${SPECIES.join(', ')}` : `${String(i.path[0] ?? 'row')}: ${i.message}`,
      );
      errors.push(`Line ${line}: ${says.join('; ')}`);
      continue;
    }
    const earlier = seen.get(parsed.data.code);
    if (earlier !== undefined) errors.push(`Line ${line}: code ${parsed.data.code} is already on line ${earlier}`);
    else seen.set(parsed.data.code, line);
    rows.push(parsed.data);
  }
  if (errors.length > 0) return { rows: [], errors: errors.slice(0, MAX_ERRORS) };
  return { rows, errors: [] };
}
