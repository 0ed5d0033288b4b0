/**
 * The medication catalogue between two devices through a real hub
 * (embedded Postgres, supabase-js): a drug added on one device is offered
 * by the other's prescribe search after sync; retired on the second, it
 * leaves the first's search too; both end identical with the hub.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalDatabase } from '../../electron/db/database';
import type { Actor } from '../../electron/services/actor';
import { addMedication, setMedicationActive, updateMedication } from '../../electron/services/medication-catalogue';
import { findMedications } from '../../electron/services/prescribing';
import { addMedicationInput, setMedicationActiveInput, updateMedicationInput } from '../../shared/schemas/catalogue';
import { medicationSearchInput } from '../../shared/schemas/prescribing';
import { applyRemoteChanges } from '../../sync/engine/apply';
import { useHub } from '../helpers/hub';
import { openReception } from '../helpers/reception';
import { tempDir } from '../helpers/temp-dir';
import { actorOn, outboxOf } from './devices';
import { deviceTables, hubTables, pullAll, pushAll } from './hub-sync';

const START = Date.parse('2026-11-25T07:00:00Z');
const hub = useHub();
let work: { path: string; remove(): void };
let template: string;
let practiceId: string;
let doctorId: string;
let member: SupabaseClient;

beforeAll(async () => {
  work = tempDir('practice-desk-catalogue-');
  const desk = await openReception(START);
  practiceId = (await desk.admin.call('auth.session', {})).practice.id;
  doctorId = desk.doctorId;
  const seedEntries = outboxOf(desk.core.db); // the starter catalogue included
  desk.close();

  template = join(work.path, 'template.sqlite');
  const t = await LocalDatabase.open(template, { now: () => START });
  expect(applyRemoteChanges(t, seedEntries)).toMatchObject({ rejected: [], rowsWaiting: 0 });
  t.sqlite.prepare('DELETE FROM device').run();
  t.close();
  await hub().createPractice(practiceId, 'Rosebank Family Practice');
  // The practice's set-up is the administrator's to push; the desks sync as the doctor who edits the catalogue.
  const { client: admin } = await hub().member('admin@rosebank.test', practiceId, 'admin');
  const { error } = await admin.rpc('sync_push', { batch: seedEntries });
  expect(error).toBeNull();
  ({ client: member } = await hub().member('desks@rosebank.test', practiceId, 'doctor'));
}, 120_000);
afterAll(() => work?.remove());

let run = 0;
async function openDesk(clock: { now: number }): Promise<LocalDatabase> {
  const path = join(work.path, `desk-${++run}.sqlite`);
  copyFileSync(template, path);
  return LocalDatabase.open(path, { now: () => clock.now });
}

const doctorOn = (db: LocalDatabase): Actor => ({ ...actorOn(db, doctorId, practiceId), role: 'doctor' });
const searchNames = (db: LocalDatabase, query: string) => findMedications(db, doctorOn(db), medicationSearchInput.parse({ query })).map((m) => m.name);

async function syncBoth(one: LocalDatabase, two: LocalDatabase): Promise<void> {
  await pushAll(one, member);
  await pushAll(two, member);
  await pullAll(one, member);
  await pullAll(two, member);
}

describe('a catalogue edit on one device', () => {
  it('reaches the other device through the hub: added, edited, then retired there', async () => {
    const clock = { now: START + 3_600_000 };
    const [one, two] = [await openDesk(clock), await openDesk(clock)];
    try {
      expect(searchNames(two, 'prednisolone')).toEqual([]);
      const fields = { name: 'Prednisolone 5 mg tablets', activeIngredients: 'prednisolone', form: 'Tablet', strength: '5 mg', schedule: 'S3', defaultDose: '1 tablet' };
      const added = addMedication(one, doctorOn(one), addMedicationInput.parse({ fields }));
      await syncBoth(one, two);
      expect(searchNames(two, 'prednisolone')).toEqual(['Prednisolone 5 mg tablets']);
      expect(findMedications(two, doctorOn(two), medicationSearchInput.parse({ query: 'prednisolone' }))[0]).toMatchObject({ id: added.id, defaultDose: '1 tablet', schedule: 'S3' });

      // Both offline: device 1 changes the usual dose, device 2 the instructions; both edits survive.
      clock.now += 1_000;
      updateMedication(one, doctorOn(one), updateMedicationInput.parse({ id: added.id, fields: { ...fields, defaultDose: '2 tablets' } }));
      updateMedication(two, doctorOn(two), updateMedicationInput.parse({ id: added.id, fields: { ...fields, defaultInstructions: 'Take with breakfast' } }));
      await syncBoth(one, two);
      await pullAll(one, member);
      for (const db of [one, two]) {
        expect(findMedications(db, doctorOn(db), medicationSearchInput.parse({ query: 'prednisolone' }))[0]).toMatchObject({ defaultDose: '2 tablets', defaultInstructions: 'Take with breakfast' });
      }

      clock.now += 1_000;
      setMedicationActive(two, doctorOn(two), setMedicationActiveInput.parse({ id: added.id, active: false }));
      await syncBoth(one, two);
      expect(searchNames(one, 'prednisolone')).toEqual([]);

      const expected = await hubTables(hub(), practiceId);
      for (const db of [one, two]) expect(deviceTables(db)).toEqual(expected);
    } finally {
      one.close();
      two.close();
    }
  }, 60_000);
});
