/**
 * Consultations between two devices through a real hub (embedded Postgres,
 * supabase-js): a consultation written on one device offline and addenda
 * written on both survive; concurrent edits of the same unsigned note keep
 * both versions and raise one conflict (same id on both devices); and a
 * remote edit made concurrently with the signing never overwrites the signed
 * note — it waits, kept in the inbox.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalDatabase } from '../../electron/db/database';
import type { Actor } from '../../electron/services/actor';
import { addAddendum, consultationForVisit, saveConsultationDraft, signConsultation, startConsultation } from '../../electron/services/consultation';
import { addProcedure, codeDiagnosis, recordVitals } from '../../electron/services/consultation-records';
import { listConflicts, resolveConflict } from '../../electron/services/conflicts';
import type { Role } from '../../shared/domain/roles';
import { resolveConflictInput } from '../../shared/schemas/conflicts';
import { addAddendumInput, addProcedureInput, codeDiagnosisInput, recordVitalsInput, saveDraftInput } from '../../shared/schemas/consultation';
import { applyRemoteChanges } from '../../sync/engine/apply';
import { useHub } from '../helpers/hub';
import { openReception } from '../helpers/reception';
import { tempDir } from '../helpers/temp-dir';
import { actorOn, outboxOf, syncedSnapshot } from './devices';
import { conflictRows, deviceTables, hubTables, pullAll, pushAll } from './hub-sync';

const START = Date.parse('2026-11-25T07:00:00Z');
const hub = useHub();
let work: { path: string; remove(): void };
let template: string;
let practiceId: string;
let doctorId: string;
let seed: { patientId: string; visitId: string; secondVisitId: string };
let seedEntries: ReturnType<typeof outboxOf>;
let member: SupabaseClient;
let run = 0;

beforeAll(async () => {
  work = tempDir('practice-desk-consultations-');
  const desk = await openReception(START);
  practiceId = (await desk.admin.call('auth.session', {})).practice.id;
  doctorId = desk.doctorId;
  const patientId = desk.patients[0]!;
  const { visitId } = await desk.admin.call('visits.walkIn', { patientId, serviceTypeId: desk.serviceId });
  const { visitId: secondVisitId } = await desk.admin.call('visits.walkIn', { patientId: desk.patients[1]!, serviceTypeId: desk.serviceId });
  seed = { patientId, visitId, secondVisitId };
  seedEntries = outboxOf(desk.core.db);
  desk.close();

  template = join(work.path, 'template.sqlite');
  const t = await LocalDatabase.open(template, { now: () => START });
  expect(applyRemoteChanges(t, seedEntries)).toMatchObject({ rejected: [], rowsWaiting: 0 });
  t.sqlite.prepare('DELETE FROM device').run();
  t.close();
  await hub().createPractice(practiceId, 'Rosebank Family Practice');
  // The desks push the practice's setup too (the practice row needs practice.manage): an admin's hub account (hub 0010).
  ({ client: member } = await hub().member('desks@rosebank.test', practiceId, 'admin'));
}, 120_000);
afterAll(() => work?.remove());

async function resetHub(): Promise<void> {
  await hub().admin.query('TRUNCATE hub.change, hub.row_state');
  const { error } = await member.rpc('sync_push', { batch: seedEntries });
  expect(error).toBeNull();
}

async function openDesk(clock: { now: number }): Promise<LocalDatabase> {
  const path = join(work.path, `desk-${++run}.sqlite`);
  copyFileSync(template, path);
  return LocalDatabase.open(path, { now: () => clock.now });
}

const as = (db: LocalDatabase, userId: string, role: Role): Actor => ({ ...actorOn(db, userId, practiceId), role });
const count = (db: LocalDatabase, sql: string, ...params: unknown[]) => db.sqlite.prepare(sql).pluck().get(...params) as number;

async function syncBoth(one: LocalDatabase, two: LocalDatabase): Promise<void> {
  await pushAll(one, member);
  await pullAll(one, member, 3); // small pages: a consultation's rows arrive over several
  await pushAll(two, member);
  await pullAll(two, member, 3);
  await pullAll(one, member, 3);
}

async function expectAllIdentical(desks: LocalDatabase[]): Promise<void> {
  const expected = await hubTables(hub(), practiceId);
  for (const db of desks) {
    expect(count(db, 'SELECT count(*) FROM sync_unapplied')).toBe(0);
    expect(deviceTables(db)).toEqual(expected);
  }
  expect(syncedSnapshot(desks[0]!)).toEqual(syncedSnapshot(desks[1]!));
  expect(conflictRows(desks[0]!)).toEqual(conflictRows(desks[1]!));
}

describe('a consultation written offline on one device, addenda on both', () => {
  it('all survive sync, signed on both devices, identical with the hub', async () => {
    await resetHub();
    const clock = { now: START + 3_600_000 };
    const [one, two] = [await openDesk(clock), await openDesk(clock)];
    try {
      // Device 1, offline: the whole consultation, signed.
      const doctor1 = as(one, doctorId, 'doctor');
      const c = startConsultation(one, doctor1, seed.visitId);
      clock.now += 1_000;
      saveConsultationDraft(one, doctor1, saveDraftInput.parse({ consultationId: c.id, chiefComplaint: 'Ear ache', subjective: 'Sore left ear', assessment: 'Otitis externa' }));
      recordVitals(one, doctor1, recordVitalsInput.parse({ consultationId: c.id, temperature_c: 37.9, heart_rate_bpm: 88 }));
      codeDiagnosis(one, doctor1, codeDiagnosisInput.parse({ consultationId: c.id, codeSystem: 'FREE_TEXT', description: 'Otitis externa', isPrimary: true }));
      addProcedure(one, doctor1, addProcedureInput.parse({ consultationId: c.id, codeSystem: 'PRACTICE', code: 'EAR1', description: 'Ear syringing', unitPriceMinor: 25_000 }));
      clock.now += 1_000;
      signConsultation(one, doctor1, c.id);
      // Device 2, offline meanwhile: another consultation (it seeds the same default templates, same ids).
      startConsultation(two, as(two, doctorId, 'doctor'), seed.secondVisitId);

      await syncBoth(one, two);
      const onTwo = consultationForVisit(two, as(two, doctorId, 'doctor'), seed.visitId)!;
      expect(onTwo).toMatchObject({ id: c.id, status: 'signed', chiefComplaint: 'Ear ache', assessment: 'Otitis externa', signedBy: 'Dr Mokoena' });
      expect([onTwo.vitals.length, onTwo.diagnoses.length, onTwo.procedures.length]).toEqual([1, 1, 1]);
      expect(count(two, 'SELECT count(*) FROM protocol')).toBe(3);

      // Both offline again: an addendum on each.
      clock.now += 60_000;
      addAddendum(two, as(two, adminId(two), 'nurse'), addAddendumInput.parse({ consultationId: c.id, text: 'Owner called: ear better.' }));
      addAddendum(one, doctor1, addAddendumInput.parse({ consultationId: c.id, text: 'Correction: right ear, not left.' }));
      await syncBoth(one, two);
      await expectAllIdentical([one, two]);
      for (const db of [one, two]) {
        const view = consultationForVisit(db, as(db, doctorId, 'doctor'), seed.visitId)!;
        expect(view.addenda.map((a) => a.text).sort()).toEqual(['Correction: right ear, not left.', 'Owner called: ear better.']);
        expect(view.status).toBe('signed');
      }
    } finally {
      one.close();
      two.close();
    }
  }, 60_000);
});

describe('concurrent edits of the same unsigned note', () => {
  it('keep both versions and raise one conflict, the same on both devices; signing waits until it is settled', async () => {
    await resetHub();
    const clock = { now: START + 3_600_000 };
    const [one, two] = [await openDesk(clock), await openDesk(clock)];
    try {
      const doctor1 = as(one, doctorId, 'doctor');
      const c = startConsultation(one, doctor1, seed.visitId);
      saveConsultationDraft(one, doctor1, saveDraftInput.parse({ consultationId: c.id, subjective: 'Cough for a week.' }));
      await syncBoth(one, two);

      clock.now += 1_000;
      const laptop = 'Cough for a week. Worse at night.';
      const desk = 'Cough for a week, productive, green sputum.';
      saveConsultationDraft(one, doctor1, saveDraftInput.parse({ consultationId: c.id, subjective: desk }));
      clock.now += 1_000;
      saveConsultationDraft(two, as(two, doctorId, 'doctor'), saveDraftInput.parse({ consultationId: c.id, subjective: laptop, plan: 'Chest X-ray' }));
      await syncBoth(one, two);
      await expectAllIdentical([one, two]);

      const open = conflictRows(one).filter((r) => r.state === 'open');
      expect(open).toHaveLength(1);
      expect(open[0]).toMatchObject({ table_name: 'consultation', row_id: c.id, column_name: 'subjective', kind: 'clinical-text' });
      const shown = listConflicts(one, doctor1);
      expect(shown.map((s) => s.id)).toEqual([open[0]!.id]);
      expect(shown[0]!.versions.map((v) => v.value)).toEqual([desk, laptop]);
      for (const db of [one, two]) {
        const view = consultationForVisit(db, as(db, doctorId, 'doctor'), seed.visitId)!;
        expect(view.conflictedFields).toEqual(['subjective']);
        expect(view.plan).toBe('Chest X-ray'); // a column only one device edited merges as usual
      }
      expect(() => signConsultation(one, doctor1, c.id)).toThrow(/settle them in Conflicts before signing/);
    } finally {
      one.close();
      two.close();
    }
  }, 60_000);
});

describe('an edit made on another device while the note was being signed', () => {
  it('is a second version of that field on every device: identical replicas, one conflict, settled back to the signed text', async () => {
    await resetHub();
    const clock = { now: START + 3_600_000 };
    const [one, two] = [await openDesk(clock), await openDesk(clock)];
    try {
      const doctor1 = as(one, doctorId, 'doctor');
      const c = startConsultation(one, doctor1, seed.visitId);
      saveConsultationDraft(one, doctor1, saveDraftInput.parse({ consultationId: c.id, assessment: 'Viral URTI' }));
      await syncBoth(one, two);

      clock.now += 1_000;
      signConsultation(one, doctor1, c.id);
      clock.now += 1_000;
      saveConsultationDraft(two, as(two, doctorId, 'doctor'), saveDraftInput.parse({ consultationId: c.id, plan: 'Antibiotics after all' }));
      await syncBoth(one, two);
      await expectAllIdentical([one, two]);

      // Signed everywhere, the late edit kept as a version, and one conflict for a clinician, the same on both devices.
      // The signed note shows what was signed, on every device and the hub, though the late edit has the later clock.
      for (const db of [one, two]) {
        expect(db.sqlite.prepare('SELECT status, assessment, plan FROM consultation WHERE id = ?').get(c.id)).toEqual({ status: 'signed', assessment: 'Viral URTI', plan: null });
      }
      const open = conflictRows(one).filter((r) => r.state === 'open');
      expect(open).toHaveLength(1);
      expect(open[0]).toMatchObject({ table_name: 'consultation', row_id: c.id, column_name: 'plan', kind: 'clinical-text' });
      const [shown] = listConflicts(one, doctor1);
      expect(shown!.versions.map((v) => v.value).sort()).toEqual(['Antibiotics after all', null].sort());

      // The author keeps the text as signed; the late edit stays in the record's history (and can become an addendum).
      const signed = shown!.versions.find((v) => v.value === null)!;
      resolveConflict(one, doctor1, resolveConflictInput.parse({ conflictId: shown!.id, choice: 'keep', version: signed.hlc }));
      await syncBoth(one, two);
      await expectAllIdentical([one, two]);
      for (const db of [one, two]) {
        expect(db.sqlite.prepare('SELECT status, plan FROM consultation WHERE id = ?').get(c.id)).toEqual({ status: 'signed', plan: null });
        expect(conflictRows(db).filter((r) => r.state === 'open')).toEqual([]);
        expect(count(db, `SELECT count(*) FROM sync_inbox WHERE table_name = 'consultation' AND row_id = ? AND changes LIKE '%Antibiotics after all%'`, c.id) +
          count(db, `SELECT count(*) FROM sync_log WHERE table_name = 'consultation' AND row_id = ? AND changes LIKE '%Antibiotics after all%'`, c.id)).toBe(1);
      }
      // A plain edit of the signed note is still refused on either device.
      expect(() => saveConsultationDraft(two, as(two, doctorId, 'doctor'), saveDraftInput.parse({ consultationId: c.id, plan: 'Again' }))).toThrow(/signed/);
    } finally {
      one.close();
      two.close();
    }
  }, 60_000);
});

function adminId(db: LocalDatabase): string {
  return db.sqlite.prepare("SELECT user_id FROM practice_user WHERE role = 'admin' LIMIT 1").pluck().get() as string;
}
