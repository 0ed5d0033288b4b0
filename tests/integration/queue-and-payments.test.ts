import { PDFDocument } from 'pdf-lib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectApiError } from '../helpers/expect-error';
import { openReception, type ReceptionPractice } from '../helpers/reception';

let rx: ReceptionPractice;
beforeEach(async () => {
  rx = await openReception(Date.parse('2026-11-25T07:45:00Z')); // 09:45 in Johannesburg
});
afterEach(() => rx.close());

const book = async (patient: number, start: string) =>
  (await rx.admin.call('appointments.book', { patientId: rx.patients[patient]!, practitionerId: rx.doctorId, serviceTypeId: rx.serviceId, start })).appointmentIds[0]!;

describe('the day at the desk', () => {
  it('checks in, takes walk-ins, numbers the queue per desk series, and moves visits only legally', async () => {
    await rx.admin.call('reception.saveDesk', { queueSeries: 'A', waitingAlertMinutes: 15 });
    const first = await book(0, '2026-11-25T10:00');
    const second = await book(1, '2026-11-25T10:30');
    const tomorrow = await book(2, '2026-11-26T10:00');

    const thandi = await rx.admin.call('appointments.checkIn', { appointmentId: first });
    const pieter = await rx.admin.call('appointments.checkIn', { appointmentId: second });
    const walkIn = await rx.admin.call('visits.walkIn', { patientId: rx.patients[2]!, serviceTypeId: rx.serviceId });
    expect([thandi.queueLabel, pieter.queueLabel, walkIn.queueLabel]).toEqual(['A-1', 'A-2', 'A-3']);
    expect(walkIn).toMatchObject({ type: 'WALK_IN', status: 'WAITING', dueMinor: 45_000, paidMinor: 0, appointmentId: null });
    await expectApiError(rx.admin.call('appointments.checkIn', { appointmentId: first }), 'conflict');
    await expectApiError(rx.admin.call('appointments.checkIn', { appointmentId: tomorrow }), 'validation');

    // A booked visit joins the queue only by checking in (which numbers it), never by a move.
    const notArrived = (await rx.admin.call('appointments.day', { day: '2026-11-26' }))[0]!.visitId!;
    const jumped = await expectApiError(rx.admin.call('visits.move', { visitId: notArrived, to: 'WAITING' }), 'conflict');
    expect(jumped.message).toMatch(/^Check the patient in first/);
    const illegal = await expectApiError(rx.admin.call('visits.move', { visitId: thandi.visitId, to: 'IN_PROGRESS' }), 'conflict');
    expect(illegal.message).toMatch(/cannot go from waiting to in progress; next can be called or cancelled/);

    const board = await rx.admin.call('queue.day', { day: '2026-11-25' });
    expect(board.entries.map((e) => [e.queueLabel, e.status])).toEqual([
      ['A-1', 'WAITING'],
      ['A-2', 'WAITING'],
      ['A-3', 'WAITING'],
    ]);
    expect(board.waitingAlertMinutes).toBe(15);
    const appointment = (await rx.admin.call('appointments.day', { day: '2026-11-25' }))[0];
    expect(appointment?.status).toBe('CHECKED_IN');
  });

  it('flags a queue number another desk also gave out, on the later check-in only', async () => {
    await rx.admin.call('reception.saveDesk', { queueSeries: 'A', waitingAlertMinutes: 15 });
    const thandi = await rx.admin.call('appointments.checkIn', { appointmentId: await book(0, '2026-11-25T10:00') });
    rx.clock.now += 60_000;
    const walkIn = await rx.admin.call('visits.walkIn', { patientId: rx.patients[1]!, serviceTypeId: rx.serviceId });
    // As a synced row from a second desk, also lettered A and offline, would land: its own A-1.
    rx.core.db.transaction(null, () => {
      rx.core.db.sqlite.prepare('UPDATE visit SET queue_series = ?, queue_number = ? WHERE id = ?').run('A', 1, walkIn.visitId);
    });
    const board = await rx.admin.call('queue.day', { day: '2026-11-25' });
    expect(board.entries.map((e) => [e.visitId, e.queueLabel, e.queueLabelClash])).toEqual([
      [thandi.visitId, 'A-1', false],
      [walkIn.visitId, 'A-1', true],
    ]);
    // A single entry (as returned after an action) carries the flag too, and the next number skips past both.
    const called = await rx.admin.call('visits.move', { visitId: walkIn.visitId, to: 'CALLED' });
    expect(called.queueLabelClash).toBe(true);
    const next = await rx.admin.call('visits.walkIn', { patientId: rx.patients[2]!, serviceTypeId: rx.serviceId });
    expect(next.queueLabel).toBe('A-2');
  });

  it('runs a visit to payment: call, start, finish, part-pay, pay, refund; shares and totals add up', async () => {
    const id = await book(0, '2026-11-25T10:00');
    const { visitId } = await rx.admin.call('appointments.checkIn', { appointmentId: id });
    const doctor = rx.client();
    doctor.setToken((await doctor.call('auth.signIn', { email: 'dr.mokoena@rosebank.test', password: 'a long enough password' })).token);
    await doctor.call('visits.move', { visitId, to: 'CALLED' });
    await doctor.call('visits.move', { visitId, to: 'IN_PROGRESS' });
    const finished = await doctor.call('visits.move', { visitId, to: 'PENDING_PAYMENT' });
    expect(finished.status).toBe('PENDING_PAYMENT');
    await expectApiError(rx.admin.call('visits.move', { visitId, to: 'COMPLETED' }), 'conflict');

    const over = await expectApiError(rx.admin.call('payments.take', { visitId, amountMinor: 50_000, method: 'CASH' }), 'validation');
    expect(over.fields?.amountMinor).toMatch(/^Only ZAR\s450\.00 is due$/);
    const part = await rx.admin.call('payments.take', { visitId, amountMinor: 20_000, method: 'CASH' });
    expect((await rx.admin.call('queue.day', { day: '2026-11-25' })).entries[0]?.status).toBe('PENDING_PAYMENT');
    const rest = await rx.admin.call('payments.take', { visitId, amountMinor: 25_000, method: 'CARD', reference: 'AUTH 1234' });
    expect([part.receiptNumber, rest.receiptNumber]).toEqual([expect.stringMatching(/^R[A-Z]-000001$/), expect.stringMatching(/^R[A-Z]-000002$/)]);

    const board = await rx.admin.call('queue.day', { day: '2026-11-25' });
    expect(board.entries[0]).toMatchObject({ status: 'COMPLETED', dueMinor: 45_000, paidMinor: 45_000 });
    expect((await rx.admin.call('appointments.day', { day: '2026-11-25' }))[0]?.status).toBe('COMPLETED');

    const billing = await rx.staffClient('billing');
    await expectApiError(rx.staffClient('receptionist').then((r) => r.call('payments.refund', { paymentId: rest.id, amountMinor: 5_000, reason: 'x' })), 'forbidden');
    const refund = await billing.call('payments.refund', { paymentId: rest.id, amountMinor: 5_000, reason: 'Charged twice for the plaster' });
    expect(refund).toMatchObject({ amountMinor: -5_000, refundOf: rest.id, method: 'CARD' });
    await expectApiError(billing.call('payments.refund', { paymentId: rest.id, amountMinor: 20_001, reason: 'too much' }), 'validation');

    const totals = (await rx.admin.call('queue.day', { day: '2026-11-25' })).totals;
    expect(totals).toMatchObject({ visits: 1, completed: 1, chargedMinor: 45_000, takenMinor: 45_000, refundedMinor: 5_000 });
    expect(totals.byMethod).toEqual({ CASH: 20_000, CARD: 20_000, BANK_TRANSFER: 0, MEDICAL_AID: 0 });
    expect(totals.practitionerShareMinor + totals.centreShareMinor).toBe(40_000);
    expect(totals.practitionerShareMinor).toBe(24_000); // 60% of what was kept
    // The ledger is append-only: nothing rewrites a payment.
    expect(() => rx.core.db.sqlite.prepare('UPDATE payment SET amount_minor = 1').run()).toThrow(/append-only/);
  });

  it('cancelling a later step keeps what earlier steps saved', async () => {
    const id = await book(0, '2026-11-25T10:00');
    const { visitId } = await rx.admin.call('appointments.checkIn', { appointmentId: id });
    await rx.admin.call('visits.move', { visitId, to: 'CALLED' });
    await rx.admin.call('visits.move', { visitId, to: 'IN_PROGRESS' });
    await rx.admin.call('visits.move', { visitId, to: 'PENDING_PAYMENT' });
    // A payment refused half-way (bad input) leaves the visit and the check-in as they were.
    await expectApiError(rx.admin.call('payments.take', { visitId, amountMinor: 0, method: 'CASH' }), 'validation');
    const entry = (await rx.admin.call('queue.day', { day: '2026-11-25' })).entries[0];
    expect(entry).toMatchObject({ status: 'PENDING_PAYMENT', queueLabel: expect.stringMatching(/^[A-Z]-1$/), paidMinor: 0 });
  });

  it('prints a receipt as a PDF', async () => {
    const id = await book(0, '2026-11-25T10:00');
    const { visitId } = await rx.admin.call('appointments.checkIn', { appointmentId: id });
    const payment = await rx.admin.call('payments.take', { visitId, amountMinor: 45_000, method: 'CASH' });
    const receipt = await rx.admin.call('payments.receipt', { paymentId: payment.id });
    const bytes = Buffer.from(receipt.pdfBase64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getTitle()).toBe(`Receipt ${payment.receiptNumber}`);
    expect(receipt.fileName).toBe(`receipt-${payment.receiptNumber}.pdf`);
  });

  it('marks a no-show and cancels its visit; a cancelled appointment cannot be checked in', async () => {
    const id = await book(0, '2026-11-25T10:00');
    const noShow = await rx.admin.call('appointments.noShow', { appointmentId: id });
    expect(noShow).toMatchObject({ status: 'NO_SHOW', visitStatus: 'CANCELLED' });
    await expectApiError(rx.admin.call('appointments.checkIn', { appointmentId: id }), 'conflict');
  });
});
