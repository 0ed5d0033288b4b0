/**
 * Migration 0012 on a database made by the version before it: rows and
 * outbox kept, the four tables captured and immutable where they must be,
 * and the practice (set up before there was a catalogue) given the starter
 * catalogue the first time anyone searches it — the same rows on two
 * devices that each do so, audited once per device.
 */
import { describe, expect, it } from 'vitest';
import { LocalDatabase } from '../../electron/db/database';
import { findPractice } from '../../electron/db/practices';
import type { Actor } from '../../electron/services/actor';
import { findMedications } from '../../electron/services/prescribing';
import { medicationSearchInput } from '../../shared/schemas/prescribing';
import { insertRows, openAtMigration } from '../helpers/old-database';
import { tempDbPaths } from '../helpers/temp-db';

const dbPath = tempDbPaths();

const practiceId = '01900000-0000-7000-8000-000000000012';
const userId = '01900000-0000-7000-8000-0000000000d1';

async function oldDatabase(): Promise<{ path: string; outbox: unknown[] }> {
  const path = dbPath();
  const old = await openAtMigration(path, '0011_consultations');
  insertRows(old, [
    ['practice', { id: practiceId, practice_id: practiceId, name: 'Lenox Cat Hospital', kind: 'veterinary', allowed_species: '["Cat"]', currency: 'USD', tax_rate_bp: 800, time_zone: 'America/New_York' }],
    ['app_user', { id: userId, practice_id: practiceId, email: 'dr.lee@lenox.test', display_name: 'Dr Lee', licence_number: 'VET 4471' }],
    ['practice_user', { id: '01900000-0000-7000-8000-0000000000e1', practice_id: practiceId, user_id: userId, role: 'doctor', is_active: 1 }],
  ]);
  const outbox = old.sqlite.prepare('SELECT * FROM sync_log ORDER BY seq').all();
  old.close();
  return { path, outbox };
}

const actorOf = (db: LocalDatabase): Actor => ({
  userId,
  practiceId,
  role: 'doctor',
  practice: findPractice(db, practiceId)!,
  session: { token: 't', userId, practiceId, startedAt: 0, lastSeenAt: 0 },
});

describe('migration 0012 (prescriptions and vaccinations)', () => {
  it('upgrades an 0011 database: rows and outbox kept, the new tables captured, the catalogue seeded on first search', async () => {
    const { path, outbox } = await oldDatabase();
    const db = await LocalDatabase.open(path);
    const sqlite = db.sqlite;
    expect(sqlite.prepare('SELECT * FROM sync_log ORDER BY seq').all()).toEqual(outbox);
    for (const table of ['medication', 'prescription', 'prescription_item', 'vaccination']) {
      const triggers = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND name LIKE '%capture%' ORDER BY name").pluck().all(table);
      expect(triggers).toEqual([`${table}_capture_insert`, `${table}_capture_update`]);
    }
    expect(sqlite.prepare('SELECT count(*) FROM medication').pluck().get()).toBe(0);

    const first = findMedications(db, actorOf(db), medicationSearchInput.parse({ limit: 100 }));
    expect(first.length).toBeGreaterThan(5);
    expect(first.some((m) => m.species === 'Dog')).toBe(false);
    const again = findMedications(db, actorOf(db), medicationSearchInput.parse({ limit: 100 }));
    expect(again).toEqual(first);
    expect(sqlite.prepare("SELECT count(*) FROM audit_log WHERE entity_type = 'medication_catalogue'").pluck().get()).toBe(1);
    expect(sqlite.prepare("SELECT count(*) FROM sync_log WHERE table_name = 'medication'").pluck().get()).toBe(first.length);

    // A second device upgraded apart from this one seeds the very same rows (ids derived from practice and item).
    const other = await oldDatabase();
    const db2 = await LocalDatabase.open(other.path);
    const ids2 = findMedications(db2, actorOf(db2), medicationSearchInput.parse({ limit: 100 })).map((m) => m.id);
    expect(ids2).toEqual(first.map((m) => m.id));
    db2.close();
    db.close();
  });
});
