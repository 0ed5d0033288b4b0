/**
 * Migration 0017 on a database made by the version before it: the rebuilt
 * consultation_diagnosis keeps its rows, indexes and every trigger (capture,
 * signed-note guards, no delete), writes nothing to the outbox, and now takes
 * codes of the practice's own list; the list itself is captured.
 */
import { describe, expect, it } from 'vitest';
import { LocalDatabase } from '../../electron/db/database';
import { insertRows, openAtMigration } from '../helpers/old-database';
import { tempDbPaths } from '../helpers/temp-db';

const dbPath = tempDbPaths();

const practiceId = '01900000-0000-7000-8000-000000000017';
const patientId = '01900000-0000-7000-8000-0000000017a1';
const draft = '01900000-0000-7000-8000-0000000017c1';
const signed = '01900000-0000-7000-8000-0000000017c2';

const schemaOf = (db: LocalDatabase, type: 'index' | 'trigger') =>
  db.sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = ? AND tbl_name = 'consultation_diagnosis' ORDER BY name").all(type);

describe('migration 0017 (practice diagnosis codes)', () => {
  it('upgrades an 0016 database: diagnoses, outbox, indexes and guards kept; PRACTICE codes accepted', async () => {
    const path = dbPath();
    const old = await openAtMigration(path, '0016_vaccination_entered_in_error');
    insertRows(old, [
      ['practice', { id: practiceId, practice_id: practiceId, name: 'Lenox Cat Hospital', kind: 'veterinary', allowed_species: '["Cat"]', currency: 'USD', tax_rate_bp: 800, time_zone: 'America/New_York' }],
      ['account', { id: 'a1', practice_id: practiceId, first_name: 'Olga', last_name: 'Petrova', phone_primary: '212 555 0101' }],
      ['patient', { id: patientId, practice_id: practiceId, account_id: 'a1', kind: 'animal', first_name: 'Whiskers', species: 'Cat' }],
      ['service_type', { id: 's1', practice_id: practiceId, name: 'Consult', duration_minutes: 20, price_minor: 6500, colour: '#228be6', practitioner_share_bp: 5000 }],
      ['visit', { id: 'v1', practice_id: practiceId, patient_id: patientId, service_type_id: 's1', clinic_day: '2026-12-01', type: 'WALK_IN', status: 'IN_PROGRESS', status_changed_at: '2026-12-01T14:00:00.000Z' }],
      ['consultation', { id: draft, practice_id: practiceId, visit_id: 'v1', patient_id: patientId, status: 'draft', started_at: '2026-12-01T14:00:00.000Z' }],
      ['consultation', { id: signed, practice_id: practiceId, visit_id: 'v1', patient_id: patientId, status: 'draft', started_at: '2026-12-01T13:00:00.000Z' }],
      ['consultation_diagnosis', { id: 'd1', practice_id: practiceId, consultation_id: signed, patient_id: patientId, code_system: 'ICD-10', code: 'H60.90', description: 'Otitis externa', is_primary: 1, status: 'active' }],
      ['consultation_diagnosis', { id: 'd2', practice_id: practiceId, consultation_id: draft, patient_id: patientId, code_system: 'FREE_TEXT', code: null, description: 'Hairball, suspected', is_primary: 0, status: 'active' }],
    ]);
    old.sqlite.prepare("UPDATE consultation SET status = 'signed', signed_at = '2026-12-01T13:30:00.000Z' WHERE id = ?").run(signed);
    const rowsBefore = old.sqlite.prepare('SELECT * FROM consultation_diagnosis ORDER BY id').all();
    const outboxBefore = old.sqlite.prepare('SELECT * FROM sync_log ORDER BY seq').all();
    const indexesBefore = schemaOf(old, 'index');
    const triggersBefore = schemaOf(old, 'trigger');
    expect(triggersBefore.length).toBeGreaterThanOrEqual(5);
    const practiceCode = (db: LocalDatabase, id: string, consultation: string) => () =>
      db.sqlite
        .prepare("INSERT INTO consultation_diagnosis (id, practice_id, created_at, updated_at, consultation_id, patient_id, code_system, code, description, status) VALUES (?, ?, 'now', 'now', ?, ?, 'PRACTICE', 'FLUTD', 'Feline lower urinary tract disease', 'active')")
        .run(id, practiceId, consultation, patientId);
    expect(practiceCode(old, 'd3', draft)).toThrow(/CHECK constraint failed/);
    old.close();

    const db = await LocalDatabase.open(path);
    expect(db.sqlite.prepare('SELECT * FROM consultation_diagnosis ORDER BY id').all()).toEqual(rowsBefore);
    expect(db.sqlite.prepare('SELECT * FROM sync_log ORDER BY seq').all()).toEqual(outboxBefore);
    expect(schemaOf(db, 'index')).toEqual(indexesBefore);
    expect(schemaOf(db, 'trigger')).toEqual(triggersBefore);
    expect(db.sqlite.prepare('PRAGMA foreign_key_check').all()).toEqual([]);

    // The guards still hold: a signed note takes no new rows here, and rows are never deleted.
    expect(practiceCode(db, 'd4', signed)).toThrow(/the consultation is signed/);
    expect(() => db.sqlite.prepare("DELETE FROM consultation_diagnosis WHERE id = 'd2'").run()).toThrow(/never deleted/);
    // A practice code on a draft is accepted and captured like any change.
    expect(practiceCode(db, 'd3', draft)).not.toThrow();
    expect(db.sqlite.prepare("SELECT op FROM sync_log WHERE table_name = 'consultation_diagnosis' AND row_id = 'd3'").pluck().all()).toEqual(['insert']);
    // A free-text diagnosis still has no code, a coded one must have one.
    expect(() =>
      db.sqlite.prepare("UPDATE consultation_diagnosis SET code = 'X' WHERE id = 'd2'").run(),
    ).toThrow(/CHECK constraint failed/);

    // The list is a synced table: its rows reach the outbox.
    db.sqlite
      .prepare("INSERT INTO practice_diagnosis_code (id, practice_id, created_at, updated_at, code, description, species) VALUES ('k1', ?, 'now', 'now', 'FLUTD', 'Feline lower urinary tract disease', '[\"Cat\"]')")
      .run(practiceId);
    expect(db.sqlite.prepare("SELECT count(*) FROM sync_log WHERE table_name = 'practice_diagnosis_code'").pluck().get()).toBe(1);
    expect(() => db.sqlite.prepare("UPDATE practice_diagnosis_code SET code = 'flutd' WHERE id = 'k1'").run()).toThrow(/CHECK constraint failed/);
    db.close();
  });
});
