/**
 * Applies migrations/postgres/*.sql to a hub database, in order, each in its
 * own transaction, recording name and checksum in hub_meta.migration. The
 * list is static (STYLE §8): a new migration is added here and to the folder,
 * and a test checks the two agree. An applied file that has since changed is
 * refused, not re-run.
 *
 * @example
 *   const client = new pg.Client(adminUrl); await client.connect();
 *   const applied = await migrateHub(client); // ['0000_supabase_compat.sql', '0001_hub.sql', '0002_hub_merge_parity.sql']
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

export const HUB_MIGRATIONS = ['0000_supabase_compat.sql', '0001_hub.sql', '0002_hub_merge_parity.sql', '0003_change_bases.sql', '0004_patient_merge.sql', '0005_priority_pull.sql', '0006_consultations.sql', '0007_prescriptions_vaccinations.sql', '0008_results_documents_plans.sql', '0009_practice_diagnosis_codes.sql', '0010_push_roles.sql', '0011_signed_text_stands.sql', '0012_membership.sql'] as const;

export const HUB_MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/postgres/', import.meta.url));

/** Any id; keeps two runners (two `npm run hub`s) from migrating at once. */
const MIGRATION_LOCK = 7_314_001;

export async function migrateHub(client: pg.ClientBase, dir = HUB_MIGRATIONS_DIR): Promise<string[]> {
  const applied: string[] = [];
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query(`
      CREATE SCHEMA IF NOT EXISTS hub_meta;
      REVOKE ALL ON SCHEMA hub_meta FROM PUBLIC;
      CREATE TABLE IF NOT EXISTS hub_meta.migration (
        name text PRIMARY KEY,
        checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      );
      ALTER TABLE hub_meta.migration ENABLE ROW LEVEL SECURITY;`);
    const { rows } = await client.query<{ name: string; checksum: string }>('SELECT name, checksum FROM hub_meta.migration');
    const done = new Map(rows.map((r) => [r.name, r.checksum]));
    const unknown = [...done.keys()].filter((name) => !(HUB_MIGRATIONS as readonly string[]).includes(name));
    if (unknown.length > 0) {
      throw new Error(`The hub database has migrations this code does not know (${unknown.join(', ')}): it is newer than this app.`);
    }

    for (const name of HUB_MIGRATIONS) {
      const text = readFileSync(join(dir, name), 'utf8');
      const checksum = createHash('sha256').update(text).digest('hex');
      const previous = done.get(name);
      if (previous !== undefined) {
        if (previous !== checksum) throw new Error(`Hub migration ${name} was changed after it was applied; add a new migration instead.`);
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(text);
        await client.query('INSERT INTO hub_meta.migration (name, checksum) VALUES ($1, $2)', [name, checksum]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`Hub migration ${name} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(name);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
  return applied;
}
