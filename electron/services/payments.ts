/**
 * Payments at the desk: partial payments, refunds as new (negative) ledger
 * rows, the practitioner/centre split on every row, receipts as PDF.
 */
import type { z } from 'zod';
import type { PaymentView, Receipt } from '../../shared/api/reception-types';
import { formatMoney } from '../../shared/domain/money';
import { utcToLocal } from '../../shared/domain/practice-time';
import type { refundInput, takePaymentInput } from '../../shared/schemas/reception';
import { appendAudit } from '../db/audit-log';
import type { LocalDatabase } from '../db/database';
import { chargesOfVisit, findPayment, nextReceiptNumber, paymentsOfVisit, refundedSoFar, toPaymentView } from '../db/ledger';
import { findAccountRow, findPatientRow, displayName } from '../db/patients';
import { userNames } from '../db/staff';
import { insertSynced } from '../db/synced-rows';
import { findVisit } from '../db/visits';
import type { Actor } from './actor';
import { conflict, notFound, validationError } from './errors';
import { balanceOf, setVisitStatus } from './queue';
import { queueSeriesOf } from './reception-setup';
import { renderReceipt } from './receipt-pdf';
import { t } from '../../shared/i18n';

/** The practitioner's part of an amount, in the same proportion as the visit's charges. */
function practitionerPart(db: LocalDatabase, visitId: string, amountMinor: number): number {
  const charges = chargesOfVisit(db, visitId);
  const total = charges.reduce((s, c) => s + c.amount_minor, 0);
  const practitioner = charges.reduce((s, c) => s + c.practitioner_share_minor, 0);
  return total === 0 ? 0 : Math.round((amountMinor * practitioner) / total);
}

export function takePayment(db: LocalDatabase, actor: Actor, input: z.output<typeof takePaymentInput>): PaymentView {
  return db.transaction(actor.userId, () => {
    const visit = findVisit(db, actor.practiceId, input.visitId);
    if (!visit) throw notFound('Visit');
    if (visit.status === 'CANCELLED') throw conflict('err.visitCancelled');
    const { due, paid } = balanceOf(db, visit.id);
    if (input.amountMinor > due - paid) {
      throw validationError({ amountMinor: t('err.overpayment', { amount: formatMoney(Math.max(0, due - paid), actor.practice.currency) }) });
    }
    const patient = findPatientRow(db, actor.practiceId, visit.patient_id)!;
    const practitioner = practitionerPart(db, visit.id, input.amountMinor);
    const id = insertSynced(db, 'payment', actor.practiceId, {
      visit_id: visit.id,
      patient_id: patient.id,
      account_id: patient.account_id,
      amount_minor: input.amountMinor,
      method: input.method,
      reference: input.reference,
      refund_of: null,
      reason: null,
      practitioner_share_minor: practitioner,
      centre_share_minor: input.amountMinor - practitioner,
      received_by: actor.userId,
      received_at: db.isoNow(),
      receipt_number: nextReceiptNumber(db, actor.practiceId, queueSeriesOf(db)),
    });
    appendAudit(db, { practiceId: actor.practiceId, userId: actor.userId, action: 'create', entityType: 'payment', entityId: id, patientId: patient.id, after: input });
    if (paid + input.amountMinor >= due && visit.status === 'PENDING_PAYMENT') setVisitStatus(db, actor, visit, 'COMPLETED');
    return toPaymentView(findPayment(db, actor.practiceId, id)!);
  });
}

export function refundPayment(db: LocalDatabase, actor: Actor, input: z.output<typeof refundInput>): PaymentView {
  return db.transaction(actor.userId, () => {
    const original = findPayment(db, actor.practiceId, input.paymentId);
    if (!original || original.amount_minor < 0) throw notFound('Payment');
    const refundable = original.amount_minor - refundedSoFar(db, original.id);
    if (input.amountMinor > refundable) {
      throw validationError({ amountMinor: `At most ${formatMoney(refundable, actor.practice.currency)} can still be refunded` });
    }
    const practitioner = -Math.round((input.amountMinor * original.practitioner_share_minor) / original.amount_minor);
    const id = insertSynced(db, 'payment', actor.practiceId, {
      visit_id: original.visit_id,
      patient_id: original.patient_id,
      account_id: original.account_id,
      amount_minor: -input.amountMinor,
      method: original.method,
      reference: original.reference,
      refund_of: original.id,
      reason: input.reason,
      practitioner_share_minor: practitioner,
      centre_share_minor: -input.amountMinor - practitioner,
      received_by: actor.userId,
      received_at: db.isoNow(),
      receipt_number: nextReceiptNumber(db, actor.practiceId, queueSeriesOf(db)),
    });
    appendAudit(db, { practiceId: actor.practiceId, userId: actor.userId, action: 'create', entityType: 'refund', entityId: id, patientId: original.patient_id, after: input });
    return toPaymentView(findPayment(db, actor.practiceId, id)!);
  });
}

export function paymentsForVisit(db: LocalDatabase, actor: Actor, visitId: string): PaymentView[] {
  if (!findVisit(db, actor.practiceId, visitId)) throw notFound('Visit');
  return paymentsOfVisit(db, visitId).map(toPaymentView);
}

export async function receipt(db: LocalDatabase, actor: Actor, paymentId: string): Promise<Receipt> {
  const payment = findPayment(db, actor.practiceId, paymentId);
  if (!payment) throw notFound('Payment');
  const patient = findPatientRow(db, actor.practiceId, payment.patient_id)!;
  const account = findAccountRow(db, actor.practiceId, payment.account_id)!;
  const money = (minor: number) => formatMoney(minor, actor.practice.currency);
  const charges = payment.visit_id ? chargesOfVisit(db, payment.visit_id) : [];
  const balance = payment.visit_id ? balanceOf(db, payment.visit_id) : { due: 0, paid: 0 };
  const pdf = await renderReceipt({
    practiceName: actor.practice.name,
    receiptNumber: payment.receipt_number,
    receivedAt: utcToLocal(payment.received_at, actor.practice.timeZone).replace('T', ' '),
    patientName: displayName(patient, account.last_name),
    accountName: `${account.first_name} ${account.last_name}`,
    lines: charges.map((c) => ({ label: c.description, amount: money(c.amount_minor) })),
    total: money(Math.abs(payment.amount_minor)),
    method: payment.method.replace('_', ' ').toLowerCase(),
    reference: payment.reference,
    balanceAfter: money(balance.due - balance.paid),
    receivedBy: (payment.received_by && userNames(db, [payment.received_by]).get(payment.received_by)) || '',
    isRefund: payment.amount_minor < 0,
  });
  return { fileName: `receipt-${payment.receipt_number}.pdf`, pdfBase64: Buffer.from(pdf).toString('base64') };
}
