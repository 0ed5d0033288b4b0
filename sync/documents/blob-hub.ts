/**
 * The hub's document byte store as the device sees it: three rpc functions
 * (migrations/postgres/0008), called through supabase-js like the row sync,
 * so the same code works against `npm run hub` and a Supabase project.
 * Bytes travel base64 in chunks of BLOB_CHUNK_BYTES (the gateway takes
 * request bodies up to 8 MiB).
 *
 * @example
 *   const hub = supabaseBlobHub(signedInClient);
 *   await hub.missing(practiceId, [sha]); // [sha] until uploaded
 */
import type { SupabaseClient } from '@supabase/supabase-js';

export const BLOB_CHUNK_BYTES = 4 * 1024 * 1024;

export interface BlobChunk {
  byteSize: number;
  mimeType: string;
  chunkCount: number;
  data: Buffer;
}

export interface BlobHub {
  /** Which of these files the hub does not hold complete. */
  missing(practiceId: string, hashes: readonly string[]): Promise<string[]>;
  /** One chunk; `complete` once every chunk is there and the whole hashes to `sha256`. */
  put(practiceId: string, sha256: string, byteSize: number, mimeType: string, chunkIndex: number, data: Buffer): Promise<{ complete: boolean }>;
  /** One chunk of a complete file, or null if the hub does not have it. */
  get(practiceId: string, sha256: string, chunkIndex: number): Promise<BlobChunk | null>;
}

export class BlobHubError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'BlobHubError';
  }
}

export const chunkCountFor = (byteSize: number) => Math.max(1, Math.ceil(byteSize / BLOB_CHUNK_BYTES));

/** Calls one rpc function with named arguments; resolves to its JSON result, throws on a refusal. */
export type RpcCall = (fn: string, args: Record<string, unknown>) => Promise<unknown>;

/** A signed-in supabase-js client as an RpcCall. */
export function supabaseRpc(client: SupabaseClient): RpcCall {
  return async (fn, args) => {
    const { data, error, status } = await client.rpc(fn, args);
    if (error) throw new BlobHubError(`${fn}: ${error.message}`, status, error.code ?? null);
    return data as unknown;
  };
}

export function supabaseBlobHub(client: SupabaseClient): BlobHub {
  return rpcBlobHub(supabaseRpc(client));
}

/** The blob functions over any rpc path (e.g. the sync transport's own signed-in client). */
export function rpcBlobHub(rpc: RpcCall): BlobHub {
  const call = async <T>(fn: string, args: Record<string, unknown>): Promise<T> => (await rpc(fn, args)) as T;
  return {
    missing: (practiceId, hashes) => call<string[]>('document_blob_missing', { practice: practiceId, hashes }),
    put: (practiceId, sha256, byteSize, mimeType, chunkIndex, data) =>
      call<{ complete: boolean }>('document_blob_put', {
        practice: practiceId,
        sha256,
        byte_size: byteSize,
        mime_type: mimeType,
        chunk_index: chunkIndex,
        chunk_count: chunkCountFor(byteSize),
        data: data.toString('base64'),
      }),
    async get(practiceId, sha256, chunkIndex) {
      const row = await call<{ byte_size: number; mime_type: string; chunk_count: number; data: string } | null>('document_blob_get', {
        practice: practiceId,
        sha256,
        chunk_index: chunkIndex,
      });
      if (!row) return null;
      return { byteSize: Number(row.byte_size), mimeType: row.mime_type, chunkCount: row.chunk_count, data: Buffer.from(row.data, 'base64') };
    },
  };
}
