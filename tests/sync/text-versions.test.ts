/**
 * Clinical text versions between two desks relaying to each other (no hub):
 * bases recorded on local edits, checked on receipt, learned when a change
 * first came without them, and an edit made during a conflict that does not
 * silently settle it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertSynced, tombstoneSynced, updateSynced } from '../../electron/db/synced-rows';
import { listConflicts, resolveConflict } from '../../electron/services/conflicts';
import { applyRemoteChanges } from '../../sync/engine/apply';
import { openReception, type ReceptionPractice } from '../helpers/reception';
import { actorOn, openReplica, outboxOf, type Replica } from './devices';
import { conflictRows } from './hub-sync';

let seed: ReceptionPractice;
let a: Replica;
let b: Replica;
let patientId: string;

beforeEach(async () => {
  seed = await openReception();
  patientId = seed.patients[0]!;
  const entries = outboxOf(seed.core.db);
  a = await openReplica(() => seed.clock.now);
  b = await openReplica(() => seed.clock.now);
  applyRemoteChanges(a.db, entries);
  applyRemoteChanges(b.db, entries);
});
afterEach(() => {
  a.close();
  b.close();
  seed.close();
});

const editNotes = (r: Replica, notes: string) => {
  seed.clock.now += 1_000;
  r.db.transaction(null, () => updateSynced(r.db, 'patient', patientId, { notes }));
};
const lastEntry = (r: Replica) => outboxOf(r.db).at(-1)!;
const openConflicts = (r: Replica) => conflictRows(r.db).filter((c) => c.state === 'open');

describe('clinical text versions', () => {
  it('a local edit names the version it was made on; an edit on top of a received one supersedes it', () => {
    editNotes(a, 'Needle-shy');
    const insert = outboxOf(seed.core.db).find((e) => e.table_name === 'patient' && e.row_id === patientId && e.op === 'insert')!;
    expect(lastEntry(a).bases).toEqual({ notes: [insert.hlc] });
    applyRemoteChanges(b.db, outboxOf(a.db));
    editNotes(b, 'Needle-shy; prefers the left arm');
    expect(lastEntry(b).bases).toEqual({ notes: [lastEntry(a).hlc] });
    applyRemoteChanges(a.db, outboxOf(b.db));
    expect(openConflicts(a)).toEqual([]);
    expect(a.db.sqlite.prepare('SELECT notes FROM patient WHERE id = ?').pluck().get(patientId)).toBe('Needle-shy; prefers the left arm');
  });

  it('a removal never destroys a concurrent clinical edit, and the conflict on the removed record can still be settled', () => {
    const history = (r: Replica) => r.db.sqlite.prepare("SELECT id FROM medical_history WHERE patient_id = ? LIMIT 1").pluck().get(patientId) as string | undefined;
    seed.clock.now += 1_000;
    const historyId = a.db.transaction(null, () =>
      insertSynced(a.db, 'medical_history', a.db.sqlite.prepare('SELECT practice_id FROM patient WHERE id = ?').pluck().get(patientId) as string, {
        patient_id: patientId,
        condition: 'Asthma',
        status: 'chronic',
        notes: 'Since childhood',
      }),
    );
    applyRemoteChanges(b.db, outboxOf(a.db));
    expect(history(b)).toBe(historyId);
    // Desk A removes the record while desk B, unaware, edits its notes (and desk A its own, earlier).
    seed.clock.now += 1_000;
    a.db.transaction(null, () => updateSynced(a.db, 'medical_history', historyId, { notes: 'Since childhood; inhaler' }));
    a.db.transaction(null, () => tombstoneSynced(a.db, 'medical_history', historyId));
    seed.clock.now += 1_000;
    b.db.transaction(null, () => updateSynced(b.db, 'medical_history', historyId, { notes: 'Since childhood; salbutamol' }));
    applyRemoteChanges(a.db, outboxOf(b.db));
    applyRemoteChanges(b.db, outboxOf(a.db));
    for (const r of [a, b]) {
      const row = r.db.sqlite.prepare('SELECT deleted_at, notes FROM medical_history WHERE id = ?').get(historyId) as { deleted_at: string | null; notes: string };
      expect(row.deleted_at).not.toBeNull();
      expect(row.notes).toBe('Since childhood; salbutamol');
    }
    const [open] = openConflicts(a);
    expect((JSON.parse(open!.heads as string) as { value: string }[]).map((h) => h.value)).toEqual(['Since childhood; inhaler', 'Since childhood; salbutamol']);
    expect(conflictRows(b.db)).toEqual(conflictRows(a.db));

    // Settled by a clinician on desk A: the record stays removed, the conflict closes on both desks.
    const actor = actorOn(a.db, seed.core.db.sqlite.prepare("SELECT user_id FROM practice_user WHERE role = 'admin' LIMIT 1").pluck().get() as string, open!.practice_id as string);
    const view = listConflicts(a.db, actor)[0]!;
    expect(view.recordRemovedAt).not.toBeNull();
    resolveConflict(a.db, actor, { conflictId: view.id, choice: 'keep', version: view.versions[0]!.hlc });
    applyRemoteChanges(b.db, outboxOf(a.db));
    for (const r of [a, b]) {
      expect(openConflicts(r)).toEqual([]);
      expect(r.db.sqlite.prepare('SELECT deleted_at IS NOT NULL AS removed, notes FROM medical_history WHERE id = ?').get(historyId)).toEqual({ removed: 1, notes: 'Since childhood; inhaler' });
    }
  });

  it('an edit made while the text is in conflict writes over the version shown only: the conflict stays, with a new id', () => {
    editNotes(a, 'A');
    editNotes(b, 'B');
    applyRemoteChanges(a.db, outboxOf(b.db));
    const [first] = openConflicts(a);
    expect(first).toBeDefined();
    editNotes(a, 'B, edited on desk A');
    const [second] = openConflicts(a);
    expect(second!.id).not.toBe(first!.id);
    expect((JSON.parse(second!.heads as string) as { value: string }[]).map((h) => h.value)).toEqual(['A', 'B, edited on desk A']);
    // Desk B derives the same once it has the same changes.
    applyRemoteChanges(b.db, outboxOf(a.db));
    expect(conflictRows(b.db)).toEqual(conflictRows(a.db));
  });

  it('a change first received without its bases learns them when it comes again with them', () => {
    editNotes(a, 'A');
    editNotes(b, 'B');
    const withoutBases = outboxOf(b.db).map(({ bases: _dropped, ...e }) => e);
    expect(applyRemoteChanges(a.db, withoutBases).rejected).toEqual([]);
    // Unrecorded bases write over everything older, as last-writer-wins did.
    expect(openConflicts(a)).toEqual([]);
    const again = applyRemoteChanges(a.db, outboxOf(b.db));
    expect(again).toMatchObject({ rejected: [], applied: 0 });
    expect(openConflicts(a)).toHaveLength(1);
  });

  it('refuses bases for a column the change does not set, or not older than the change', () => {
    editNotes(b, 'B');
    const entry = lastEntry(b);
    const result = applyRemoteChanges(a.db, [
      { ...entry, bases: { behavioural_notes: entry.bases!.notes! } },
      { ...entry, device_seq: entry.device_seq + 100, bases: { notes: [entry.hlc] } },
    ]);
    expect(result.rejected.map((r) => r.reason)).toEqual([
      'bases.behavioural_notes: bases name a column the change does not set',
      'bases.notes: a base is not older than the change',
    ]);
  });
});
