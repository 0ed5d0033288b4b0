/**
 * The hub's HTTP gateway: the Supabase endpoints the app uses, so the same
 * supabase-js code runs against `npm run hub`, the tests and a real Supabase
 * project (ARCHITECTURE §5). 127.0.0.1 only. Every request must carry the
 * `apikey` header (the anon key), as on Supabase. CORS for the app's origins.
 *
 * @example
 *   const gateway = await startGateway({ admin, rest, jwtSecret, anonKey });
 *   createClient(gateway.url, anonKey, { realtime: { transport: WebSocket } });
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type pg from 'pg';
import { ACCESS_TOKEN_LIFETIME } from './auth';
import { handleAuth } from './auth-routes';
import { HttpError, sendJson } from './http-util';
import { handleRpc } from './rpc-routes';

export interface GatewayOptions {
  /** Superuser pool: the auth tables only. */
  admin: pg.Pool;
  /** `authenticator` pool: every rpc runs here, as anon or authenticated. */
  rest: pg.Pool;
  jwtSecret: string;
  anonKey: string;
  /** 0 or absent: a free port. */
  port?: number;
  /** Origins allowed by CORS (the renderer in `vite dev`, the web host). */
  corsOrigins?: readonly string[];
  accessTokenLifetime?: number;
}

export interface RunningGateway {
  url: string;
  close(): Promise<void>;
}

export const DEFAULT_CORS_ORIGINS = ['http://127.0.0.1:5173', 'http://localhost:5173', 'http://127.0.0.1:5180', 'http://localhost:5180'];

const ALLOWED_HEADERS = 'authorization, apikey, content-type, accept, accept-profile, content-profile, prefer, x-client-info, x-supabase-api-version';

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function checkApiKey(req: IncomingMessage, url: URL, anonKey: string): void {
  const header = req.headers.apikey;
  const key = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('apikey') ?? undefined;
  if (!key) {
    throw new HttpError(401, { message: 'No API key found in request', hint: 'No `apikey` request header or url param was found.' });
  }
  if (!sameSecret(key, anonKey)) {
    throw new HttpError(401, { message: 'Invalid API key', hint: 'Double check your Supabase `anon` or `service_role` API key.' });
  }
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const origins = new Set(options.corsOrigins ?? DEFAULT_CORS_ORIGINS);
  let issuer = '';
  const auth = () => ({
    admin: options.admin, jwtSecret: options.jwtSecret, issuer,
    accessTokenLifetime: options.accessTokenLifetime ?? ACCESS_TOKEN_LIFETIME,
  });
  const rpc = { rest: options.rest, jwtSecret: options.jwtSecret };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const origin = req.headers.origin;
    if (origin && origins.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Expose-Headers', 'content-range, x-supabase-api-version');
    }
    if (req.method === 'OPTIONS') {
      if (!origin || !origins.has(origin)) return sendJson(res, 403, { message: 'Origin not allowed' });
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': ALLOWED_HEADERS,
        'Access-Control-Max-Age': '600',
      });
      res.end();
      return;
    }
    if (url.pathname === '/health') return sendJson(res, 200, { ok: true });
    if (url.pathname.startsWith('/auth/v1/')) {
      checkApiKey(req, url, options.anonKey);
      return handleAuth(auth(), req, res, url);
    }
    const rpcMatch = /^\/rest\/v1\/rpc\/([A-Za-z0-9_]+)\/?$/.exec(url.pathname);
    if (rpcMatch) {
      checkApiKey(req, url, options.anonKey);
      return handleRpc(rpc, req, res, rpcMatch[1]!);
    }
    if (url.pathname.startsWith('/rest/v1/')) {
      checkApiKey(req, url, options.anonKey);
      throw new HttpError(404, {
        code: 'PGRST205', message: `${url.pathname} is not served: the hub exposes no tables, only rpc`, details: null, hint: null,
      });
    }
    throw new HttpError(404, { message: `${url.pathname} not found` });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return res.destroy();
      if (error instanceof HttpError) return sendJson(res, error.status, error.body);
      console.error('[hub gateway]', error);
      sendJson(res, 500, { code: 'HUB500', message: 'Internal error in the hub gateway', details: null, hint: null });
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  issuer = `${url}/auth/v1`;
  return {
    url,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}
