/**
 * The hub gateway's side of Supabase auth: password verifiers (scrypt), the
 * JWTs Supabase issues (HS256, claims as GoTrue sets them), the anon key, and
 * the minimal auth.users / auth.sessions / auth.refresh_tokens tables that
 * 0000_supabase_compat.sql creates on plain Postgres. On a real Supabase
 * project GoTrue does all of this; nothing here runs there.
 *
 * @example
 *   const userId = await createUser(admin, 'ana@clinic.test', 'correct horse');
 *   const token = await signAccessToken(secret, { sub: userId, email: 'ana@clinic.test', sessionId, issuer });
 */
import { createHash, randomBytes, randomUUID, scrypt, timingSafeEqual } from 'node:crypto';
import { jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type pg from 'pg';

const SCRYPT = { N: 16_384, r: 8, p: 1, keyLength: 32 };

function scryptAsync(password: string, salt: Buffer, N: number, r: number, p: number, keyLength: number): Promise<Buffer> {
  return new Promise((resolveKey, reject) =>
    scrypt(password.normalize('NFKC'), salt, keyLength, { N, r, p, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolveKey(key),
    ),
  );
}

/** `scrypt$N$r$p$<salt>$<hash>` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keyLength);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, verifier: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = verifier.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p), expected.length);
  return timingSafeEqual(key, expected);
}

/** Spent on unknown e-mail addresses too, so timing does not tell which exist. */
let dummyVerifier: Promise<string> | undefined;
export function dummyPasswordCheck(password: string): Promise<boolean> {
  dummyVerifier ??= hashPassword(randomUUID());
  return dummyVerifier.then((verifier) => verifyPassword(password, verifier));
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Create (or reset the password of) a hub user. Returns the user's id. */
export async function createUser(admin: pg.Pool | pg.ClientBase, email: string, password: string): Promise<string> {
  if (password.length < 8) throw new Error('Passwords must have at least 8 characters.');
  const verifier = await hashPassword(password);
  const { rows } = await admin.query<{ id: string }>(
    `INSERT INTO auth.users (id, email, encrypted_password) VALUES ($1, $2, $3)
     ON CONFLICT (email) DO UPDATE SET encrypted_password = excluded.encrypted_password, updated_at = now()
     RETURNING id`,
    [randomUUID(), normaliseEmail(email), verifier],
  );
  return rows[0]!.id;
}

export function newJwtSecret(): string {
  return randomBytes(48).toString('base64url');
}

const key = (secret: string) => new TextEncoder().encode(secret);

/** Supabase-style anon key: a long-lived JWT with role anon. */
export function signAnonKey(secret: string): Promise<string> {
  return new SignJWT({ role: 'anon' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer('supabase')
    .setIssuedAt()
    .setExpirationTime('10y')
    .sign(key(secret));
}

export interface AccessTokenInput {
  sub: string;
  email: string;
  sessionId: string;
  issuer: string;
  /** Seconds; GoTrue's default is an hour. */
  lifetime?: number;
  /** Tests: issue a token that expired this many seconds ago. */
  now?: number;
}

export const ACCESS_TOKEN_LIFETIME = 3600;

export async function signAccessToken(secret: string, input: AccessTokenInput): Promise<{ token: string; expiresAt: number }> {
  const issuedAt = input.now ?? Math.floor(Date.now() / 1000);
  const expiresAt = issuedAt + (input.lifetime ?? ACCESS_TOKEN_LIFETIME);
  const token = await new SignJWT({
    email: input.email,
    phone: '',
    role: 'authenticated',
    aal: 'aal1',
    amr: [{ method: 'password', timestamp: issuedAt }],
    session_id: input.sessionId,
    is_anonymous: false,
    app_metadata: { provider: 'email', providers: ['email'] },
    user_metadata: {},
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(input.sub)
    .setAudience('authenticated')
    .setIssuer(input.issuer)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(key(secret));
  return { token, expiresAt };
}

export interface Claims extends JWTPayload {
  role?: string;
  email?: string;
  session_id?: string;
}

/** Verifies signature (HS256 only) and expiry; throws on anything else. */
export async function verifyToken(secret: string, token: string): Promise<Claims> {
  const { payload } = await jwtVerify(token, key(secret), { algorithms: ['HS256'], requiredClaims: ['exp', 'role'] });
  return payload as Claims;
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}
