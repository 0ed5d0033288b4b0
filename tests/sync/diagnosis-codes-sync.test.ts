/**
 * The practice's own diagnosis list between two devices through a real hub
 * (embedded Postgres, supabase-js): the same code added on both while apart
 * is one row everywhere (its id derives from the code), concurrent edits of
 * different fields both survive, and retiring it on one desk takes it out
 * of the other's search. Devices and hub end identical.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalDatabase } from '../../electron/db/database';
import type { Actor } from '../../electron/services/actor';
import { addDiagnosisCode, listDiagnosisCodes, searchDiagnosisCodes, setDiagnosisCodeActive, updateDiagnosisCode } from '../../electron/services/diagnosis-codes';
import {
  addDiagnosisCodeInput,
  listDiagnosisCodesInput,
  searchDiagnosisCodesInput,
  setDiagnosisCodeActiveInput,
  updateDiagnosisCodeInput,
} from '../../shared/schemas/diagnosis-codes';
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
  work = tempDir('practice-desk-dxcodes-');
  const desk = await openReception(START);
  practiceId = (await desk.admin.call('auth.session', {})).practice.id;
  doctorId = desk.doctorId;
  const seedEntries = outboxOf(desk.core.db);
  desk.close();

  template = join(work.path, 'template.sqlite');
  const t = await LocalDatabase.open(template, { now: () => START });
  expect(applyRemoteChanges(t, seedEntries)).toMatchObject({ rejected: [], rowsWaiting: 0 });
  t.sqlite.prepare('DELETE FROM device').run();
  t.close();
  await hub().createPractice(practiceId, 'Rosebank Family Practice');
  // The practice's set-up is the administrator's to push; the desks sync as the doctor who keeps the list.
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
const found = (db: LocalDatabase, query: string) => searchDiagnosisCodes(db, doctorOn(db), searchDiagnosisCodesInput.parse({ query })).map((h) => h.code);
const list = (db: LocalDatabase) => listDiagnosisCodes(db, doctorOn(db), listDiagnosisCodesInput.parse({ includeRetired: true }));

async function syncBoth(one: LocalDatabase, two: LocalDatabase): Promise<void> {
  await pushAll(one, member);
  await pushAll(two, member);
  await pullAll(one, member);
  await pullAll(two, member);
}

describe('the practice diagnosis list on two desks', () => {
  it('merges the same code added on both while apart into one row, keeps both desks’ edits, and retires it everywhere', async () => {
    const clock = { now: START + 3_600_000 };
    const [one, two] = [await openDesk(clock), await openDesk(clock)];
    try {
      addDiagnosisCode(one, doctorOn(one), addDiagnosisCodeInput.parse({ code: 'LOCAL-01', description: 'Work stress review' }));
      clock.now += 1_000;
      addDiagnosisCode(two, doctorOn(two), addDiagnosisCodeInput.parse({ code: 'local-01', description: 'Work-related stress review', synonyms: 'burnout' }));
      await syncBoth(one, two);
      await pullAll(one, member);
      for (const db of [one, two]) {
        expect(list(db)).toEqual([expect.objectContaining({ code: 'LOCAL-01', description: 'Work-related stress review', synonyms: ['burnout'], isActive: true })]);
        expect(found(db, 'burnout')).toEqual(['LOCAL-01']);
      }

      // Apart again: desk 1 edits the description, desk 2 the synonyms; both edits survive.
      const id = list(one)[0]!.id;
      clock.now += 1_000;
      updateDiagnosisCode(one, doctorOn(one), updateDiagnosisCodeInput.parse({ id, description: 'Occupational stress review', synonyms: 'burnout' }));
      updateDiagnosisCode(two, doctorOn(two), updateDiagnosisCodeInput.parse({ id, description: 'Work-related stress review', synonyms: 'burnout; work stress' }));
      await syncBoth(one, two);
      await pullAll(one, member);
      for (const db of [one, two]) expect(list(db)[0]).toMatchObject({ description: 'Occupational stress review', synonyms: ['burnout', 'work stress'] });

      clock.now += 1_000;
      setDiagnosisCodeActive(two, doctorOn(two), setDiagnosisCodeActiveInput.parse({ id, active: false }));
      await syncBoth(one, two);
      expect(found(one, 'burnout')).toEqual([]);

      const expected = await hubTables(hub(), practiceId);
      for (const db of [one, two]) expect(deviceTables(db)).toEqual(expected);
    } finally {
      one.close();
      two.close();
    }
  }, 60_000);
});
