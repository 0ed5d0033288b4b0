/** Brings a device database to the latest schema with Kysely's Migrator. */
import { Migrator, sql, type Kysely } from 'kysely';
import { sqliteMigrations } from '../../migrations/sqlite';

export class SchemaTooNewError extends Error {
  constructor(unknown: string[]) {
    super(
      `This database was written by a newer version of Practice Desk (migrations ${unknown.join(', ')}). ` +
        'Install the newer version; this one will not open it, so nothing is damaged.',
    );
    this.name = 'SchemaTooNewError';
  }
}

function migrator(db: Kysely<unknown>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => sqliteMigrations } });
}

async function refuseNewerSchema(db: Kysely<unknown>): Promise<void> {
  const exists = await sql<{ n: number }>`
    SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'`.execute(db);
  if (!exists.rows[0]?.n) return;
  const done = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db);
  const unknown = done.rows.map((r) => r.name).filter((name) => !(name in sqliteMigrations));
  if (unknown.length > 0) throw new SchemaTooNewError(unknown);
}

/** Run every pending migration (each in its own transaction). */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  await refuseNewerSchema(db);
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** For tests of a migration: stop at a named one. */
export async function migrateTo(db: Kysely<unknown>, name: string): Promise<void> {
  const { error } = await migrator(db).migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
