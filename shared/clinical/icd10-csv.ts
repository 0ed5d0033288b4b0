/**
 * Reading the shipped ICD-10-CM file: RFC 4180 CSV (quoted fields may hold
 * commas, doubled quotes and line breaks), one header line, the columns
 * `code,billable,short_description,long_description,code_dotted`.
 * Pure, so the rules are tested without a database.
 */

export interface Icd10Row {
  /** Without the dot, as CMS writes it: "J45909". */
  code: string;
  codeDotted: string;
  billable: boolean;
  shortTitle: string;
  title: string;
}

const HEADER = ['code', 'billable', 'short_description', 'long_description', 'code_dotted'];
const CODE = /^[A-Z][0-9][0-9A-Z][0-9A-Z]{0,4}$/;

// One field at the cursor: quoted (doubled quotes inside) or bare, then what ends it.
const FIELD = /(?:"((?:[^"]|"")*)"|([^,"\r\n]*))(,|\r\n|\n|\r|$)/y;

/** Split RFC 4180 text into records of fields. A trailing line break ends the last record. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  FIELD.lastIndex = 0;
  while (FIELD.lastIndex < text.length) {
    const at = FIELD.lastIndex;
    const m = FIELD.exec(text);
    if (!m || (m[0] === '' && at < text.length)) {
      throw new Error(`CSV: malformed field at character ${at}${text[at] === '"' ? ' (unterminated or stray quote)' : ''}`);
    }
    record.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]!);
    if (m[3] !== ',') {
      records.push(record);
      record = [];
    } else if (FIELD.lastIndex === text.length) {
      record.push('');
      records.push(record);
      record = [];
    }
  }
  if (record.length > 0) records.push(record);
  return records;
}

/** The code rows of the file, checked: a malformed file fails loudly rather than loading half a code set. */
export function parseIcd10Csv(text: string): Icd10Row[] {
  const records = parseCsv(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const header = records.shift();
  if (!header || header.join(',') !== HEADER.join(',')) {
    throw new Error(`Unexpected ICD-10 CSV header: ${header?.join(',') ?? '(empty file)'}`);
  }
  return records.map((fields, index) => {
    const line = index + 2;
    if (fields.length !== HEADER.length) throw new Error(`ICD-10 CSV line ${line}: ${fields.length} fields, expected ${HEADER.length}`);
    const [code, billable, shortTitle, title, codeDotted] = fields as [string, string, string, string, string];
    if (!CODE.test(code)) throw new Error(`ICD-10 CSV line ${line}: bad code "${code}"`);
    if (billable !== '0' && billable !== '1') throw new Error(`ICD-10 CSV line ${line}: billable must be 0 or 1`);
    if (codeDotted.replace('.', '') !== code) throw new Error(`ICD-10 CSV line ${line}: ${codeDotted} does not match ${code}`);
    if (!title) throw new Error(`ICD-10 CSV line ${line}: empty description`);
    return { code, codeDotted, billable: billable === '1', shortTitle, title };
  });
}
