import BetterSqlite3 from 'better-sqlite3';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalDatabase } from '../../electron/db/database';
import { migrateTo, SchemaTooNewError } from '../../electron/db/migrate';
import { searchPatients } from '../../electron/db/patient-search';
import { LATEST_SQLITE_MIGRATION, sqliteMigrations } from '../../migrations/sqlite';
import { tempDir } from '../helpers/temp-dir';

const dirs: { remove(): void }[] = [];
function dbPath(): string {
  const dir = tempDir();
  dirs.push(dir);
  return join(dir.path, 'test.sqlite');
}
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

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
    const old = await LocalDatabase.open(path, { migrate: false });
    await migrateTo(old.kysely as never, '0001_foundation');
    old.initDevice();
    const practiceId = '01900000-0000-7000-8000-000000000001';
    old.transaction(null, () => {
      old.sqlite
        .prepare(`INSERT INTO practice (id, practice_id, created_at, updated_at, name, kind, allowed_species, currency, tax_rate_bp, time_zone)
                  VALUES (?, ?, 'now', 'now', 'Old Practice', 'veterinary', '["Cat"]', 'USD', 0, 'UTC')`)
        .run(practiceId, practiceId);
      old.sqlite
        .prepare(`INSERT INTO account (id, practice_id, created_at, updated_at, first_name, last_name, phone_primary)
                  VALUES ('a1', ?, 'now', 'now', 'Olga', 'Petrova', '011 222 3333')`)
        .run(practiceId);
      old.sqlite
        .prepare(`INSERT INTO patient (id, practice_id, created_at, updated_at, account_id, kind, first_name, species, microchip_number)
                  VALUES ('p1', ?, 'now', 'now', 'a1', 'animal', 'Whiskers', 'Cat', '985000000000123')`)
        .run(practiceId);
    });
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
    const old = await LocalDatabase.open(path, { migrate: false });
    await migrateTo(old.kysely as never, '0002_patient_search');
    old.initDevice();
    const practiceId = '01900000-0000-7000-8000-000000000002';
    old.transaction(null, () => {
      old.sqlite
        .prepare(`INSERT INTO practice (id, practice_id, created_at, updated_at, name, kind, allowed_species, currency, tax_rate_bp, time_zone)
                  VALUES (?, ?, 'now', 'now', 'Rosebank Family Practice', 'medical', '[]', 'ZAR', 1500, 'Africa/Johannesburg')`)
        .run(practiceId, practiceId);
      old.sqlite
        .prepare(`INSERT INTO account (id, practice_id, created_at, updated_at, first_name, last_name, phone_primary)
                  VALUES ('a2', ?, 'now', 'now', 'Thandi', 'Nkosi', '011 555 0001')`)
        .run(practiceId);
      old.sqlite
        .prepare(`INSERT INTO patient (id, practice_id, created_at, updated_at, account_id, kind, first_name, last_name)
                  VALUES ('p2', ?, 'now', 'now', 'a2', 'human', 'Thandi', 'Nkosi')`)
        .run(practiceId);
    });
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
    const old = await LocalDatabase.open(path, { migrate: false });
    await migrateTo(old.kysely as never, '0004_sync_engine');
    old.initDevice();
    const practiceId = '01900000-0000-7000-8000-000000000005';
    old.transaction(null, () => {
      old.sqlite
        .prepare(`INSERT INTO practice (id, practice_id, created_at, updated_at, name, kind, allowed_species, currency, tax_rate_bp, time_zone)
                  VALUES (?, ?, 'now', 'now', 'Lenox Cat Hospital', 'veterinary', '["Cat"]', 'USD', 0, 'America/New_York')`)
        .run(practiceId, practiceId);
      old.sqlite
        .prepare(`INSERT INTO account (id, practice_id, created_at, updated_at, first_name, last_name, phone_primary)
                  VALUES ('a5', ?, 'now', 'now', 'Maria', 'Gonzalez', '617 555 0142')`)
        .run(practiceId);
      old.sqlite
        .prepare(`INSERT INTO patient (id, practice_id, created_at, updated_at, account_id, kind, first_name, species)
                  VALUES ('p5', ?, 'now', 'now', 'a5', 'animal', 'Whiskers', 'Cat')`)
        .run(practiceId);
    });
    old.close();

    const upgraded = await LocalDatabase.open(path);
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
