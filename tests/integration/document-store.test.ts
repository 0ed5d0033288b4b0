import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configuredLimitBytes, DocumentStore, DocumentStoreError, sha256Hex } from '../../electron/documents/document-store';
import { SAMPLE_PNG, samplePdf } from '../helpers/sample-files';
import { tempDir } from '../helpers/temp-dir';

const dirs: { remove(): void }[] = [];
function store(limit?: number): DocumentStore {
  const dir = tempDir();
  dirs.push(dir);
  return new DocumentStore(join(dir.path, 'documents'), limit);
}
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

const reason = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof DocumentStoreError ? error.reason : String(error);
  }
  return 'no error';
};

describe('the document store', () => {
  it('keeps bytes once under their sha256, atomically (no temporary file left), and reads them back checked', async () => {
    const s = store();
    const pdf = await samplePdf();
    const { sha256, byteSize } = s.put(pdf, 'application/pdf');
    expect(sha256).toBe(sha256Hex(pdf));
    expect(byteSize).toBe(pdf.length);
    expect(s.pathOf(sha256)).toBe(join(s.dir, sha256.slice(0, 2), sha256));
    expect(readFileSync(s.pathOf(sha256)).equals(pdf)).toBe(true);
    expect(s.put(pdf, 'application/pdf').sha256).toBe(sha256);
    expect(readdirSync(join(s.dir, sha256.slice(0, 2)))).toEqual([sha256]);
    expect(s.read(sha256).equals(pdf)).toBe(true);
    expect(s.has(sha256)).toBe(true);
    expect(s.has('0'.repeat(64))).toBe(false);
  });

  it('refuses empty, oversized, unknown-type and wrong-content files, keeping nothing', () => {
    const s = store(1024);
    expect(reason(() => s.put(Buffer.alloc(0), 'image/png'))).toBe('empty');
    expect(reason(() => s.put(Buffer.concat([SAMPLE_PNG, Buffer.alloc(2000)]), 'image/png'))).toBe('too-large');
    expect(reason(() => s.put(SAMPLE_PNG, 'application/x-msdownload'))).toBe('type');
    expect(reason(() => s.put(SAMPLE_PNG, 'application/pdf'))).toBe('content');
    expect(reason(() => s.put(Buffer.from('MZ\0\0'), 'text/plain'))).toBe('content');
    expect(existsSync(s.dir)).toBe(false);
    expect(s.put(SAMPLE_PNG, 'image/png').byteSize).toBe(SAMPLE_PNG.length);
  });

  it('keeps bytes from elsewhere only if they hash to their name, and reports a damaged file', () => {
    const s = store();
    const sha = sha256Hex(SAMPLE_PNG);
    expect(reason(() => s.putExpected(sha, Buffer.from('something else')))).toBe('hash');
    expect(s.has(sha)).toBe(false);
    s.putExpected(sha, SAMPLE_PNG);
    writeFileSync(s.pathOf(sha), Buffer.from('bit rot'));
    expect(reason(() => s.read(sha))).toBe('hash');
    expect(reason(() => s.read('1'.repeat(64)))).toBe('missing');
    expect(reason(() => s.pathOf('../../etc/passwd'))).toBe('hash');
  });

  it('takes its limit from PRACTICE_DESK_DOCUMENT_LIMIT_MB, 25 MB by default', () => {
    expect(configuredLimitBytes({})).toBe(25 * 2 ** 20);
    expect(configuredLimitBytes({ PRACTICE_DESK_DOCUMENT_LIMIT_MB: '5' })).toBe(5 * 2 ** 20);
    expect(configuredLimitBytes({ PRACTICE_DESK_DOCUMENT_LIMIT_MB: 'lots' })).toBe(25 * 2 ** 20);
  });
});
