/**
 * The queue board for a day: not-arrived bookings at the side, then waiting →
 * called → in progress → pending payment → completed, and the day's totals.
 * Polls every 5 s while the window is visible, and after every action.
 */
import { useEffect, useState } from 'react';
import { Badge, Button, Center, Collapse, Group, Loader, ScrollArea, Stack, Text, Title } from '@mantine/core';
import type { QueueEntry } from '../../shared/api/reception-types';
import type { VisitStatus } from '../../shared/domain/reception-status';
import { t } from '../../shared/i18n';
import { todayIn } from '../format';
import { useNow } from '../hooks';
import { addDays, longDay, visitStatusLabel } from '../reception';
import { useQueue } from '../stores/queue';
import { useReception } from '../stores/reception';
import { useCan, useSignedIn } from '../stores/session';
import { useNav } from '../stores/nav';
import { DateField } from '../components/DateField';
import { ErrorNote } from '../components/ErrorNote';
import { QueueCard } from '../components/queue/QueueCard';
import { TotalsBar } from '../components/queue/TotalsBar';
import { WalkInDialog } from '../components/queue/WalkInDialog';
import { PaymentDialog } from '../components/queue/PaymentDialog';
import '../components/queue/queue.css';

const POLL_MS = 5_000;
const COLUMNS: VisitStatus[] = ['WAITING', 'CALLED', 'IN_PROGRESS', 'PENDING_PAYMENT', 'COMPLETED'];

const since = (e: QueueEntry) => e.statusChangedAt;
const byTime = (a: QueueEntry, b: QueueEntry) => since(a).localeCompare(since(b));
const byScheduled = (a: QueueEntry, b: QueueEntry) => (a.scheduledAt ?? '').localeCompare(b.scheduledAt ?? '');

export function QueueScreen() {
  const { practice } = useSignedIn();
  const { day, board, loading, error, pending, paying, setDay, move, checkIn, openPayment, clearError } = useQueue();
  const loadSetup = useReception((s) => s.load);
  const canMove = useCan('queue.move');
  const canBook = useCan('appointments.write');
  const canTake = useCan('payments.take');
  const canRefund = useCan('payments.refund');
  const canClinical = useCan('clinical.read');
  const go = useNav((s) => s.go);
  const canPay = canTake || canRefund;
  const nowMs = useNow(30_000);
  const [walkIn, setWalkIn] = useState(false);
  const [showCancelled, setShowCancelled] = useState(false);
  const today = todayIn(practice.timeZone);

  useEffect(() => {
    void loadSetup();
    if (!useQueue.getState().day) useQueue.getState().setDay(todayIn(practice.timeZone));
    else void useQueue.getState().load();
  }, [loadSetup, practice.timeZone]);

  useEffect(() => {
    const tick = () => {
      if (document.visibilityState === 'visible') void useQueue.getState().load(true);
    };
    const timer = setInterval(tick, POLL_MS);
    document.addEventListener('visibilitychange', tick);
    window.addEventListener('focus', tick);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', tick);
      window.removeEventListener('focus', tick);
    };
  }, []);

  const entries = board?.day === day ? board.entries : [];
  const scheduled = entries.filter((e) => e.status === 'SCHEDULED').sort(byScheduled);
  const cancelled = entries.filter((e) => e.status === 'CANCELLED');
  const alertMinutes = board?.waitingAlertMinutes ?? 20;
  const can = { move: canMove, checkIn: canBook, pay: canPay };

  const card = (entry: QueueEntry) => (
    <QueueCard
      key={entry.visitId}
      entry={entry}
      nowMs={nowMs}
      alertMinutes={alertMinutes}
      timeZone={practice.timeZone}
      currency={practice.currency}
      busy={pending === entry.visitId || (entry.appointmentId !== null && pending === entry.appointmentId)}
      can={can}
      onMove={(to) => void move(entry.visitId, to)}
      onCheckIn={() => (entry.appointmentId ? void checkIn(entry.appointmentId) : undefined)}
      onPay={() => openPayment(entry.visitId)}
      onConsult={canClinical ? () => go({ name: 'consultation', visitId: entry.visitId }) : undefined}
    />
  );

  return (
    <Stack gap="sm" data-testid="queue-board" data-day={day}>
      <Group justify="space-between">
        <Group gap="sm">
          <Title order={3}>{t('queue.title')}</Title>
          <Text fw={500}>{day ? longDay(day) : ''}</Text>
          {loading ? <Loader size="xs" /> : null}
        </Group>
        <Group gap="sm">
          <Button.Group>
            <Button variant="default" onClick={() => setDay(addDays(day, -1))} aria-label={t('diary.previous')} data-testid="queue-prev-day">
              ‹
            </Button>
            <Button variant="default" onClick={() => setDay(today)} data-testid="queue-today">
              {t('diary.today')}
            </Button>
            <Button variant="default" onClick={() => setDay(addDays(day, 1))} aria-label={t('diary.next')} data-testid="queue-next-day">
              ›
            </Button>
          </Button.Group>
          <DateField aria-label={t('diary.pickDate')} w={150} value={day} onChange={(d) => (d ? setDay(d) : undefined)} data-testid="queue-date" />
          {canBook ? (
            <Button onClick={() => setWalkIn(true)} data-testid="walk-in">
              {t('queue.walkIn')}
            </Button>
          ) : null}
        </Group>
      </Group>
      {board && board.day === day ? <TotalsBar totals={board.totals} currency={practice.currency} /> : null}
      {error ? (
        <div onClick={clearError}>
          <ErrorNote message={error} />
        </div>
      ) : null}
      {!board ? (
        <Center py="xl">
          <Loader aria-label={t('common.loading')} />
        </Center>
      ) : (
        <ScrollArea type="auto" offsetScrollbars>
          <div className="pd-queue" style={{ gridTemplateColumns: `repeat(${COLUMNS.length + 1}, minmax(165px, 1fr))` }}>
            <section className="pd-queue-col pd-queue-side" data-testid="queue-column" data-status="SCHEDULED" aria-label={t('queue.notArrivedTitle')}>
              <Group justify="space-between" mb="xs" wrap="nowrap">
                <Text fw={700} size="sm">
                  {t('queue.notArrivedTitle')}
                </Text>
                <Badge variant="light" color="gray" style={{ flexShrink: 0 }}>
                  {scheduled.length}
                </Badge>
              </Group>
              <Stack gap="xs">
                {scheduled.map(card)}
                {scheduled.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('queue.noneScheduled')}
                  </Text>
                ) : null}
              </Stack>
            </section>
            {COLUMNS.map((status) => {
              const list = entries.filter((e) => e.status === status).sort(byTime);
              return (
                <section key={status} className="pd-queue-col" data-testid="queue-column" data-status={status} aria-label={visitStatusLabel(status)}>
                  <Group justify="space-between" mb="xs" wrap="nowrap">
                    <Text fw={700} size="sm">
                      {visitStatusLabel(status)}
                    </Text>
                    <Badge variant="light" style={{ flexShrink: 0 }}>
                      {list.length}
                    </Badge>
                  </Group>
                  <Stack gap="xs">
                    {list.map(card)}
                    {list.length === 0 ? (
                      <Text size="sm" c="dimmed" data-testid={status === 'WAITING' ? 'queue-empty' : undefined}>
                        {status === 'WAITING' ? t('queue.noOneWaiting') : t('queue.emptyColumn')}
                      </Text>
                    ) : null}
                  </Stack>
                </section>
              );
            })}
          </div>
        </ScrollArea>
      )}
      {cancelled.length > 0 ? (
        <Stack gap="xs">
          <Button variant="subtle" color="gray" size="xs" w="fit-content" onClick={() => setShowCancelled((s) => !s)} data-testid="queue-show-cancelled">
            {showCancelled ? t('queue.hideCancelled', { count: cancelled.length }) : t('queue.showCancelled', { count: cancelled.length })}
          </Button>
          <Collapse expanded={showCancelled}>
            <Group gap="xs" align="flex-start">
              {cancelled.map((e) => (
                <div key={e.visitId} style={{ width: 240 }}>
                  {card(e)}
                </div>
              ))}
            </Group>
          </Collapse>
        </Stack>
      ) : null}
      {walkIn ? <WalkInDialog onClose={() => setWalkIn(false)} /> : null}
      {paying ? <PaymentDialog visitId={paying} onClose={() => openPayment(null)} /> : null}
    </Stack>
  );
}
