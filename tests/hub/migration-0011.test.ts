/**
 * Hub migration 0011 on a hub database at 0010 (a second database in the
 * test cluster, migrated file by file): a consultation signed on one device
 * while another edited it, whose row showed the late edit (the later clock),
 * shows the signed text after the upgrade; other rows are left as they were.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createUser } from '../../sync/hub/auth';
import { HUB_MIGRATIONS, HUB_MIGRATIONS_DIR } from '../../sync/hub/migrate';
import { change, useHub } from '../helpers/hub';

const hub = useHub();

const hlc = (s: number, device: string) => `${new Date(Date.parse('2026-12-01T09:00:00Z') + s * 1000).toISOString()}-0000-${device}`;

async function applyFile(db: pg.Client, name: string): Promise<void> {
  await db.query('BEGIN');
  await db.query(readFileSync(join(HUB_MIGRATIONS_DIR, name), 'utf8'));
  await db.query('COMMIT');
}

describe('hub migration 0011 (a signed note shows the text signed)', () => {
  it('upgrades a 0010 hub: the signed-versus-edit race shows the signed text, other rows unchanged', async () => {
    const admin = await hub().connect();
    const name = `upgrade_${randomUUID().slice(0, 8)}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(hub().adminUrl);
    url.pathname = `/${name}`;
    const db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    try {
      const before = HUB_MIGRATIONS.slice(0, HUB_MIGRATIONS.indexOf('0011_signed_text_stands.sql'));
      expect(before.at(-1)).toBe('0010_push_roles.sql');
      for (const file of before) await applyFile(db, file);

      const practiceId = randomUUID();
      const userId = await createUser(db, 'ana@upgrade.test', 'correct horse battery');
      await db.query('SELECT hub.create_practice($1, $2)', [practiceId, 'Upgrade Vets']);
      await db.query('SELECT hub.add_member($1, $2, $3)', [practiceId, userId, 'admin']);
      const consultation = randomUUID();
      const draftNote = { table_name: 'consultation', row_id: consultation };
      const insertAt = hlc(0, 'laptop');
      const entries = [
        change(practiceId, { ...draftNote, op: 'insert', changes: { id: consultation, status: 'draft', plan: 'Rest' }, hlc: insertAt, device_id: 'laptop', device_seq: 1 }),
        { ...change(practiceId, { ...draftNote, op: 'update', changes: { status: 'signed', plan: 'Rest' }, hlc: hlc(10, 'laptop'), device_id: 'laptop', device_seq: 2 }), bases: { plan: [insertAt] } },
        { ...change(practiceId, { ...draftNote, op: 'update', changes: { plan: 'Antibiotics' }, hlc: hlc(11, 'desk'), device_id: 'desk', device_seq: 1 }), bases: { plan: [insertAt] } },
        change(practiceId, { table_name: 'room', op: 'insert', changes: { name: 'Room 1' }, hlc: hlc(12, 'desk'), device_id: 'desk', device_seq: 2 }),
      ];
      const push = async (batch: unknown[]) => {
        await db.query('BEGIN');
        await db.query("SELECT set_config('request.jwt.claims', $1, true)", [JSON.stringify({ sub: userId, role: 'authenticated' })]);
        await db.query('SELECT public.sync_push($1::jsonb)', [JSON.stringify(batch)]);
        await db.query('COMMIT');
      };
      await push(entries.filter((e) => e.device_id === 'laptop'));
      await push(entries.filter((e) => e.device_id === 'desk'));
      const state = async () =>
        (await db.query<{ table_name: string; data: Record<string, unknown> }>('SELECT table_name, data FROM hub.row_state ORDER BY table_name')).rows;
      const at0010 = await state();
      expect(at0010.find((r) => r.table_name === 'consultation')?.data).toMatchObject({ status: 'signed', plan: 'Antibiotics' });

      await applyFile(db, '0011_signed_text_stands.sql');
      const after = await state();
      expect(after.find((r) => r.table_name === 'consultation')?.data).toMatchObject({ status: 'signed', plan: 'Rest' });
      expect(after.find((r) => r.table_name === 'room')).toEqual(at0010.find((r) => r.table_name === 'room'));
      // The late edit is still in the stream, for the conflict on every device.
      const { rows } = await db.query("SELECT count(*)::int AS n FROM hub.change WHERE changes ->> 'plan' = 'Antibiotics'");
      expect(rows[0]).toEqual({ n: 1 });
    } finally {
      await db.end();
      await admin.query(`DROP DATABASE ${name}`);
      await admin.end();
    }
  }, 120_000);
});
