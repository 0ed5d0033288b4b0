/** Refund (part of) one payment, with a reason for the audit log. */
import { useState } from 'react';
import { Button, Group, Paper, Stack, TextInput } from '@mantine/core';
import type { PaymentView } from '../../../shared/api/reception-types';
import { formatMoney, parseMoney } from '../../../shared/domain/money';
import { t } from '../../../shared/i18n';
import { actionMessageOf } from '../../api';
import { moneyText } from '../../reception';
import { notify } from '../../stores/notices';
import { useQueue } from '../../stores/queue';
import { ErrorNote } from '../ErrorNote';

interface Props {
  payment: PaymentView;
  /** What is left to refund of this payment, in minor units. */
  refundableMinor: number;
  currency: string;
  onDone: () => void;
  onCancel: () => void;
}

export function RefundForm({ payment, refundableMinor, currency, onDone, onCancel }: Props) {
  const refund = useQueue((s) => s.refund);
  const [amount, setAmount] = useState(moneyText(refundableMinor, currency));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    const amountMinor = parseMoney(amount, currency);
    if (amountMinor === null || amountMinor <= 0) {
      setError(t('payment.badAmount'));
      return;
    }
    if (amountMinor > refundableMinor) {
      setError(t('payment.refundTooMuch', { amount: formatMoney(refundableMinor, currency) }));
      return;
    }
    if (!reason.trim()) {
      setError(t('payment.refundReasonRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const done = await refund({ paymentId: payment.id, amountMinor, reason: reason.trim() });
      notify(t('payment.refunded', { amount: formatMoney(amountMinor, currency), receipt: done.receiptNumber }));
      onDone();
    } catch (e) {
      setError(actionMessageOf(e));
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="sm" radius="sm" bg="red.0">
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="refund-form">
        <Stack gap="xs">
          <Group grow align="flex-start">
            <TextInput label={t('payment.refundAmount')} value={amount} onChange={(e) => setAmount(e.currentTarget.value)} inputMode="decimal" data-autofocus data-testid="refund-amount" />
            <TextInput label={t('payment.refundReason')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-testid="refund-reason" />
          </Group>
          <ErrorNote message={error} />
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="default" onClick={onCancel}>
              {t('common.back')}
            </Button>
            <Button size="xs" type="submit" color="red" loading={busy} data-testid="refund-submit">
              {t('payment.refund')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
