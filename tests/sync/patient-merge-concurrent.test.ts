/**
 * Two desks cut off from each other merge the same pair opposite ways (desk
 * 1 keeps A, desk 2 keeps B), and a third patient is merged into the one
 * desk 2 merged away. Relayed to each other in either order, both desks end
 * identical: one survivor (the smaller id of the cycle, the same on every
 * node), every redirect pointing straight at it, every row under it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalDatabase } from '../../electron/db/database';
import { survivorOf } from '../../electron/db/patient-merge';
import { mergePatients } from '../../electron/services/patient-merge';
import { registerPatient } from '../../electron/services/patients';
import { registerPatientInput } from '../../shared/schemas/patient';
import { mergePatientsInput } from '../../shared/schemas/duplicates';
import { applyRemoteChanges } from '../../sync/engine/apply';
import { openReception, type ReceptionPractice } from '../helpers/reception';
import { actorOn, outboxOf, syncedSnapshot, openReplica, type Replica } from './devices';

const open: { close(): void }[] = [];
afterEach(() => open.splice(0).forEach((o) => o.close()));

/** Relay every outbox entry each desk has to the other, until nothing new moves. */
function relay(dbs: LocalDatabase[]): void {
  for (let round = 0; round < 6; round++) {
    let moved = 0;
    for (const from of dbs) {
      for (const to of dbs) {
        if (to === from) continue;
        const result = applyRemoteChanges(to, outboxOf(from));
        expect(result.rejected).toEqual([]);
        moved += result.applied;
      }
    }
    if (moved === 0) return;
  }
  throw new Error('the desks did not settle');
}

const children = (db: LocalDatabase, patientId: string) =>
  db.sqlite.prepare('SELECT count(*) FROM allergy WHERE patient_id = ?').pluck().get(patientId) as number;

describe('opposite merges made apart', () => {
  it.each([['desk 1 first'], ['desk 2 first']])('converge on one survivor on both desks (%s)', async (order) => {
    const rx: ReceptionPractice = await openReception();
    open.push(rx);
    const session = await rx.admin.call('auth.session', {});
    const desk2: Replica = await openReplica(() => rx.clock.now);
    open.push(desk2);
    const dbs = [rx.core.db, desk2.db];
    relay(dbs);
    const actor1 = actorOn(rx.core.db, session.user.id, session.practice.id);
    const actor2 = actorOn(desk2.db, session.user.id, session.practice.id);

    const register = (allergen: string) =>
      registerPatient(
        rx.core.db,
        actor1,
        registerPatientInput.parse({
          account: { newAccount: { firstName: 'Sipho', lastName: 'Dube', phonePrimary: '021 444 1000' } },
          patient: { firstName: 'Sipho', lastName: 'Dube', dateOfBirth: '1970-01-01' },
          allergies: [{ allergen, severity: 'mild' }],
          acknowledgeDuplicates: true,
        }),
      ).patientId;
    const [a, b, c] = [register('Latex'), register('Pollen'), register('Dust')].sort() as [string, string, string];
    relay(dbs);

    // Apart: desk 1 keeps a; desk 2 keeps b, and merges c into a (which it still thinks is live).
    const merge = (db: LocalDatabase, actor: typeof actor1, survivorId: string, mergedId: string) =>
      mergePatients(db, actor, mergePatientsInput.parse({ survivorId, mergedId }));
    merge(rx.core.db, actor1, a, b);
    merge(desk2.db, actor2, b, a);
    merge(desk2.db, actor2, b, c);
    relay(order === 'desk 1 first' ? dbs : [...dbs].reverse());

    for (const db of dbs) {
      const state = db.sqlite.prepare('SELECT id, merged_into_id FROM patient WHERE id IN (?, ?, ?) ORDER BY id').all(a, b, c);
      expect(state).toEqual([
        { id: a, merged_into_id: null },
        { id: b, merged_into_id: a },
        { id: c, merged_into_id: a },
      ]);
      for (const id of [a, b, c]) expect(survivorOf(db, id)).toBe(a);
      expect([children(db, a), children(db, b), children(db, c)]).toEqual([3, 0, 0]);
      expect(db.sqlite.prepare('SELECT count(*) FROM sync_unapplied').pluck().get()).toBe(0);
    }
    expect(syncedSnapshot(desk2.db)).toEqual(syncedSnapshot(rx.core.db));
  });
});
