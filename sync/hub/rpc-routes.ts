/**
 * PostgREST's `POST /rest/v1/rpc/<fn>`, for whitelisted functions only, done
 * the way PostgREST does it: verify the JWT, then in ONE transaction on the
 * `authenticator` connection `SET LOCAL ROLE <role from the JWT>`, set
 * request.jwt.claims, call public.<fn>(name => value, …) with the JSON body's
 * keys as named arguments, commit. Database errors come back as PostgREST's
 * { code, message, details, hint } with PostgREST's status codes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errors as joseErrors } from 'jose';
import type pg from 'pg';
import { verifyToken, type Claims } from './auth';
import { bearerToken, HttpError, readJson, sendJsonText } from './http-util';

/** Functions the gateway will call, with their parameters' SQL types. */
export const RPC_FUNCTIONS: Record<string, Record<string, string>> = {
  sync_push: { batch: 'jsonb' },
  sync_pull: { since: 'bigint', page_size: 'integer' },
  sync_pull_priority: { tier: 'integer', after_seq: 'bigint', page_size: 'integer', practice: 'uuid' },
  sync_pull_estimate: { since: 'bigint' },
  // Migration 0012: the caller's memberships, role and permissions (what 0010 lets it push).
  sync_membership: {},
  // Document bytes (migrations/postgres/0008): per practice, by sha256, in chunks.
  document_blob_missing: { practice: 'uuid', hashes: 'jsonb' },
  document_blob_put: { practice: 'uuid', sha256: 'text', byte_size: 'bigint', mime_type: 'text', chunk_index: 'integer', chunk_count: 'integer', data: 'text' },
  document_blob_get: { practice: 'uuid', sha256: 'text', chunk_index: 'integer' },
};

/** Every column as the text Postgres sent (the rpc functions return json or jsonb). */
const RAW_TEXT = { getTypeParser: () => (value: string) => value };

/** Roles a request may run as; `authenticator` is granted exactly these. */
const REQUEST_ROLES = new Set(['anon', 'authenticated']);

export interface RpcContext {
  rest: pg.Pool;
  jwtSecret: string;
}

const pgrst = (status: number, code: string, message: string, hint: string | null = null) =>
  new HttpError(status, { code, message, details: null, hint });

async function requestClaims(ctx: RpcContext, req: IncomingMessage): Promise<Claims> {
  const token = bearerToken(req);
  // No JWT at all: PostgREST runs the request as the anonymous role.
  if (token === undefined) return { role: 'anon' };
  let claims: Claims;
  try {
    claims = await verifyToken(ctx.jwtSecret, token);
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw pgrst(401, 'PGRST303', 'JWT expired');
    throw pgrst(401, 'PGRST301', 'JWT could not be verified', 'The token is malformed or not signed with the hub secret.');
  }
  if (!claims.role || !REQUEST_ROLES.has(claims.role)) {
    throw pgrst(401, 'PGRST301', `JWT role ${String(claims.role)} is not allowed here`);
  }
  if (claims.role === 'authenticated' && !claims.sub) throw pgrst(401, 'PGRST301', 'JWT has no sub');
  return claims;
}

function statusFor(code: string, role: string): number {
  if (code === '42501') return role === 'anon' ? 401 : 403;
  if (code === '23505' || code === '40001' || code === '40P01') return 409;
  if (code === '42883') return 404;
  if (code.startsWith('08') || code.startsWith('53') || code.startsWith('57')) return 503;
  return 400;
}

function isDatabaseError(error: unknown): error is pg.DatabaseError {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
    && (error as { code: string }).code.length === 5;
}

export async function handleRpc(ctx: RpcContext, req: IncomingMessage, res: ServerResponse, fn: string): Promise<void> {
  const params = Object.hasOwn(RPC_FUNCTIONS, fn) ? RPC_FUNCTIONS[fn] : undefined;
  if (!params) {
    throw pgrst(404, 'PGRST202', `Could not find the function public.${fn} in the schema cache`,
      'The hub gateway serves only its sync functions.');
  }
  if (req.method !== 'POST') throw pgrst(405, 'PGRST101', 'Only POST is supported for this function');
  const claims = await requestClaims(ctx, req);
  const role = claims.role!;
  const body = await readJson(req);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw pgrst(400, 'PGRST102', 'The body must be a JSON object of named arguments');
  }
  const args = Object.entries(body as Record<string, unknown>);
  const unknown = args.filter(([name]) => !Object.hasOwn(params, name)).map(([name]) => name);
  if (unknown.length > 0) {
    throw pgrst(404, 'PGRST202', `Could not find the function public.${fn}(${args.map(([n]) => n).join(', ')}) in the schema cache`,
      `public.${fn} takes (${Object.keys(params).join(', ')}).`);
  }
  const values = args.map(([name, value]) =>
    value === null || value === undefined ? null : params[name] === 'jsonb' ? JSON.stringify(value) : String(value));
  const call = `SELECT public.${fn}(${args.map(([name], i) => `${name} => $${i + 1}::${params[name]}`).join(', ')}) AS result`;

  const client = await ctx.rest.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL ROLE ${role}`); // role is one of REQUEST_ROLES
    await client.query(
      `SELECT set_config('request.jwt.claims', $1, true), set_config('request.method', 'POST', true),
              set_config('request.path', $2, true)`,
      [JSON.stringify(claims), `/rpc/${fn}`],
    );
    // The result as Postgres's own JSON text: a page of a thousand changes is not parsed here only to be written out again.
    const { rows } = await client.query<{ result: string | null }>({ text: call, values, types: RAW_TEXT });
    await client.query('COMMIT');
    sendJsonText(res, 200, rows[0]?.result ?? 'null');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => { broken = true; });
    if (!isDatabaseError(error)) throw error;
    throw new HttpError(statusFor(error.code!, role), {
      code: error.code, message: error.message, details: error.detail ?? null, hint: error.hint ?? null,
    });
  } finally {
    client.release(broken);
  }
}
