import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreHost } from '../../electron/core/core-host';
import { startWebHost, type WebHost } from '../../electron/web-host/server';
import { tempDir } from '../helpers/temp-dir';

let core: CoreHost;
let host: WebHost;
const dir = tempDir();

beforeAll(async () => {
  core = await CoreHost.start({ dataDir: dir.path });
  host = await startWebHost({ call: (r) => core.call(r), staticDir: 'dist/renderer', port: 0 });
});
afterAll(async () => {
  await host.close();
  await core.stop();
  dir.remove();
});

function post(body: string, headers: Record<string, string> = {}): Promise<{ status: number; json: { ok: boolean; value?: unknown; error?: { kind: string } } }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path: '/api', method: 'POST', headers: { 'content-type': 'application/json', 'x-practice-desk': '1', ...headers } },
      (res) => {
        let data = '';
        res.on('data', (c) => (data += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(data) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('web host: the same API over HTTP on 127.0.0.1, core in a worker thread', () => {
  it('listens on loopback only', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('answers API calls from the worker-thread core', async () => {
    const res = await post(JSON.stringify({ op: 'setup.status' }));
    expect(res).toEqual({ status: 200, json: { ok: true, value: { needsSetup: true, practiceName: null } } });
  });

  it('maps typed errors to HTTP statuses, body still an ApiResult', async () => {
    expect((await post(JSON.stringify({ op: 'patients.search', input: { query: 'x' } }))).status).toBe(401);
    expect((await post(JSON.stringify({ op: 'no.such.thing' }))).json.error?.kind).toBe('unknown_operation');
    const invalid = await post(JSON.stringify({ op: 'setup.createPractice', input: {} }));
    expect(invalid.status).toBe(400);
    expect(invalid.json.error?.kind).toBe('validation');
  });

  it('refuses requests a web page on another site could forge', async () => {
    expect((await post(JSON.stringify({ op: 'setup.status' }), { 'x-practice-desk': '' })).status).toBe(403);
    expect((await post(JSON.stringify({ op: 'setup.status' }), { host: 'evil.example:80' })).status).toBe(421);
    expect((await post('{not json')).status).toBe(400);
    expect((await post('x'.repeat(1_100_000)).catch(() => ({ status: 400 }))).status).toBe(400);
  });
});
