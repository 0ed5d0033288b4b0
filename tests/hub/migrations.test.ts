/**
 * The hub's migration runner and the compatibility migration's guards.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HUB_MIGRATIONS, HUB_MIGRATIONS_DIR, migrateHub } from '../../sync/hub/migrate';
import { useHub } from '../helpers/hub';

const hub = useHub();

describe('hub migrations', () => {
  it('are registered statically, in order, one per file', () => {
    const files = readdirSync(HUB_MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort();
    expect([...HUB_MIGRATIONS]).toEqual(files);
    expect(files.every((f, i) => f.startsWith(String(i).padStart(4, '0') + '_'))).toBe(true);
  });

  it('apply once: a second run applies nothing', async () => {
    expect(hub().applied).toEqual([...HUB_MIGRATIONS]);
    const db = await hub().connect();
    try {
      expect(await migrateHub(db)).toEqual([]);
      const { rows } = await db.query<{ name: string }>('SELECT name FROM hub_meta.migration ORDER BY name');
      expect(rows.map((r) => r.name)).toEqual([...HUB_MIGRATIONS]);
    } finally {
      await db.end();
    }
  });

  it('0000 is a no-op where roles, auth schema and functions already exist (as on Supabase)', async () => {
    const db = await hub().connect();
    try {
      const before = await db.query("SELECT pg_get_functiondef('auth.uid()'::regprocedure) AS def");
      await db.query(readFileSync(join(HUB_MIGRATIONS_DIR, '0000_supabase_compat.sql'), 'utf8'));
      const after = await db.query("SELECT pg_get_functiondef('auth.uid()'::regprocedure) AS def");
      expect(after.rows).toEqual(before.rows);

      // auth.uid() / auth.jwt() read request.jwt.claims as Supabase's do.
      await db.query('BEGIN');
      await db.query("SELECT set_config('request.jwt.claims', $1, true)", [
        JSON.stringify({ sub: '0190f0a0-0000-7000-8000-00000000000a', role: 'authenticated' }),
      ]);
      const { rows } = await db.query('SELECT auth.uid() AS uid, auth.jwt() ->> $1 AS role, auth.role() AS r', ['role']);
      expect(rows[0]).toEqual({ uid: '0190f0a0-0000-7000-8000-00000000000a', role: 'authenticated', r: 'authenticated' });
      await db.query('ROLLBACK');
    } finally {
      await db.end();
    }
  });

  it('refuses a migration file changed after it was applied', async () => {
    const db = await hub().connect();
    try {
      await db.query('BEGIN');
      await db.query("UPDATE hub_meta.migration SET checksum = 'edited' WHERE name = '0001_hub.sql'");
      await expect(migrateHub(db)).rejects.toThrow(/0001_hub.sql was changed after it was applied/);
    } finally {
      await db.query('ROLLBACK').catch(() => undefined);
      await db.end();
    }
  });
});
