/**
 * Two reception desktops, both lettered "A", cut off from each other for a
 * morning: each books and checks patients in for the same day, and two of
 * their appointments happen to draw the same booking reference. Through the
 * real hub (embedded Postgres, gateway, supabase-js) they end with one
 * queue: every visit once, numbers unique, the desk that checked in later
 * renumbering its own patients; the clash shown on the other desk's board
 * until then; the higher appointment id on its next reference.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core/core';
import { bookAppointment } from '../../electron/services/booking';
import { checkIn, queueForDay, registerWalkIn } from '../../electron/services/queue';
import { saveDesk } from '../../electron/services/reception-setup';
import { bookingRefFor } from '../../shared/domain/numbering';
import { bookAppointmentInput, walkInInput } from '../../shared/schemas/reception';
import { TEST_PASSWORD, useHub } from '../helpers/hub';
import { openReception, type ReceptionPractice } from '../helpers/reception';
import { tempDir } from '../helpers/temp-dir';
import { actorOn, syncedSnapshot } from './devices';

const hub = useHub();
const DAY = '2026-11-25';
let a: ReceptionPractice;
let b: Core;
const bDir = tempDir('practice-desk-desk-b-');
let practiceId = '';
let adminId = '';

beforeAll(async () => {
  a = await openReception(Date.parse(`${DAY}T06:30:00Z`)); // 08:30 in Johannesburg
  const session = await a.admin.call('auth.session', {});
  practiceId = session.practice.id;
  adminId = session.user.id;
  await hub().createPractice(practiceId, session.practice.name);
  for (const email of ['desk-a@rosebank.test', 'desk-b@rosebank.test']) await hub().addMember(practiceId, await hub().addUser(email, TEST_PASSWORD), 'admin');
  await a.admin.call('sync.connect', { url: hub().url, anonKey: hub().anonKey, email: 'desk-a@rosebank.test', password: TEST_PASSWORD });
  b = await openCore({ dataDir: bDir.path, now: () => a.clock.now });
  await b.sync.connect({ url: hub().url, anonKey: hub().anonKey, email: 'desk-b@rosebank.test', password: TEST_PASSWORD });
});

afterAll(async () => {
  await b?.shutdown();
  bDir.remove();
  await a?.core.shutdown();
  a?.close();
});

const syncA = async () => (await a.admin.call('sync.now', {})).status;
const syncB = async () => (await b.sync.syncNow()).status;
const boardOf = (core: Core) => queueForDay(core.db, actorOn(core.db, adminId, practiceId), DAY).entries;

describe('two reception desks offline from each other', () => {
  it('end with one queue: every visit once, numbers unique, clashes shown then settled by the rule', async () => {
    expect(await syncA()).toMatchObject({ state: 'online', waiting: 0 });
    expect(await syncB()).toMatchObject({ state: 'online', waiting: 0 });
    const deskB = actorOn(b.db, adminId, practiceId);
    await a.admin.call('reception.saveDesk', { queueSeries: 'A', waitingAlertMinutes: 20 });
    saveDesk(b.db, deskB, { queueSeries: 'A', waitingAlertMinutes: 20 });

    // The morning, both offline (neither syncs). Desk A checks in first.
    const book = async (patient: number, start: string) =>
      (await a.admin.call('appointments.book', { patientId: a.patients[patient]!, practitionerId: a.doctorId, serviceTypeId: a.serviceId, start })).appointmentIds[0]!;
    const thandi = await a.admin.call('appointments.checkIn', { appointmentId: await book(0, `${DAY}T09:00`) });
    a.clock.now += 60_000;
    const pieter = await a.admin.call('visits.walkIn', { patientId: a.patients[1]!, serviceTypeId: a.serviceId });
    a.clock.now += 60_000;
    const onB = bookAppointment(b.db, deskB, bookAppointmentInput.parse({ patientId: a.patients[2]!, practitionerId: a.doctorId, serviceTypeId: a.serviceId, start: `${DAY}T11:00` }));
    const aisha = checkIn(b.db, deskB, onB.appointmentIds[0]!);
    a.clock.now += 60_000;
    const walkInOnB = registerWalkIn(b.db, deskB, walkInInput.parse({ patientId: a.patients[0]!, serviceTypeId: a.serviceId }));
    expect([thandi.queueLabel, pieter.queueLabel, aisha.queueLabel, walkInOnB.queueLabel]).toEqual(['A-1', 'A-2', 'A-1', 'A-2']);

    // Two references that met by chance (40 random bits each): B's appointment, the later id, drew A's.
    const refOnA = a.core.db.sqlite.prepare('SELECT booking_ref FROM appointment WHERE id = ?').pluck().get(thandi.appointmentId) as string;
    b.db.transaction(null, () => b.db.sqlite.prepare('UPDATE appointment SET booking_ref = ? WHERE id = ?').run(refOnA, aisha.appointmentId));
    expect(aisha.appointmentId! > thandi.appointmentId!).toBe(true);

    // A sends its morning; B sends its own and receives A's: B renumbers its two patients.
    await syncA();
    await syncB();
    const onBoardB = boardOf(b);
    expect(onBoardB.find((e) => e.visitId === aisha.visitId)?.queueLabel).toBe('A-3');
    expect(onBoardB.find((e) => e.visitId === walkInOnB.visitId)?.queueLabel).toBe('A-4');
    expect(b.db.sqlite.prepare('SELECT booking_ref FROM appointment WHERE id = ?').pluck().get(aisha.appointmentId)).toBe(bookingRefFor(aisha.appointmentId!, 1));

    // A receives B's visits before B's renumbering: its board shows the clash on B's cards, not on its own.
    await syncA();
    const clashing = boardOf(a.core);
    expect(clashing.filter((e) => e.queueLabelClash).map((e) => e.visitId).sort()).toEqual([aisha.visitId, walkInOnB.visitId].sort());
    expect(clashing.find((e) => e.visitId === thandi.visitId)).toMatchObject({ queueLabel: 'A-1', queueLabelClash: false });
    // A met the reference clash too and settled it by the same rule, to the same reference: nothing waits.
    expect(a.core.db.sqlite.prepare('SELECT count(*) FROM sync_unapplied').pluck().get()).toBe(0);
    expect(a.core.db.sqlite.prepare('SELECT booking_ref FROM appointment WHERE id = ?').pluck().get(aisha.appointmentId)).toBe(bookingRefFor(aisha.appointmentId!, 1));

    // B's renumbering travels; both desks and the hub agree.
    await syncB();
    await syncA();
    await syncB();
    expect(await syncA()).toMatchObject({ waiting: 0, lastError: null });
    expect(await syncB()).toMatchObject({ waiting: 0, lastError: null });

    for (const core of [a.core, b]) {
      const board = boardOf(core);
      expect(board.map((e) => [e.visitId, e.queueLabel, e.queueLabelClash])).toEqual([
        [thandi.visitId, 'A-1', false],
        [pieter.visitId, 'A-2', false],
        [aisha.visitId, 'A-3', false],
        [walkInOnB.visitId, 'A-4', false],
      ]);
      expect(core.db.sqlite.prepare('SELECT count(*) FROM sync_unapplied').pluck().get()).toBe(0);
      const refs = core.db.sqlite.prepare('SELECT booking_ref FROM appointment WHERE practice_id = ?').pluck().all(practiceId) as string[];
      expect(new Set(refs).size).toBe(refs.length);
    }
    expect(syncedSnapshot(a.core.db)).toEqual(syncedSnapshot(b.db));
    const { rows } = await hub().admin.query<{ n: string }>(
      `SELECT count(*) AS n FROM hub.row_state WHERE table_name = 'visit' AND practice_id = $1`,
      [practiceId],
    );
    expect(Number(rows[0]!.n)).toBe(4);
  });
});
