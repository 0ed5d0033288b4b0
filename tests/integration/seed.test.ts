/**
 * The demo seed: real practices through the real data layer. Patient counts,
 * every patient findable by microchip / ID number, an outbox row per write,
 * practice rules (feline-only means cats), and determinism.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalDatabase } from '../../electron/db/database';
import { searchPatients } from '../../electron/db/patient-search';
import { isValidSaId } from '../../scripts/seed/random';
import { PracticeExistsError, seedPractice, type SeedOptions, type SeedResult } from '../../scripts/seed/index';

const TODAY = new Date('2025-06-01');
const dirs: string[] = [];
const open: LocalDatabase[] = [];

async function seeded(options: SeedOptions): Promise<{ db: LocalDatabase; result: SeedResult }> {
  const dir = mkdtempSync(join(tmpdir(), 'pd-seed-test-'));
  dirs.push(dir);
  const db = await LocalDatabase.open(join(dir, 'practice-desk.sqlite'));
  open.push(db);
  const result = await seedPractice(db, { today: TODAY, staff: false, ...options });
  return { db, result };
}

const rows = <T>(db: LocalDatabase, sql: string, ...params: unknown[]) => db.sqlite.prepare(sql).all(...params) as T[];
const count = (db: LocalDatabase, sql: string, ...params: unknown[]) => (db.sqlite.prepare(sql).get(...params) as { n: number }).n;

afterAll(() => {
  for (const db of open) db.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('seeding a veterinary practice', () => {
  let db: LocalDatabase;
  let result: SeedResult;
  beforeAll(async () => {
    ({ db, result } = await seeded({ kind: 'vet', patients: 200, seed: 42, staff: true }));
  }, 60_000);

  it('creates the practice, its administrator and staff of every role', () => {
    const practice = rows<{ kind: string; allowed_species: string; currency: string; tax_rate_bp: number; time_zone: string }>(db, 'SELECT * FROM practice');
    expect(practice).toHaveLength(1);
    expect(practice[0]).toMatchObject({ kind: 'veterinary', currency: 'ZAR', tax_rate_bp: 1500, time_zone: 'Africa/Johannesburg' });
    expect(JSON.parse(practice[0]!.allowed_species)).toEqual(['Cat', 'Dog']);
    const roles = rows<{ role: string }>(db, 'SELECT DISTINCT role FROM practice_user').map((r) => r.role).sort();
    expect(roles).toEqual(['admin', 'billing', 'doctor', 'manager', 'nurse', 'receptionist']);
    expect(result.admin.email).toMatch(/^admin@/);
    expect(count(db, 'SELECT count(*) AS n FROM user_credential')).toBe(result.staff.length + 1);
  });

  it('writes exactly the requested number of animal patients on owners with one to three pets', () => {
    expect(count(db, 'SELECT count(*) AS n FROM patient')).toBe(200);
    expect(count(db, "SELECT count(*) AS n FROM patient WHERE kind <> 'animal' OR species NOT IN ('Cat', 'Dog')")).toBe(0);
    const perAccount = rows<{ n: number }>(db, 'SELECT count(*) AS n FROM patient GROUP BY account_id');
    expect(perAccount.length).toBe(result.counts.accounts);
    expect(Math.max(...perAccount.map((r) => r.n))).toBeLessThanOrEqual(3);
    expect(rows(db, 'SELECT DISTINCT species FROM patient')).toHaveLength(2);
  });

  it('gives microchips of 15 digits, all unique', () => {
    const chips = rows<{ c: string }>(db, 'SELECT microchip_number AS c FROM patient WHERE microchip_number IS NOT NULL').map((r) => r.c);
    expect(chips.length).toBeGreaterThan(100);
    for (const chip of chips) expect(chip).toMatch(/^\d{15}$/);
    expect(new Set(chips).size).toBe(chips.length);
  });

  it('makes every chipped patient findable by its microchip, and every patient by owner phone', () => {
    const patients = rows<{ id: string; microchip_number: string | null; phone_primary: string }>(
      db,
      'SELECT p.id, p.microchip_number, a.phone_primary FROM patient p JOIN account a ON a.id = p.account_id',
    );
    for (const p of patients) {
      if (p.microchip_number) {
        const hits = searchPatients(db, result.practiceId, p.microchip_number, 50, true);
        expect(hits.map((h) => h.patientId)).toContain(p.id);
      }
      const byPhone = searchPatients(db, result.practiceId, p.phone_primary, 50, true);
      expect(byPhone.map((h) => h.patientId)).toContain(p.id);
    }
  });

  it('has an outbox insert row for every patient and account, and a search document for every patient', () => {
    const missing = count(
      db,
      `SELECT count(*) AS n FROM patient p WHERE NOT EXISTS (SELECT 1 FROM sync_log s WHERE s.table_name = 'patient' AND s.row_id = p.id AND s.op = 'insert')`,
    );
    expect(missing).toBe(0);
    expect(count(db, "SELECT count(*) AS n FROM sync_log WHERE table_name = 'account'")).toBe(result.counts.accounts);
    expect(count(db, 'SELECT count(*) AS n FROM patient_search_doc')).toBe(200);
  });
});

describe('seeding a medical practice', () => {
  let db: LocalDatabase;
  let result: SeedResult;
  beforeAll(async () => {
    ({ db, result } = await seeded({ kind: 'medical', patients: 150, seed: 7 }));
  }, 60_000);

  it('writes human patients with surnames and valid, unique South African ID numbers', () => {
    expect(count(db, 'SELECT count(*) AS n FROM patient')).toBe(150);
    expect(count(db, "SELECT count(*) AS n FROM patient WHERE kind <> 'human' OR species IS NOT NULL OR last_name IS NULL")).toBe(0);
    const ids = rows<{ id_number: string }>(db, 'SELECT id_number FROM patient').map((r) => r.id_number);
    for (const id of ids) expect(isValidSaId(id), id).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const practice = rows<{ kind: string; currency: string; tax_rate_bp: number }>(db, 'SELECT kind, currency, tax_rate_bp FROM practice')[0];
    expect(practice).toEqual({ kind: 'medical', currency: 'ZAR', tax_rate_bp: 1500 });
  });

  it('makes every patient findable by ID number', () => {
    for (const p of rows<{ id: string; id_number: string }>(db, 'SELECT id, id_number FROM patient')) {
      expect(searchPatients(db, result.practiceId, p.id_number, 50, true).map((h) => h.patientId)).toContain(p.id);
    }
  });

  it('puts families on accounts, gives most a medical aid, and records contacts, allergies and histories', () => {
    expect(count(db, "SELECT count(*) AS n FROM patient WHERE relationship_to_account = 'self'")).toBe(result.counts.accounts);
    expect(count(db, "SELECT count(*) AS n FROM patient WHERE relationship_to_account IN ('spouse', 'child')")).toBeGreaterThan(0);
    expect(result.counts.medicalAid / result.counts.patients).toBeGreaterThan(0.5);
    expect(result.counts.emergencyContact).toBeGreaterThan(0);
    expect(result.counts.allergy).toBeGreaterThan(0);
    expect(result.counts.medicalHistory).toBeGreaterThan(0);
    expect(result.counts.familyHistory).toBeGreaterThan(0);
    const mainMembers = count(db, "SELECT count(*) AS n FROM medical_aid WHERE is_main_member = 1 AND dependant_code = '00'");
    expect(mainMembers).toBeGreaterThan(0);
  });

  it('captures every written row in the outbox', () => {
    for (const table of ['patient', 'account', 'emergency_contact', 'medical_aid', 'allergy', 'medical_history', 'family_history']) {
      const rowsInTable = count(db, `SELECT count(*) AS n FROM ${table}`);
      expect(count(db, 'SELECT count(*) AS n FROM sync_log WHERE table_name = ?', table), table).toBe(rowsInTable);
    }
  });

  it('refuses a second practice in the same database', async () => {
    await expect(seedPractice(db, { kind: 'medical', patients: 1, staff: false })).rejects.toBeInstanceOf(PracticeExistsError);
  });
});

describe('seed options', () => {
  it('--feline-only gives a cat-only hospital with only cats', async () => {
    const { db } = await seeded({ kind: 'vet', patients: 120, felineOnly: true, seed: 3 });
    const practice = rows<{ allowed_species: string }>(db, 'SELECT allowed_species FROM practice')[0]!;
    expect(JSON.parse(practice.allowed_species)).toEqual(['Cat']);
    expect(rows<{ species: string }>(db, 'SELECT DISTINCT species FROM patient')).toEqual([{ species: 'Cat' }]);
  });

  it('is deterministic: the same seed gives the same patients, another seed different ones', async () => {
    const names = (db: LocalDatabase) =>
      rows<{ n: string }>(db, "SELECT a.last_name || ', ' || p.first_name || ' ' || coalesce(p.microchip_number, '') AS n FROM patient p JOIN account a ON a.id = p.account_id ORDER BY p.rowid").map((r) => r.n);
    const a = await seeded({ kind: 'vet', patients: 80, seed: 5 });
    const b = await seeded({ kind: 'vet', patients: 80, seed: 5 });
    const c = await seeded({ kind: 'vet', patients: 80, seed: 6 });
    expect(names(a.db)).toEqual(names(b.db));
    expect(names(a.db)).not.toEqual(names(c.db));
    expect(a.result.practiceName).toBe(b.result.practiceName);
  }, 60_000);
});
