import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClashDetail } from '../../shared/api/reception-types';
import { expectApiError } from '../helpers/expect-error';
import { openReception, type ReceptionPractice } from '../helpers/reception';

let rx: ReceptionPractice;
beforeEach(async () => {
  rx = await openReception();
});
afterEach(() => rx.close());

const count = (table: string) => rx.core.db.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const book = (patient: number, start: string, extra: Record<string, unknown> = {}) =>
  rx.admin.call('appointments.book', { patientId: rx.patients[patient]!, practitionerId: rx.doctorId, serviceTypeId: rx.serviceId, roomId: rx.roomId, start, ...extra });

describe('booking', () => {
  it('creates the appointment, its visit and its pending charge together, all in the outbox', async () => {
    const outbox = count('sync_log');
    const { appointmentIds, bookingRefs } = await book(0, '2026-11-25T09:00', { source: 'PHONE' });
    expect(bookingRefs[0]).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const [view] = await rx.admin.call('appointments.day', { day: '2026-11-25' });
    expect(view).toMatchObject({
      id: appointmentIds[0],
      startAt: '2026-11-25T07:00:00.000Z', // 09:00 in Johannesburg
      endAt: '2026-11-25T07:30:00.000Z',
      status: 'CONFIRMED',
      visitStatus: 'SCHEDULED',
      patientName: 'Thandi Nkosi',
      practitionerName: 'Dr Mokoena',
      roomName: 'Room 1',
    });
    const charge = rx.core.db.sqlite.prepare('SELECT amount_minor, practitioner_share_minor, centre_share_minor FROM charge').get();
    expect(charge).toEqual({ amount_minor: 45_000, practitioner_share_minor: 27_000, centre_share_minor: 18_000 });
    const tables = rx.core.db.sqlite.prepare('SELECT table_name FROM sync_log WHERE seq > ? ORDER BY seq').pluck().all(outbox);
    expect(tables).toEqual(['appointment', 'visit', 'charge', 'audit_log']);
  });

  it('is atomic: a failure after the first insert leaves no appointment, visit, charge or outbox entry', async () => {
    const before = ['appointment', 'visit', 'charge', 'sync_log', 'audit_log'].map(count);
    // A real failure, injected into the database: the visit insert (the second one) aborts.
    rx.core.db.sqlite.exec("CREATE TEMP TRIGGER fail_visit BEFORE INSERT ON visit BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
    const error = await expectApiError(book(0, '2026-11-25T09:00'), 'internal');
    expect(error.message).toBe('Something went wrong; nothing was saved');
    expect(['appointment', 'visit', 'charge', 'sync_log', 'audit_log'].map(count)).toEqual(before);
    rx.core.db.sqlite.exec('DROP TRIGGER fail_visit');
    await book(0, '2026-11-25T09:00');
    expect(count('appointment')).toBe(1);
  });

  it('refuses a double-booking with the clashes named, and books it stacked when given a reason', async () => {
    const first = await book(0, '2026-11-25T09:00');
    const clash = await expectApiError(book(1, '2026-11-25T09:15'), 'conflict');
    const detail = clash.detail as ClashDetail;
    expect(detail.clashes.map((c) => [c.kind, c.appointmentId, c.patientName])).toEqual([
      ['practitioner', first.appointmentIds[0], 'Thandi Nkosi'],
      ['room', first.appointmentIds[0], 'Thandi Nkosi'],
    ]);
    expect(count('appointment')).toBe(1);
    // Back to back is not a clash.
    await book(1, '2026-11-25T09:30');
    // The same patient with another practitioner at the same time is.
    const samePatient = await expectApiError(book(0, '2026-11-25T09:10', { roomId: null, overrideReason: null }), 'conflict');
    expect((samePatient.detail as ClashDetail).clashes.map((c) => c.kind)).toContain('patient');
    await book(2, '2026-11-25T09:00', { overrideReason: 'Emergency squeezed in' });
    const day = await rx.admin.call('appointments.day', { day: '2026-11-25' });
    expect(day.filter((a) => a.startAt === '2026-11-25T07:00:00.000Z').map((a) => a.overrideReason)).toEqual([null, 'Emergency squeezed in']);
  });

  it('books a recurring series as real occurrences, each checked, and moves or cancels "this and following"', async () => {
    await book(1, '2026-12-23T09:00'); // will clash with the 3rd occurrence
    const refused = await expectApiError(book(0, '2026-12-09T09:00', { repeat: { everyDays: 7, occurrences: 6 } }), 'conflict');
    expect((refused.detail as ClashDetail).clashes).toHaveLength(2);
    const series = await book(0, '2026-12-09T10:00', { repeat: { everyDays: 14, occurrences: 6 } });
    expect(series.appointmentIds).toHaveLength(6);
    const week = await rx.admin.call('appointments.week', { firstDay: '2026-12-21' });
    expect(week.map((a) => [a.startAt, a.recurrenceIndex])).toEqual([
      ['2026-12-23T07:00:00.000Z', null],
      ['2026-12-23T08:00:00.000Z', 1],
    ]);
    // Move the 3rd and following to 11:30.
    await rx.admin.call('appointments.reschedule', { appointmentId: series.appointmentIds[2]!, start: '2027-01-06T11:30', scope: 'following' });
    const moved = await rx.admin.call('appointments.week', { firstDay: '2027-01-04' });
    expect(moved[0]?.startAt).toBe('2027-01-06T09:30:00.000Z');
    const cancelled = await rx.admin.call('appointments.cancel', { appointmentId: series.appointmentIds[4]!, reason: 'Moving away', scope: 'following' });
    expect(cancelled.cancelled).toBe(2);
    const statuses = rx.core.db.sqlite.prepare('SELECT status FROM appointment WHERE recurrence_id IS NOT NULL ORDER BY recurrence_index').pluck().all();
    expect(statuses).toEqual(['CONFIRMED', 'CONFIRMED', 'CONFIRMED', 'CONFIRMED', 'CANCELLED', 'CANCELLED']);
  });

  it('finds the next free slot inside working hours, around existing bookings', async () => {
    await book(0, '2026-11-25T08:00');
    await book(1, '2026-11-25T08:30');
    const slot = await rx.admin.call('appointments.nextFreeSlot', { serviceTypeId: rx.serviceId, from: '2026-11-25T07:00' });
    expect(slot).toEqual({ startAt: '2026-11-25T07:00:00.000Z', endAt: '2026-11-25T07:30:00.000Z', practitionerId: rx.doctorId });
    const evening = await rx.admin.call('appointments.nextFreeSlot', { serviceTypeId: rx.serviceId, from: '2026-11-27T16:45' });
    // Friday 16:45 does not fit 30 minutes before 17:00: Monday 08:00.
    expect(evening?.startAt).toBe('2026-11-30T06:00:00.000Z');
  });

  it('only roles allowed to book may book', async () => {
    const billing = await rx.staffClient('billing');
    await expectApiError(
      billing.call('appointments.book', { patientId: rx.patients[0]!, practitionerId: rx.doctorId, serviceTypeId: rx.serviceId, start: '2026-11-25T09:00' }),
      'forbidden',
    );
    const receptionist = await rx.staffClient('receptionist');
    await receptionist.call('appointments.book', { patientId: rx.patients[0]!, practitionerId: rx.doctorId, serviceTypeId: rx.serviceId, start: '2026-11-25T09:00' });
    await expectApiError(receptionist.call('reception.saveRoom', { fields: { name: 'Room 2' } }), 'forbidden');
  });
});
