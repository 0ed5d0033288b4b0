/**
 * Take a payment for a visit: what is due, what was paid, the amount (the
 * balance by default; part payments allowed), method and reference. The core
 * completes the visit once it is paid in full. Receipts save as PDF.
 */
import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Group, Modal, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import type { PaymentView } from '../../../shared/api/reception-types';
import { formatMoney, parseMoney } from '../../../shared/domain/money';
import { PAYMENT_METHODS, type PaymentMethod } from '../../../shared/schemas/reception';
import { t } from '../../../shared/i18n';
import { actionMessageOf, call, messageOf } from '../../api';
import { formatDateTime, labelOf } from '../../format';
import { downloadBase64, moneyText } from '../../reception';
import { notify } from '../../stores/notices';
import { useQueue } from '../../stores/queue';
import { useCan, useSignedIn } from '../../stores/session';
import { ErrorNote } from '../ErrorNote';
import { RefundForm } from './RefundForm';

export function PaymentDialog({ visitId, onClose }: { visitId: string; onClose: () => void }) {
  const { practice } = useSignedIn();
  const currency = practice.currency;
  const entry = useQueue((s) => s.board?.entries.find((e) => e.visitId === visitId) ?? null);
  const takePayment = useQueue((s) => s.takePayment);
  const canTake = useCan('payments.take');
  const canRefund = useCan('payments.refund');
  const [payments, setPayments] = useState<PaymentView[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const balance = entry ? entry.dueMinor - entry.paidMinor : 0;
  const [amount, setAmount] = useState(() => moneyText(Math.max(0, balance), currency));
  const [method, setMethod] = useState<PaymentMethod>('CASH');
  const [reference, setReference] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<PaymentView | null>(null);
  const [refunding, setRefunding] = useState<string | null>(null);
  const [saving, setSaving] = useState<string | null>(null);

  // Bumped after a payment or refund so the list below reloads.
  const [listVersion, setListVersion] = useState(0);
  const loadPayments = useCallback(() => setListVersion((v) => v + 1), []);

  useEffect(() => {
    let live = true;
    call('payments.forVisit', { visitId }).then(
      (list) => {
        if (!live) return;
        setPayments(list);
        setLoadError(null);
      },
      (e: unknown) => {
        if (live) setLoadError(messageOf(e));
      },
    );
    return () => {
      live = false;
    };
  }, [visitId, listVersion]);

  const saveReceipt = async (paymentId: string) => {
    setSaving(paymentId);
    try {
      const receipt = await call('payments.receipt', { paymentId });
      downloadBase64(receipt.fileName, receipt.pdfBase64);
    } catch (e) {
      notify(messageOf(e), 'error');
    } finally {
      setSaving(null);
    }
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const amountMinor = parseMoney(amount, currency);
    if (amountMinor === null || amountMinor <= 0) {
      setError(t('payment.badAmount'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const payment = await takePayment({ visitId, amountMinor, method, reference });
      setLast(payment);
      setReference('');
      notify(t('payment.taken', { amount: formatMoney(payment.amountMinor, currency), receipt: payment.receiptNumber }));
      const fresh = useQueue.getState().board?.entries.find((e) => e.visitId === visitId);
      setAmount(moneyText(Math.max(0, fresh ? fresh.dueMinor - fresh.paidMinor : 0), currency));
      loadPayments();
    } catch (e) {
      setError(actionMessageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const refundedOf = (id: string) => payments.filter((p) => p.refundOf === id).reduce((sum, p) => sum + Math.abs(p.amountMinor), 0);

  return (
    <Modal opened onClose={onClose} title={entry ? t('payment.titleFor', { patient: entry.patientName }) : t('payment.title')} size="lg">
      <Stack gap="sm" data-testid="payment-dialog" data-visit-id={visitId}>
        {entry ? (
          <Group gap="xl">
            <Stack gap={0}>
              <Text size="xs" c="dimmed">
                {t('payment.due')}
              </Text>
              <Text fw={700} data-testid="payment-due">
                {formatMoney(entry.dueMinor, currency)}
              </Text>
            </Stack>
            <Stack gap={0}>
              <Text size="xs" c="dimmed">
                {t('payment.paid')}
              </Text>
              <Text fw={700} data-testid="payment-paid">
                {formatMoney(entry.paidMinor, currency)}
              </Text>
            </Stack>
            <Stack gap={0}>
              <Text size="xs" c="dimmed">
                {t('payment.balance')}
              </Text>
              <Text fw={800} size="lg" c={balance > 0 ? 'red' : 'teal'} data-testid="payment-balance">
                {formatMoney(balance, currency)}
              </Text>
            </Stack>
            <Text size="sm" c="dimmed">
              {entry.serviceName}
            </Text>
          </Group>
        ) : null}
        <ErrorNote message={loadError} />
        {payments.length > 0 ? (
          <Table verticalSpacing={4} data-testid="payment-list">
            <Table.Tbody>
              {payments.map((p) => (
                <Table.Tr key={p.id} data-testid="payment-row" data-payment-id={p.id} data-refund={p.refundOf ? 'true' : undefined}>
                  <Table.Td className="pd-nowrap">{formatDateTime(p.receivedAt, practice.timeZone, false)}</Table.Td>
                  <Table.Td>{p.receiptNumber}</Table.Td>
                  <Table.Td>
                    {p.refundOf ? <Badge color="red" variant="light">{t('payment.refundBadge')}</Badge> : labelOf('method', p.method)}
                    {p.reference ? ` · ${p.reference}` : ''}
                    {p.reason ? ` · ${p.reason}` : ''}
                  </Table.Td>
                  <Table.Td ta="right" fw={600} className="pd-nowrap">
                    {formatMoney(p.refundOf ? -Math.abs(p.amountMinor) : p.amountMinor, currency)}
                  </Table.Td>
                  <Table.Td ta="right" className="pd-nowrap">
                    {canTake ? (
                      <Button size="compact-xs" variant="subtle" loading={saving === p.id} onClick={() => void saveReceipt(p.id)} data-testid="payment-row-receipt">
                        {t('payment.receiptShort')}
                      </Button>
                    ) : null}
                    {canRefund && !p.refundOf && refundedOf(p.id) < p.amountMinor ? (
                      <Button size="compact-xs" variant="subtle" color="red" onClick={() => setRefunding(p.id)} data-testid="payment-refund">
                        {t('payment.refund')}
                      </Button>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="sm" c="dimmed" data-testid="payment-none">
            {t('payment.none')}
          </Text>
        )}
        {refunding
          ? (() => {
              const payment = payments.find((p) => p.id === refunding);
              return payment ? (
                <RefundForm
                  payment={payment}
                  refundableMinor={payment.amountMinor - refundedOf(payment.id)}
                  currency={currency}
                  onCancel={() => setRefunding(null)}
                  onDone={() => {
                    setRefunding(null);
                    loadPayments();
                  }}
                />
              ) : null;
            })()
          : null}
        {last ? (
          <Group justify="space-between" className="pd-receipt-offer">
            <Text size="sm">{t('payment.takenShort', { amount: formatMoney(last.amountMinor, currency), receipt: last.receiptNumber })}</Text>
            <Button variant="light" loading={saving === last.id} onClick={() => void saveReceipt(last.id)} data-testid="payment-receipt">
              {t('payment.saveReceipt')}
            </Button>
          </Group>
        ) : null}
        {canTake && (!entry || balance > 0) ? (
          <form onSubmit={(e) => void submit(e)} noValidate data-testid="payment-form">
            <Stack gap="sm">
              <Group grow align="flex-start">
                <TextInput label={t('payment.amount', { currency })} value={amount} onChange={(e) => setAmount(e.currentTarget.value)} inputMode="decimal" data-autofocus data-testid="payment-amount" />
                <NativeSelect
                  label={t('payment.method')}
                  data={PAYMENT_METHODS.map((m) => ({ value: m, label: labelOf('method', m) }))}
                  value={method}
                  onChange={(e) => setMethod(e.currentTarget.value as PaymentMethod)}
                  data-testid="payment-method"
                />
                <TextInput label={t('payment.reference')} value={reference} onChange={(e) => setReference(e.currentTarget.value)} data-testid="payment-reference" />
              </Group>
              <ErrorNote message={error} />
              <Group justify="flex-end">
                <Button variant="default" onClick={onClose}>
                  {t('common.close')}
                </Button>
                <Button type="submit" color="grape" loading={busy} data-testid="payment-submit">
                  {t('payment.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <Group justify="space-between">
            {entry && balance <= 0 ? (
              <Text c="teal" fw={600} data-testid="payment-settled">
                {t('payment.settled')}
              </Text>
            ) : (
              <span />
            )}
            <Button variant="default" onClick={onClose} data-testid="payment-close">
              {t('common.close')}
            </Button>
          </Group>
        )}
      </Stack>
    </Modal>
  );
}
