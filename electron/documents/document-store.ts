/**
 * The device's document store: a folder beside the database holding each
 * document's bytes once, named by their sha256 (`ab/abcdef…`). Writes are
 * atomic (a temporary file in the same folder, flushed, then renamed), so a
 * crash leaves either the whole file or none; reads check the hash, so a
 * damaged file is reported, never shown as the document.
 *
 * @example
 *   const store = documentStoreFor(db);
 *   const { sha256 } = store.put(bytes, 'application/pdf');
 *   store.read(sha256); // the same bytes
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DEFAULT_DOCUMENT_LIMIT_BYTES, DOCUMENT_TYPES } from '../../shared/schemas/documents';
import { contentMatchesType } from './content-type';

export class DocumentStoreError extends Error {
  constructor(
    readonly reason: 'too-large' | 'empty' | 'type' | 'content' | 'hash' | 'missing',
    message: string,
  ) {
    super(message);
  }
}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export class DocumentStore {
  constructor(
    readonly dir: string,
    readonly limitBytes = DEFAULT_DOCUMENT_LIMIT_BYTES,
  ) {}

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new DocumentStoreError('hash', `Not a sha256: ${sha256}`);
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  /** Check a file before it is kept: size within the limit, a type the store takes, content of that type. */
  validate(bytes: Uint8Array, mimeType: string): void {
    if (bytes.length === 0) throw new DocumentStoreError('empty', 'The file is empty.');
    if (bytes.length > this.limitBytes) {
      throw new DocumentStoreError('too-large', `The file is ${mb(bytes.length)}; at most ${mb(this.limitBytes)} can be attached.`);
    }
    if (!(mimeType in DOCUMENT_TYPES)) throw new DocumentStoreError('type', `Files of type ${mimeType} cannot be attached.`);
    if (!contentMatchesType(bytes, mimeType)) {
      throw new DocumentStoreError('content', `The file's content is not ${mimeType}; was the wrong file chosen?`);
    }
  }

  /** Validate and keep; the same bytes twice are kept once. */
  put(bytes: Uint8Array, mimeType: string): { sha256: string; byteSize: number } {
    this.validate(bytes, mimeType);
    const sha256 = sha256Hex(bytes);
    this.writeAtomically(sha256, bytes);
    return { sha256, byteSize: bytes.length };
  }

  /** Bytes that came from elsewhere (the hub) under a name: kept only if they hash to it. */
  putExpected(sha256: string, bytes: Uint8Array): void {
    if (sha256Hex(bytes) !== sha256) throw new DocumentStoreError('hash', `The bytes received do not match ${sha256}; not kept.`);
    this.writeAtomically(sha256, bytes);
  }

  read(sha256: string): Buffer {
    const path = this.pathOf(sha256);
    if (!existsSync(path)) throw new DocumentStoreError('missing', 'The file is not on this device yet.');
    const bytes = readFileSync(path);
    if (sha256Hex(bytes) !== sha256) throw new DocumentStoreError('hash', `The stored file ${sha256} is damaged.`);
    return bytes;
  }

  private writeAtomically(sha256: string, bytes: Uint8Array): void {
    const path = this.pathOf(sha256);
    if (existsSync(path)) return;
    mkdirSync(dirname(path), { recursive: true });
    const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const fd = openSync(temp, 'wx');
      try {
        let written = 0;
        while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, path);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
  }
}

function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MB`;
}

export const DOCUMENTS_FOLDER = 'documents';

const stores = new Map<string, DocumentStore>();

/** The configured limit: PRACTICE_DESK_DOCUMENT_LIMIT_MB, else 25 MB. */
export function configuredLimitBytes(env: Record<string, string | undefined> = process.env): number {
  const mbValue = Number(env.PRACTICE_DESK_DOCUMENT_LIMIT_MB);
  return Number.isFinite(mbValue) && mbValue > 0 ? Math.round(mbValue * 2 ** 20) : DEFAULT_DOCUMENT_LIMIT_BYTES;
}

/** The store beside a database file (one per database path). */
export function documentStoreFor(db: { path: string }, limitBytes = configuredLimitBytes()): DocumentStore {
  const dir = join(dirname(db.path), DOCUMENTS_FOLDER);
  let store = stores.get(dir);
  if (!store || store.limitBytes !== limitBytes) {
    store = new DocumentStore(dir, limitBytes);
    stores.set(dir, store);
  }
  return store;
}
