/**
 * The web host: the same API and renderer over HTTP on 127.0.0.1, for
 * browser development, headless tests and machines where Electron cannot
 * run. Loopback only; requests must carry the `X-Practice-Desk` header
 * (a cross-site page cannot add it without a preflight we never grant) and
 * name this host in `Host` (against DNS rebinding).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import type { ApiErrorKind, ApiResult } from '../../shared/api/result';

export interface WebHostOptions {
  call: (request: unknown) => Promise<ApiResult<unknown>>;
  /** Built renderer (vite build output). */
  staticDir: string;
  port?: number;
}

export interface WebHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

// A document attached through the API comes as base64 in the body: 25 MB of file is ~33.4 MB of JSON.
const MAX_BODY_BYTES = 36_000_000;
const STATUS: Record<ApiErrorKind, number> = {
  validation: 400,
  unknown_operation: 404,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  duplicate_warning: 409,
  internal: 500,
};
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};
const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy':
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'",
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function handleApi(req: IncomingMessage, res: ServerResponse, call: WebHostOptions['call']): Promise<void> {
  if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { kind: 'unknown_operation', message: 'POST only' } });
  if (req.headers['x-practice-desk'] !== '1') {
    return sendJson(res, 403, { ok: false, error: { kind: 'forbidden', message: 'Missing X-Practice-Desk header' } });
  }
  let body: { op?: unknown; input?: unknown };
  try {
    body = JSON.parse(await readBody(req)) as typeof body;
  } catch {
    return sendJson(res, 400, { ok: false, error: { kind: 'validation', message: 'The request body is not valid JSON (or over 1 MB)' } });
  }
  const auth = req.headers.authorization;
  const token = auth?.startsWith('Bearer ') ? auth.slice(7) : null;
  const result = await call({ op: body?.op, input: body?.input, token });
  sendJson(res, result.ok ? 200 : STATUS[result.error.kind], result);
}

function serveStatic(req: IncomingMessage, res: ServerResponse, root: string): void {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  let file = normalize(join(root, path));
  if (!file.startsWith(root)) return sendJson(res, 404, { error: 'not found' });
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(503, { 'Content-Type': 'text/plain' });
    res.end('The renderer is not built. Run: npm run build');
    return;
  }
  const immutable = file.includes(`${root}/assets/`);
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  createReadStream(file).pipe(res);
}

export function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const root = resolve(options.staticDir);
  let allowedHosts: Set<string> = new Set();
  const server: Server = createServer((req, res) => {
    if (!allowedHosts.has(req.headers.host ?? '')) return sendJson(res, 421, { error: 'Unknown host' });
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/api') {
      handleApi(req, res, options.call).catch(() => sendJson(res, 500, { ok: false, error: { kind: 'internal', message: 'Internal error' } }));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'GET only' });
    serveStatic(req, res, root);
  });
  return new Promise((resolveHost, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
      resolveHost({
        url: `http://127.0.0.1:${port}/`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
