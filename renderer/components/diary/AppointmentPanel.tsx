/** One appointment's details, with what can be done to it next. */
import { useState } from 'react';
import { Badge, Button, Drawer, Group, Stack, Text } from '@mantine/core';
import type { AppointmentView } from '../../../shared/api/reception-types';
import { appointmentStatus } from '../../../shared/domain/reception-status';
import { t } from '../../../shared/i18n';
import { actionMessageOf } from '../../api';
import { joinParts, labelOf } from '../../format';
import { APPOINTMENT_COLOURS, apptStatusLabel, localParts, longDay, visitStatusLabel } from '../../reception';
import { useDiary } from '../../stores/diary';
import { useNav } from '../../stores/nav';
import { notify } from '../../stores/notices';
import { useCan } from '../../stores/session';
import { ErrorNote } from '../ErrorNote';
import { CancelAppointmentModal, RescheduleModal } from './AppointmentModals';

function Row({ label, value, testId }: { label: string; value: string | null | undefined; testId?: string }) {
  if (!value) return null;
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" w={110} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" data-testid={testId} style={{ whiteSpace: 'pre-wrap' }}>
        {value}
      </Text>
    </Group>
  );
}

export function AppointmentPanel({ appointment, timeZone, onClose }: { appointment: AppointmentView; timeZone: string; onClose: () => void }) {
  const canWrite = useCan('appointments.write');
  const checkIn = useDiary((s) => s.checkIn);
  const noShow = useDiary((s) => s.noShow);
  const go = useNav((s) => s.go);
  const [modal, setModal] = useState<'reschedule' | 'cancel' | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const a = appointment;
  const start = localParts(a.startAt, timeZone);
  const end = localParts(a.endAt, timeZone);
  const can = (to: AppointmentView['status']) => canWrite && appointmentStatus.canMove(a.status, to);

  const act = async (name: string, action: () => Promise<void>, done: string) => {
    setBusy(name);
    setError(null);
    try {
      await action();
      notify(done);
    } catch (e) {
      setError(actionMessageOf(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Drawer opened onClose={onClose} position="right" size="md" title={a.patientName} data-testid="appointment-panel">
      <Stack gap="sm" data-appointment-id={a.id} data-status={a.status}>
        <Group gap="xs">
          <Badge color={APPOINTMENT_COLOURS[a.status] ?? 'gray'} data-testid="appt-status">
            {apptStatusLabel(a.status)}
          </Badge>
          {a.visitStatus ? (
            <Badge variant="outline" color="gray">
              {visitStatusLabel(a.visitStatus)}
            </Badge>
          ) : null}
          {a.recurrenceId ? (
            <Badge variant="light" color="grape">
              {t('diary.series', { n: (a.recurrenceIndex ?? 0) + 1 })}
            </Badge>
          ) : null}
        </Group>
        <Row label={t('diary.when')} value={`${longDay(start.day)}, ${start.time}–${end.time}`} testId="appt-when" />
        <Row label={t('booking.service')} value={a.serviceName} />
        <Row label={t('booking.practitioner')} value={a.practitionerName} />
        <Row label={t('booking.room')} value={a.roomName ?? t('booking.noRoom')} />
        <Row label={t('diary.account')} value={joinParts([a.accountName, a.phone])} />
        <Row label={t('diary.reference')} value={a.bookingRef} testId="appt-ref" />
        <Row label={t('booking.source')} value={labelOf('source', a.source)} />
        <Row label={t('booking.notes')} value={a.notes} />
        <Row label={t('diary.overrideReason')} value={a.overrideReason} />
        <Row label={t('diary.cancelReason')} value={a.cancelReason} />
        <ErrorNote message={error} />
        <Group gap="xs">
          {can('CHECKED_IN') ? (
            <Button loading={busy === 'checkIn'} onClick={() => void act('checkIn', () => checkIn(a.id), t('diary.checkedIn', { patient: a.patientName }))} data-testid="appt-check-in">
              {t('diary.checkIn')}
            </Button>
          ) : null}
          {canWrite && a.status === 'CONFIRMED' ? (
            <Button variant="default" onClick={() => setModal('reschedule')} data-testid="appt-reschedule">
              {t('diary.reschedule')}
            </Button>
          ) : null}
          {can('NO_SHOW') ? (
            <Button variant="default" color="red" loading={busy === 'noShow'} onClick={() => void act('noShow', () => noShow(a.id), t('diary.markedNoShow'))} data-testid="appt-no-show">
              {t('diary.noShow')}
            </Button>
          ) : null}
          {can('CANCELLED') ? (
            <Button variant="light" color="red" onClick={() => setModal('cancel')} data-testid="appt-cancel">
              {t('diary.cancelAppointment')}
            </Button>
          ) : null}
          <Button variant="subtle" onClick={() => go({ name: 'chart', patientId: a.patientId })} data-testid="appt-open-chart">
            {t('diary.openChart')}
          </Button>
        </Group>
      </Stack>
      {modal === 'reschedule' ? <RescheduleModal appointment={a} timeZone={timeZone} onClose={() => setModal(null)} onDone={onClose} /> : null}
      {modal === 'cancel' ? <CancelAppointmentModal appointment={a} onClose={() => setModal(null)} onDone={onClose} /> : null}
    </Drawer>
  );
}
