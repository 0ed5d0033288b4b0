/**
 * Two (or more) desks of one practice syncing as its doctor through a real
 * hub: the practice is set up once on a core, its set-up pushed by the
 * administrator's hub account, and each desk starts as a copy of a database
 * that holds that set-up (as a device that already pulled it would).
 *
 * @example
 *   const desks = usePracticeDesks('practice-desk-dxcodes-');
 *   const [one, two] = [await desks.open(clock), await desks.open(clock)];
 *   await desks.syncBoth(one, two);
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, expect } from 'vitest';
import { LocalDatabase } from '../../electron/db/database';
import type { Actor } from '../../electron/services/actor';
import { applyRemoteChanges } from '../../sync/engine/apply';
import { useHub, type TestHub } from '../helpers/hub';
import { openReception } from '../helpers/reception';
import { tempDir } from '../helpers/temp-dir';
import { actorOn, outboxOf } from './devices';
import { deviceTables, hubTables, pullAll, pushAll } from './hub-sync';

export const DESKS_START = Date.parse('2026-11-25T07:00:00Z');

export interface PracticeDesks {
  hub(): TestHub;
  practiceId(): string;
  /** A new desk on the shared clock. */
  open(clock: { now: number }): Promise<LocalDatabase>;
  doctorOn(db: LocalDatabase): Actor;
  /** Both push, then both pull. */
  syncBoth(one: LocalDatabase, two: LocalDatabase): Promise<void>;
  pull(db: LocalDatabase): Promise<void>;
  /** Every desk's synced tables equal the hub's rows. */
  expectIdenticalWithHub(desks: readonly LocalDatabase[]): Promise<void>;
}

export function usePracticeDesks(prefix: string): PracticeDesks {
  const hub = useHub();
  let work: { path: string; remove(): void };
  let template: string;
  let practiceId: string;
  let doctorId: string;
  let member: SupabaseClient;
  let run = 0;

  beforeAll(async () => {
    work = tempDir(prefix);
    const desk = await openReception(DESKS_START);
    practiceId = (await desk.admin.call('auth.session', {})).practice.id;
    doctorId = desk.doctorId;
    const seedEntries = outboxOf(desk.core.db);
    desk.close();

    template = join(work.path, 'template.sqlite');
    const t = await LocalDatabase.open(template, { now: () => DESKS_START });
    expect(applyRemoteChanges(t, seedEntries)).toMatchObject({ rejected: [], rowsWaiting: 0 });
    t.sqlite.prepare('DELETE FROM device').run();
    t.close();
    await hub().createPractice(practiceId, 'Rosebank Family Practice');
    // The practice's set-up is the administrator's to push; the desks sync as the doctor.
    const { client: admin } = await hub().member('admin@rosebank.test', practiceId, 'admin');
    const { error } = await admin.rpc('sync_push', { batch: seedEntries });
    expect(error).toBeNull();
    ({ client: member } = await hub().member('desks@rosebank.test', practiceId, 'doctor'));
  }, 120_000);
  afterAll(() => work?.remove());

  return {
    hub,
    practiceId: () => practiceId,
    async open(clock) {
      const path = join(work.path, `desk-${++run}.sqlite`);
      copyFileSync(template, path);
      return LocalDatabase.open(path, { now: () => clock.now });
    },
    doctorOn: (db) => ({ ...actorOn(db, doctorId, practiceId), role: 'doctor' }),
    async syncBoth(one, two) {
      await pushAll(one, member);
      await pushAll(two, member);
      await pullAll(one, member);
      await pullAll(two, member);
    },
    pull: (db) => pullAll(db, member),
    async expectIdenticalWithHub(desks) {
      const expected = await hubTables(hub(), practiceId);
      for (const db of desks) expect(deviceTables(db)).toEqual(expected);
    },
  };
}
