/**
 * The GoTrue endpoints supabase-js's auth client calls for password sign-in:
 *   POST /auth/v1/token?grant_type=password       { email, password }
 *   POST /auth/v1/token?grant_type=refresh_token  { refresh_token }
 *   GET  /auth/v1/user
 *   POST /auth/v1/logout?scope=global|local|others
 * Errors use GoTrue's shape ({ code, error_code, msg }) so auth-js turns them
 * into the same AuthApiError it raises against Supabase.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type pg from 'pg';
import {
  dummyPasswordCheck, hashRefreshToken, newRefreshToken, normaliseEmail, signAccessToken, verifyPassword, verifyToken,
  type Claims,
} from './auth';
import { bearerToken, HttpError, readJson, sendJson } from './http-util';

export interface AuthContext {
  admin: pg.Pool;
  jwtSecret: string;
  /** `${gatewayUrl}/auth/v1`, the `iss` of access tokens. */
  issuer: string;
  accessTokenLifetime: number;
}

interface UserRow {
  id: string;
  email: string;
  encrypted_password: string;
  raw_app_meta_data: unknown;
  raw_user_meta_data: unknown;
  created_at: Date;
  updated_at: Date;
  last_sign_in_at: Date | null;
}

const authError = (status: number, errorCode: string, msg: string) =>
  new HttpError(status, { code: status, error_code: errorCode, msg });

function userJson(user: UserRow) {
  return {
    id: user.id,
    aud: 'authenticated',
    role: 'authenticated',
    email: user.email,
    email_confirmed_at: user.created_at.toISOString(),
    phone: '',
    confirmed_at: user.created_at.toISOString(),
    last_sign_in_at: user.last_sign_in_at?.toISOString() ?? null,
    app_metadata: user.raw_app_meta_data,
    user_metadata: user.raw_user_meta_data,
    identities: [],
    created_at: user.created_at.toISOString(),
    updated_at: user.updated_at.toISOString(),
    is_anonymous: false,
  };
}

async function issueSession(ctx: AuthContext, user: UserRow, sessionId: string) {
  const refreshToken = newRefreshToken();
  await ctx.admin.query('INSERT INTO auth.refresh_tokens (token, user_id, session_id) VALUES ($1, $2, $3)', [
    hashRefreshToken(refreshToken), user.id, sessionId,
  ]);
  const { token, expiresAt } = await signAccessToken(ctx.jwtSecret, {
    sub: user.id, email: user.email, sessionId, issuer: ctx.issuer, lifetime: ctx.accessTokenLifetime,
  });
  return {
    access_token: token,
    token_type: 'bearer',
    expires_in: ctx.accessTokenLifetime,
    expires_at: expiresAt,
    refresh_token: refreshToken,
    user: userJson(user),
  };
}

async function passwordGrant(ctx: AuthContext, body: Record<string, unknown>) {
  const { email, password } = body;
  if (typeof email !== 'string' || typeof password !== 'string' || email === '' || password === '') {
    throw authError(400, 'validation_failed', 'An email address and a password are required');
  }
  const { rows } = await ctx.admin.query<UserRow>('SELECT * FROM auth.users WHERE email = $1', [normaliseEmail(email)]);
  const user = rows[0];
  const ok = user ? await verifyPassword(password, user.encrypted_password) : await dummyPasswordCheck(password);
  if (!user || !ok) throw authError(400, 'invalid_credentials', 'Invalid login credentials');
  const sessionId = randomUUID();
  const signedIn = await ctx.admin.query<UserRow>('UPDATE auth.users SET last_sign_in_at = now() WHERE id = $1 RETURNING *', [user.id]);
  await ctx.admin.query('INSERT INTO auth.sessions (id, user_id) VALUES ($1, $2)', [sessionId, user.id]);
  return issueSession(ctx, signedIn.rows[0] ?? user, sessionId);
}

async function refreshGrant(ctx: AuthContext, body: Record<string, unknown>) {
  if (typeof body.refresh_token !== 'string' || body.refresh_token === '') {
    throw authError(400, 'validation_failed', 'A refresh_token is required');
  }
  // Each refresh token works once (GoTrue rotates them too).
  const { rows } = await ctx.admin.query<{ user_id: string; session_id: string }>(
    `UPDATE auth.refresh_tokens SET revoked = true WHERE token = $1 AND NOT revoked RETURNING user_id, session_id`,
    [hashRefreshToken(body.refresh_token)],
  );
  const spent = rows[0];
  if (!spent) throw authError(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
  const users = await ctx.admin.query<UserRow>('SELECT * FROM auth.users WHERE id = $1', [spent.user_id]);
  if (!users.rows[0]) throw authError(400, 'user_not_found', 'User not found');
  return issueSession(ctx, users.rows[0], spent.session_id);
}

/** A valid access token whose session still exists. */
async function sessionClaims(ctx: AuthContext, req: IncomingMessage): Promise<Claims> {
  const token = bearerToken(req);
  if (!token) throw authError(401, 'no_authorization', 'This endpoint requires a Bearer token');
  let claims: Claims;
  try {
    claims = await verifyToken(ctx.jwtSecret, token);
  } catch {
    throw authError(403, 'bad_jwt', 'invalid JWT: unable to parse or verify signature, token is expired or invalid');
  }
  if (claims.role !== 'authenticated' || !claims.sub) throw authError(403, 'bad_jwt', 'invalid JWT: not a user token');
  const { rowCount } = await ctx.admin.query('SELECT 1 FROM auth.sessions WHERE id = $1 AND user_id = $2', [
    claims.session_id ?? null, claims.sub,
  ]);
  if (!rowCount) throw authError(403, 'session_not_found', 'Session from session_id claim in JWT does not exist');
  return claims;
}

export async function handleAuth(ctx: AuthContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const route = `${req.method} ${url.pathname.replace(/\/+$/, '')}`;
  if (route === 'POST /auth/v1/token') {
    const parsed = await readJson(req);
    const body = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    const grant = url.searchParams.get('grant_type');
    if (grant === 'password') return sendJson(res, 200, await passwordGrant(ctx, body));
    if (grant === 'refresh_token') return sendJson(res, 200, await refreshGrant(ctx, body));
    throw authError(400, 'unsupported_grant_type', `Unsupported grant_type ${grant ?? '(none)'}`);
  }
  if (route === 'GET /auth/v1/user') {
    const claims = await sessionClaims(ctx, req);
    const { rows } = await ctx.admin.query<UserRow>('SELECT * FROM auth.users WHERE id = $1', [claims.sub]);
    if (!rows[0]) throw authError(404, 'user_not_found', 'User not found');
    return sendJson(res, 200, userJson(rows[0]));
  }
  if (route === 'POST /auth/v1/logout') {
    const claims = await sessionClaims(ctx, req);
    const scope = url.searchParams.get('scope') ?? 'global';
    if (scope === 'local') await ctx.admin.query('DELETE FROM auth.sessions WHERE id = $1', [claims.session_id]);
    else if (scope === 'others') {
      await ctx.admin.query('DELETE FROM auth.sessions WHERE user_id = $1 AND id <> $2', [claims.sub, claims.session_id]);
    } else await ctx.admin.query('DELETE FROM auth.sessions WHERE user_id = $1', [claims.sub]);
    res.writeHead(204).end();
    return;
  }
  throw authError(404, 'not_found', `${route} is not served by the hub gateway`);
}
