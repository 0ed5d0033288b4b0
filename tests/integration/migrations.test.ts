import BetterSqlite3 from 'better-sqlite3';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LocalDatabase } from '../../electron/db/database';
import { SchemaTooNewError } from '../../electron/db/migrate';
import { insertRows, openAtMigration } from '../helpers/old-database';
import { searchPatients } from '../../electron/db/patient-search';
import { LATEST_SQLITE_MIGRATION, sqliteMigrations } from '../../migrations/sqlite';
import { tempDbPaths } from '../helpers/temp-db';

const dbPath = tempDbPaths();

describe('device schema migrations', () => {
  it('are numbered 0001, 0002, … with no gaps, and every file is registered', () => {
    const names = Object.keys(sqliteMigrations);
    names.forEach((name, i) => expect(name.slice(0, 4)).toBe(String(i + 1).padStart(4, '0')));
    const files = readdirSync('migrations/sqlite').filter((f) => /^\d{4}_.*\.ts$/.test(f)).map((f) => f.replace(/\.ts$/, ''));
    expect(files.sort()).toEqual(names);
  });

  it('build the whole schema from an empty database, WAL and foreign keys on', async () => {
    const db = await LocalDatabase.open(dbPath());
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    const done = db.sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').pluck().all();
    expect(done.at(-1)).toBe(LATEST_SQLITE_MIGRATION);
    expect(db.deviceId).toMatch(/^[0-9a-f-]{36}$/);
    db.close();
  });

  it('upgrade a database made by the previous migration set without losing rows', async () => {
    const path = dbPath();
    const old = await openAtMigration(path, '0001_foundation');
    const practiceId = '01900000-0000-7000-8000-000000000001';
    insertRows(old, [
      ['practice', { id: practiceId, practice_id: practiceId, name: 'Old Practice', kind: 'veterinary', allowed_species: '["Cat"]', currency: 'USD', tax_rate_bp: 0, time_zone: 'UTC' }],
      ['account', { id: 'a1', practice_id: practiceId, first_name: 'Olga', last_name: 'Petrova', phone_primary: '011 222 3333' }],
      ['patient', { id: 'p1', practice_id: practiceId, account_id: 'a1', kind: 'animal', first_name: 'Whiskers', species: 'Cat', microchip_number: '985000000000123' }],
    ]);
    const outboxBefore = old.sqlite.prepare('SELECT count(*) FROM sync_log').pluck().get();
    old.close();

    const upgraded = await LocalDatabase.open(path);
    const patient = upgraded.sqlite.prepare("SELECT first_name, microchip_number FROM patient WHERE id = 'p1'").get();
    expect(patient).toEqual({ first_name: 'Whiskers', microchip_number: '985000000000123' });
    expect(upgraded.sqlite.prepare('SELECT count(*) FROM sync_log').pluck().get()).toBe(outboxBefore);
    // 0002 backfilled the search index for the rows 0001 held.
    expect(searchPatients(upgraded, practiceId, 'hisk', 10, true).map((h) => h.patientId)).toEqual(['p1']);
    expect(searchPatients(upgraded, practiceId, '2223', 10, true).map((h) => h.patientId)).toEqual(['p1']);
    upgraded.close();
  });

  it('upgrade 0002 to 0003 (reception): rows kept, new practice columns defaulted and captured', async () => {
    const path = dbPath();
    const old = await openAtMigration(path, '0002_patient_search');
    const practiceId = '01900000-0000-7000-8000-000000000002';
    insertRows(old, [
      ['practice', { id: practiceId, practice_id: practiceId, name: 'Rosebank Family Practice', kind: 'medical', allowed_species: '[]', currency: 'ZAR', tax_rate_bp: 1500, time_zone: 'Africa/Johannesburg' }],
      ['account', { id: 'a2', practice_id: practiceId, first_name: 'Thandi', last_name: 'Nkosi', phone_primary: '011 555 0001' }],
      ['patient', { id: 'p2', practice_id: practiceId, account_id: 'a2', kind: 'human', first_name: 'Thandi', last_name: 'Nkosi' }],
    ]);
    const outboxBefore = old.sqlite.prepare('SELECT count(*) FROM sync_log').pluck().get() as number;
    old.close();

    const upgraded = await LocalDatabase.open(path);
    const sqlite = upgraded.sqlite;
    expect(sqlite.prepare("SELECT first_name, last_name FROM patient WHERE id = 'p2'").get()).toEqual({ first_name: 'Thandi', last_name: 'Nkosi' });
    expect(sqlite.prepare('SELECT waiting_alert_minutes FROM practice WHERE id = ?').pluck().get(practiceId)).toBe(20);
    expect(sqlite.prepare('SELECT queue_series FROM device').pluck().get()).toBeNull();
    expect(sqlite.prepare('SELECT count(*) FROM sync_log').pluck().get()).toBe(outboxBefore);
    for (const table of ['service_type', 'room', 'appointment', 'visit', 'charge', 'payment']) {
      expect(sqlite.prepare('SELECT count(*) FROM sqlite_master WHERE type = ? AND name = ?').pluck().get('table', table)).toBe(1);
    }
    // The rebuilt capture triggers carry the column 0003 added to practice.
    upgraded.transaction(null, () => {
      sqlite.prepare('UPDATE practice SET waiting_alert_minutes = 35 WHERE id = ?').run(practiceId);
    });
    const change = sqlite.prepare("SELECT changes FROM sync_log WHERE table_name = 'practice' ORDER BY seq DESC LIMIT 1").pluck().get() as string;
    expect(JSON.parse(change)).toMatchObject({ waiting_alert_minutes: 35 });
    upgraded.close();
  });

  it('upgrade 0004 to 0005: the queue board reads through its covering indexes, rows kept', async () => {
    const path = dbPath();
    const old = await openAtMigration(path, '0004_sync_engine');
    const practiceId = '01900000-0000-7000-8000-000000000005';
    insertRows(old, [
      ['practice', { id: practiceId, practice_id: practiceId, name: 'Lenox Cat Hospital', kind: 'veterinary', allowed_species: '["Cat"]', currency: 'USD', tax_rate_bp: 0, time_zone: 'America/New_York' }],
      ['account', { id: 'a5', practice_id: practiceId, first_name: 'Maria', last_name: 'Gonzalez', phone_primary: '617 555 0142' }],
      ['patient', { id: 'p5', practice_id: practiceId, account_id: 'a5', kind: 'animal', first_name: 'Whiskers', species: 'Cat' }],
    ]);
    old.close();

    const upgraded = await openAtMigration(path, '0005_queue_board_indexes');
    const indexes = upgraded.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").pluck().all() as string[];
    expect(indexes).toEqual(expect.arrayContaining(['visit_board', 'charge_visit_amount', 'payment_visit_amount', 'patient_board_names', 'account_board_names', 'appointment_board_start']));
    expect(indexes).not.toEqual(expect.arrayContaining(['visit_day']));
    expect(upgraded.sqlite.prepare("SELECT first_name FROM patient WHERE id = 'p5'").pluck().get()).toBe('Whiskers');
    const plan = (upgraded.sqlite.prepare(`EXPLAIN QUERY PLAN SELECT p.first_name FROM visit v INDEXED BY visit_board
      JOIN patient p INDEXED BY patient_board_names ON p.id = v.patient_id WHERE v.practice_id = ? AND v.clinic_day = ? AND v.deleted_at IS NULL`)
      .all(practiceId, '2026-11-25') as { detail: string }[]).map((r) => r.detail);
    expect(plan).toEqual([expect.stringContaining('COVERING INDEX visit_board'), expect.stringContaining('COVERING INDEX patient_board_names')]);
    upgraded.close();
  });

  it('upgrade 0005 to 0006: updates are stamped after the row\'s newest version, rows and outbox kept', async () => {
    const path = dbPath();
    const old = await openAtMigration(path, '0005_queue_board_indexes');
    const practiceId = '01900000-0000-7000-8000-000000000006';
    insertRows(old, [
      ['practice', { id: practiceId, practice_id: practiceId, name: 'Rosebank Family Practice', kind: 'medical', allowed_species: '[]', currency: 'ZAR', tax_rate_bp: 1500, time_zone: 'Africa/Johannesburg' }],
      ['account', { id: 'a6', practice_id: practiceId, first_name: 'Thandi', last_name: 'Nkosi', phone_primary: '011 555 0001' }],
    ]);
    const outboxBefore = old.sqlite.prepare('SELECT count(*) FROM sync_log').pluck().get();
    old.close();

    const upgraded = await LocalDatabase.open(path);
    const trigger = (name: string) => upgraded.sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").pluck().get(name) as string | undefined;
    expect(trigger('account_capture_update')).toContain('pd_hlc_after');
    expect(trigger('visit_capture_update')).toContain('pd_hlc_after');
    expect(trigger('payment_append_only')).toBeDefined();
    expect(upgraded.sqlite.prepare('SELECT count(*) FROM sync_log').pluck().get()).toBe(outboxBefore);
    upgraded.transaction(null, () => {
      upgraded.sqlite.prepare("UPDATE account SET phone_primary = '011 555 0009' WHERE id = 'a6'").run();
    });
    const [insert, update] = upgraded.sqlite.prepare("SELECT hlc FROM sync_log WHERE row_id = 'a6' ORDER BY seq").pluck().all() as string[];
    expect(update! > insert!).toBe(true);
    upgraded.close();
  });

  it('refuse a database written by a newer version, leaving it untouched', async () => {
    const path = dbPath();
    (await LocalDatabase.open(path)).close();
    const raw = new BetterSqlite3(path);
    raw.prepare("INSERT INTO kysely_migration (name, timestamp) VALUES ('0099_from_the_future', 'x')").run();
    raw.close();
    await expect(LocalDatabase.open(path)).rejects.toBeInstanceOf(SchemaTooNewError);
    const check = new BetterSqlite3(path);
    expect(check.prepare('SELECT count(*) FROM kysely_migration').pluck().get()).toBe(Object.keys(sqliteMigrations).length + 1);
    check.close();
  });
});
