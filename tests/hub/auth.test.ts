/**
 * The hub gateway's auth, through the real supabase-js client: password
 * sign-in, refresh, user, sign-out; rpc refused (401, nothing written) without
 * a valid user token; only whitelisted functions; the apikey header; CORS.
 */
import { decodeJwt, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { change, TEST_PASSWORD, useHub } from '../helpers/hub';

const hub = useHub();

async function changeCount(): Promise<number> {
  const { rows } = await hub().admin.query<{ n: string }>('SELECT count(*) AS n FROM hub.change');
  return Number(rows[0]!.n);
}

function clientWithToken(token: string) {
  return createClient(hub().url, hub().anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
    global: { headers: { Authorization: `Bearer ${token}` } },
  });
}

async function sign(secret: string, claims: Record<string, unknown>, exp: number) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(exp - 3600)
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(secret));
}

describe('password sign-in', () => {
  it('returns a Supabase-shaped session for the right password', async () => {
    const practice = await hub().practice();
    const userId = await hub().addUser('Ana@Clinic.test', TEST_PASSWORD);
    await hub().addMember(practice, userId, 'doctor');
    const client = hub().client();
    const { data, error } = await client.auth.signInWithPassword({ email: 'ana@clinic.test', password: TEST_PASSWORD });
    expect(error).toBeNull();
    expect(data.user?.id).toBe(userId);
    expect(data.user?.email).toBe('ana@clinic.test');
    expect(data.session?.token_type).toBe('bearer');
    expect(data.session?.refresh_token).toBeTruthy();
    const claims = decodeJwt(data.session!.access_token);
    expect(claims).toMatchObject({ sub: userId, role: 'authenticated', aud: 'authenticated', email: 'ana@clinic.test' });
    expect(claims.exp! * 1000).toBeGreaterThan(Date.now());

    const { data: me } = await client.auth.getUser();
    expect(me.user?.id).toBe(userId);

    // The session works for rpc.
    const { error: pullError, status } = await client.rpc('sync_pull', { since: 0, page_size: 10 });
    expect(pullError).toBeNull();
    expect(status).toBe(200);
  });

  it('fails for a wrong password or an unknown e-mail, with the same message', async () => {
    await hub().addUser('ben@clinic.test', TEST_PASSWORD);
    const wrong = await hub().client().auth.signInWithPassword({ email: 'ben@clinic.test', password: 'not the password' });
    expect(wrong.data.session).toBeNull();
    expect(wrong.error?.status).toBe(400);
    expect(wrong.error?.message).toBe('Invalid login credentials');
    const unknown = await hub().client().auth.signInWithPassword({ email: 'nobody@clinic.test', password: TEST_PASSWORD });
    expect(unknown.error?.message).toBe('Invalid login credentials');
  });

  it('refreshes a session once per refresh token, and signs out', async () => {
    await hub().addUser('cara@clinic.test', TEST_PASSWORD);
    const client = hub().client();
    const { data } = await client.auth.signInWithPassword({ email: 'cara@clinic.test', password: TEST_PASSWORD });
    const first = data.session!;
    const refreshed = await client.auth.refreshSession();
    expect(refreshed.error).toBeNull();
    expect(refreshed.data.session?.refresh_token).not.toBe(first.refresh_token);

    const reuse = await hub().client().auth.refreshSession({ refresh_token: first.refresh_token });
    expect(reuse.error?.message).toMatch(/Invalid Refresh Token/);

    expect((await client.auth.signOut()).error).toBeNull();
    const after = await clientWithToken(refreshed.data.session!.access_token).auth.getUser(refreshed.data.session!.access_token);
    expect(after.error).not.toBeNull();
    const spent = await hub().client().auth.refreshSession({ refresh_token: refreshed.data.session!.refresh_token });
    expect(spent.error).not.toBeNull();
  });
});

describe('rpc without a valid user token', () => {
  it('is refused with 401 and writes nothing', async () => {
    const practice = await hub().practice();
    const userId = await hub().addUser('dan@clinic.test', TEST_PASSWORD);
    await hub().addMember(practice, userId, 'admin');
    const batch = [change(practice)];
    const before = await changeCount();
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: userId, role: 'authenticated', aud: 'authenticated', email: 'dan@clinic.test' };

    const cases = {
      'no session (anon key only)': hub().client(),
      'forged token (other secret)': clientWithToken(await sign('not-the-hub-secret-not-the-hub-secret', claims, now + 3600)),
      'expired token': clientWithToken(await sign(hub().jwtSecret, claims, now - 60)),
      'garbage token': clientWithToken('not.a.jwt'),
      'service_role token': clientWithToken(await sign(hub().jwtSecret, { ...claims, role: 'service_role' }, now + 3600)),
    };
    for (const [name, client] of Object.entries(cases)) {
      const { error, status } = await client.rpc('sync_push', { batch });
      expect(status, name).toBe(401);
      expect(error?.message, name).toBeTruthy();
      expect(typeof error?.code, name).toBe('string');
    }
    const expired = await cases['expired token'].rpc('sync_pull', { since: 0, page_size: 10 });
    expect(expired.error?.message).toBe('JWT expired');
    expect(await changeCount()).toBe(before);
  });

  it('needs the apikey header, as Supabase does', async () => {
    const noKey = await fetch(`${hub().url}/rest/v1/rpc/sync_pull`, { method: 'POST', body: '{}' });
    expect(noKey.status).toBe(401);
    expect(((await noKey.json()) as { message: string }).message).toMatch(/No API key/);
    const badKey = await fetch(`${hub().url}/auth/v1/token?grant_type=password`, {
      method: 'POST', headers: { apikey: 'nope', 'content-type': 'application/json' }, body: '{}',
    });
    expect(badKey.status).toBe(401);
  });
});

describe('what the gateway serves', () => {
  it('calls only whitelisted functions and exposes no tables', async () => {
    const practice = await hub().practice();
    const { client } = await hub().member('erin@clinic.test', practice);
    const other = await client.rpc('create_practice', { p_id: practice, p_name: 'x' });
    expect(other.status).toBe(404);
    expect(other.error?.code).toBe('PGRST202');
    const table = await client.from('change').select('*');
    expect(table.status).toBe(404);
    expect(table.data).toBeNull();
  });

  it('answers CORS preflights for the app origin only', async () => {
    const allowed = await fetch(`${hub().url}/rest/v1/rpc/sync_pull`, {
      method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/apikey/);
    const other = await fetch(`${hub().url}/rest/v1/rpc/sync_pull`, {
      method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
