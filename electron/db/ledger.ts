/** Charges (what a visit costs) and the payment ledger (what was paid, and refunded). */
import type { DayTotals, PaymentView, QueueEntry } from '../../shared/api/reception-types';
import type { PaymentMethod } from '../../shared/schemas/reception';
import { PAYMENT_METHODS } from '../../shared/schemas/reception';
import { splitShare } from '../../shared/domain/money';
import type { LocalDatabase } from './database';
import type { ChargeTable, PaymentTable, ServiceTypeTable } from './schema';
import { insertSynced } from './synced-rows';

/** The pending charge every new visit carries (seed 002): the service's price, split practitioner/centre. */
export function insertPendingCharge(
  db: LocalDatabase,
  practiceId: string,
  visit: { id: string; patientId: string; accountId: string; practitionerId: string | null },
  service: Pick<ServiceTypeTable, 'name' | 'price_minor' | 'practitioner_share_bp'>,
): string {
  const share = splitShare(service.price_minor, service.practitioner_share_bp);
  return insertSynced(db, 'charge', practiceId, {
    visit_id: visit.id,
    patient_id: visit.patientId,
    account_id: visit.accountId,
    description: service.name,
    amount_minor: service.price_minor,
    practitioner_id: visit.practitionerId,
    practitioner_share_minor: share.practitioner,
    centre_share_minor: share.centre,
  });
}

export function chargesOfVisit(db: LocalDatabase, visitId: string): ChargeTable[] {
  return db.all(db.kysely.selectFrom('charge').selectAll().where('visit_id', '=', visitId).where('deleted_at', 'is', null));
}

export function paymentsOfVisit(db: LocalDatabase, visitId: string): PaymentTable[] {
  return db.all(db.kysely.selectFrom('payment').selectAll().where('visit_id', '=', visitId).orderBy('received_at'));
}

export function findPayment(db: LocalDatabase, practiceId: string, id: string): PaymentTable | undefined {
  return db.first(db.kysely.selectFrom('payment').selectAll().where('id', '=', id).where('practice_id', '=', practiceId));
}

export function refundedSoFar(db: LocalDatabase, paymentId: string): number {
  const row = db.first(
    db.kysely.selectFrom('payment').select((eb) => eb.fn.sum<number>('amount_minor').as('total')).where('refund_of', '=', paymentId),
  );
  return -(row?.total ?? 0);
}

export function nextReceiptNumber(db: LocalDatabase, practiceId: string, series: string): string {
  const prefix = `R${series}-`;
  const row = db.first(
    db.kysely
      .selectFrom('payment')
      .select((eb) => eb.fn.max('receipt_number').as('last'))
      .where('practice_id', '=', practiceId)
      .where('receipt_number', '>=', prefix)
      .where('receipt_number', '<', `${prefix}~`),
  );
  const last = row?.last ? Number(row.last.slice(prefix.length)) : 0;
  return `${prefix}${String(last + 1).padStart(6, '0')}`;
}

export function toPaymentView(row: PaymentTable): PaymentView {
  return {
    id: row.id,
    visitId: row.visit_id,
    amountMinor: row.amount_minor,
    method: row.method as PaymentMethod,
    reference: row.reference,
    receiptNumber: row.receipt_number,
    receivedAt: row.received_at,
    refundOf: row.refund_of,
    reason: row.reason,
  };
}

/** Money and visits of a clinic day: charges of its visits that arrived and were not cancelled, payments received within its hours. */
/**
 * The day's totals. Visit counts and charges come from the board's own rows
 * (the visits that arrived: not cancelled, not still only booked), so the
 * board costs one visit query; payments are those received that day, whichever
 * day their visit was.
 */
export function dayTotals(db: LocalDatabase, practiceId: string, entries: readonly QueueEntry[], fromUtc: string, toUtc: string): DayTotals {
  const arrived = entries.filter((e) => e.status !== 'CANCELLED' && e.status !== 'SCHEDULED');
  const visits = {
    all: arrived.length,
    completed: arrived.filter((e) => e.status === 'COMPLETED').length,
    waiting: arrived.filter((e) => e.status === 'WAITING').length,
  };
  const charged = { total: arrived.reduce((sum, e) => sum + e.dueMinor, 0) };
  // Compiled once: every board refresh asks.
  const payments = db.allShaped(
    'payments received in a range',
    () =>
      db.kysely
        .selectFrom('payment')
        .select(['amount_minor', 'method', 'practitioner_share_minor', 'centre_share_minor'])
        .where('practice_id', '=', practiceId)
        .where('received_at', '>=', fromUtc)
        .where('received_at', '<', toUtc)
        .compile(),
    [practiceId, fromUtc, toUtc],
  );
  const byMethod = Object.fromEntries(PAYMENT_METHODS.map((m) => [m, 0])) as Record<PaymentMethod, number>;
  const totals = { taken: 0, refunded: 0, practitioner: 0, centre: 0 };
  for (const p of payments) {
    byMethod[p.method as PaymentMethod] += p.amount_minor;
    if (p.amount_minor > 0) totals.taken += p.amount_minor;
    else totals.refunded -= p.amount_minor;
    totals.practitioner += p.practitioner_share_minor;
    totals.centre += p.centre_share_minor;
  }
  return {
    visits: visits.all,
    completed: visits.completed,
    waiting: visits.waiting,
    chargedMinor: charged.total,
    takenMinor: totals.taken,
    refundedMinor: totals.refunded,
    byMethod,
    practitionerShareMinor: totals.practitioner,
    centreShareMinor: totals.centre,
  };
}
