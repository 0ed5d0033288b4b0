import { describe, expect, it } from 'vitest';
import { LocalDatabase } from '../../electron/db/database';
import { updateSynced } from '../../electron/db/synced-rows';
import { insertRows, openAtMigration } from '../helpers/old-database';
import { tempDbPaths } from '../helpers/temp-db';
import { outboxOf } from './devices';

const dbPath = tempDbPaths();

describe('migration 0008 (text versions and conflicts)', () => {
  it('upgrades a 0007 database: rows, outbox and inbox kept with no bases; edits made before it stay last-writer-wins', async () => {
    const path = dbPath();
    const old = await openAtMigration(path, '0007_queue_cards');
    const practiceId = '01900000-0000-7000-8000-000000000008';
    insertRows(old, [
      ['practice', { id: practiceId, practice_id: practiceId, name: 'Lenox Cat Hospital', kind: 'veterinary', allowed_species: '["Cat"]', currency: 'USD', tax_rate_bp: 800, time_zone: 'America/New_York' }],
      ['account', { id: 'a8', practice_id: practiceId, first_name: 'Jane', last_name: 'Smith', phone_primary: '082 555 1234' }],
      ['patient', { id: 'p8', practice_id: practiceId, account_id: 'a8', kind: 'animal', first_name: 'Milo', species: 'Cat' }],
      ['medical_history', { id: 'h8', practice_id: practiceId, patient_id: 'p8', condition: 'FIV', status: 'chronic', notes: 'Diagnosed 2024' }],
    ]);
    // An edit from before bases existed, here and (relayed) from another desk.
    old.transaction(null, () => old.sqlite.prepare("UPDATE medical_history SET notes = 'Diagnosed 2024; stable' WHERE id = 'h8'").run());
    const outboxBefore = old.sqlite.prepare('SELECT * FROM sync_log ORDER BY seq').all() as Record<string, unknown>[];
    const otherDesk = '01900000-0000-7000-8000-0000000000ff';
    const [edit] = outboxOf(old).slice(-1);
    // A later edit from another desk, received as 0007's engine stored it (and wrote the row).
    // 5 ms after the local edit (setting a digit to 9 left it unchanged one run in ten, and then older by node id).
    const remote = { hlc: `${new Date(Date.parse(edit!.hlc.slice(0, 24)) + 5).toISOString()}-0000-${otherDesk}` };
    old.sqlite
      .prepare(`INSERT INTO sync_inbox (device_id, device_seq, table_name, row_id, practice_id, op, changes, hlc, actor, received_at)
                VALUES (?, 1, 'medical_history', 'h8', ?, 'update', ?, ?, NULL, 'now')`)
      .run(otherDesk, practiceId, JSON.stringify({ notes: 'Diagnosed 2024 (other desk)' }), remote.hlc);
    old.withoutCapture(() => old.sqlite.prepare("UPDATE medical_history SET notes = 'Diagnosed 2024 (other desk)' WHERE id = 'h8'").run());
    const inboxBefore = old.sqlite.prepare('SELECT * FROM sync_inbox').all() as Record<string, unknown>[];
    old.close();

    const upgraded = await LocalDatabase.open(path);
    const sqlite = upgraded.sqlite;
    expect(sqlite.prepare('SELECT * FROM sync_log ORDER BY seq').all()).toEqual(outboxBefore.map((r) => ({ ...r, bases: null })));
    expect(sqlite.prepare('SELECT * FROM sync_inbox').all()).toEqual(inboxBefore.map((r) => ({ ...r, bases: null })));
    expect(sqlite.prepare("SELECT notes FROM medical_history WHERE id = 'h8'").pluck().get()).toBe('Diagnosed 2024 (other desk)');
    // Local-only and empty: nothing captured, and old changes (no bases recorded) raise nothing.
    expect(sqlite.prepare('SELECT count(*) FROM sync_conflict').pluck().get()).toBe(0);
    expect(sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'sync_conflict'").pluck().get()).toBe(0);

    // A new edit records the version it was made on: the one shown.
    upgraded.transaction(null, () => updateSynced(upgraded, 'medical_history', 'h8', { notes: 'Stable on treatment' }));
    const last = sqlite.prepare('SELECT changes, bases FROM sync_log ORDER BY seq DESC LIMIT 1').get() as { changes: string; bases: string };
    expect(JSON.parse(last.changes)).toMatchObject({ notes: 'Stable on treatment' });
    expect(JSON.parse(last.bases)).toEqual({ notes: [remote.hlc] });
    expect(sqlite.prepare('SELECT count(*) FROM sync_conflict').pluck().get()).toBe(0);
    upgraded.close();
  });
});
