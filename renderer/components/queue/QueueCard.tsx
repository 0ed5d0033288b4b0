/** One visit on the queue board: big queue number, who, with whom, how long, and the next legal moves. */
import { useState } from 'react';
import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { QueueEntry } from '../../../shared/api/reception-types';
import { visitStatus, type VisitStatus } from '../../../shared/domain/reception-status';
import { formatMoney } from '../../../shared/domain/money';
import { t } from '../../../shared/i18n';
import { joinParts } from '../../format';
import { elapsedText, localParts, minutesSince, VISIT_COLOURS, visitStatusLabel } from '../../reception';
import { ConsultButton } from '../consultation/ConsultButton';

interface Props {
  entry: QueueEntry;
  nowMs: number;
  alertMinutes: number;
  timeZone: string;
  currency: string;
  busy: boolean;
  can: { move: boolean; checkIn: boolean; pay: boolean };
  onMove: (to: VisitStatus) => void;
  onCheckIn: () => void;
  onPay: () => void;
  /** Start or open the visit's consultation (clinicians only). */
  onConsult?: () => void;
}

const MOVES: { to: VisitStatus; key: 'queue.call' | 'queue.start' | 'queue.finish' | 'queue.backToWaiting'; testId: string; variant: string }[] = [
  { to: 'CALLED', key: 'queue.call', testId: 'queue-call', variant: 'filled' },
  { to: 'IN_PROGRESS', key: 'queue.start', testId: 'queue-start', variant: 'filled' },
  { to: 'PENDING_PAYMENT', key: 'queue.finish', testId: 'queue-finish', variant: 'filled' },
  { to: 'WAITING', key: 'queue.backToWaiting', testId: 'queue-back', variant: 'default' },
];

export function QueueCard({ entry, nowMs, alertMinutes, timeZone, currency, busy, can, onMove, onCheckIn, onPay, onConsult }: Props) {
  const [confirmCancel, setConfirmCancel] = useState(false);
  const overdue = entry.status === 'WAITING' && minutesSince(entry.statusChangedAt, nowMs) >= alertMinutes;
  const balance = entry.dueMinor - entry.paidMinor;
  // A booked patient joins the queue by checking in (which gives a number), never by a move.
  const moves = entry.status === 'SCHEDULED' ? [] : MOVES.filter((m) => can.move && visitStatus.canMove(entry.status, m.to));
  const canCancel = entry.status === 'SCHEDULED' ? can.checkIn && visitStatus.canMove(entry.status, 'CANCELLED') : can.move && visitStatus.canMove(entry.status, 'CANCELLED');

  return (
    <Paper
      withBorder
      radius="md"
      p="xs"
      className={overdue ? 'pd-queue-card pd-queue-overdue' : 'pd-queue-card'}
      data-testid="queue-card"
      data-visit-id={entry.visitId}
      data-appointment-id={entry.appointmentId ?? undefined}
      data-status={entry.status}
      data-overdue={overdue ? 'true' : 'false'}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Group gap="xs" wrap="nowrap">
            {entry.queueLabel ? (
              <Text fz={26} fw={800} lh={1} className="pd-nowrap" data-testid="queue-label">
                {entry.queueLabel}
              </Text>
            ) : entry.scheduledAt ? (
              <Text fz={18} fw={700} lh={1} data-testid="queue-scheduled-time">
                {localParts(entry.scheduledAt, timeZone).time}
              </Text>
            ) : null}
            {overdue ? (
              <Text fz={20} c="red" aria-label={t('queue.overdue')} title={t('queue.overdue')}>
                ⚠
              </Text>
            ) : null}
          </Group>
          <Stack gap={2} align="flex-end">
            {/* On the board the column names the status; only the cancelled list needs it said. */}
            {entry.status === 'CANCELLED' ? (
              <Badge size="sm" variant="light" color={VISIT_COLOURS[entry.status] ?? 'gray'}>
                {visitStatusLabel(entry.status)}
              </Badge>
            ) : null}
            {entry.type === 'WALK_IN' ? (
              <Badge size="xs" variant="outline" color="gray">
                {t('queue.walkInBadge')}
              </Badge>
            ) : null}
            {entry.queueLabelClash ? (
              <Badge size="xs" variant="filled" color="orange" title={t('queue.labelClashHint')} data-testid="queue-label-clash">
                {t('queue.labelClash')}
              </Badge>
            ) : null}
          </Stack>
        </Group>
        <Text fw={600} data-testid="queue-patient">
          {entry.patientName}
        </Text>
        <Text size="sm" c="dimmed">
          {joinParts([entry.serviceName, entry.practitionerName ?? t('queue.anyPractitioner')])}
        </Text>
        <Text size="xs" c={overdue ? 'red' : 'dimmed'} fw={overdue ? 700 : undefined} data-testid="queue-elapsed">
          {entry.status === 'SCHEDULED' ? t('queue.notArrived') : t('queue.inStatusFor', { status: visitStatusLabel(entry.status), time: elapsedText(entry.statusChangedAt, nowMs) })}
        </Text>
        {entry.status === 'PENDING_PAYMENT' || (entry.status === 'COMPLETED' && entry.dueMinor > 0) ? (
          <Text size="sm" fw={600} data-testid="queue-balance">
            {balance > 0 ? t('queue.due', { amount: formatMoney(balance, currency) }) : t('queue.paid', { amount: formatMoney(entry.paidMinor, currency) })}
          </Text>
        ) : null}
        <Group gap={6}>
          {entry.status === 'SCHEDULED' && entry.appointmentId && can.checkIn ? (
            <Button size="xs" loading={busy} onClick={onCheckIn} data-testid="queue-check-in">
              {t('queue.checkIn')}
            </Button>
          ) : null}
          {moves.map((m) => (
            <Button key={m.to} size="xs" px="xs" variant={m.variant} loading={busy} onClick={() => onMove(m.to)} data-testid={m.testId}>
              {t(m.key)}
            </Button>
          ))}
          {onConsult ? <ConsultButton status={entry.status} onClick={onConsult} /> : null}
          {entry.status === 'PENDING_PAYMENT' && can.pay ? (
            <Button size="xs" color="grape" onClick={onPay} data-testid="queue-take-payment">
              {t('queue.takePayment')}
            </Button>
          ) : null}
          {entry.status === 'COMPLETED' && entry.paidMinor !== 0 ? (
            <Button size="xs" variant="subtle" onClick={onPay} data-testid="queue-payments">
              {t('queue.payments')}
            </Button>
          ) : null}
          {canCancel && !confirmCancel && entry.status !== 'SCHEDULED' ? (
            <Button size="xs" variant="subtle" color="red" onClick={() => setConfirmCancel(true)} data-testid="queue-cancel">
              {t('queue.cancel')}
            </Button>
          ) : null}
          {confirmCancel ? (
            <Group gap={4}>
              <Text size="xs">{t('queue.cancelConfirm')}</Text>
              <Button size="xs" color="red" onClick={() => onMove('CANCELLED')} data-testid="queue-cancel-confirm">
                {t('common.yes')}
              </Button>
              <Button size="xs" variant="default" onClick={() => setConfirmCancel(false)}>
                {t('common.no')}
              </Button>
            </Group>
          ) : null}
        </Group>
      </Stack>
    </Paper>
  );
}
