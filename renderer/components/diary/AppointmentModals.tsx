/** Moving and cancelling one appointment (or it and the following ones of a series). */
import { useState } from 'react';
import { Button, Group, Modal, NativeSelect, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import type { AppointmentView, ClashDetail } from '../../../shared/api/reception-types';
import type { InputOf } from '../../../shared/api/contract';
import { t } from '../../../shared/i18n';
import { fieldErrorsOf, messageOf } from '../../api';
import { clashesOf, localParts } from '../../reception';
import { useDiary } from '../../stores/diary';
import { notify } from '../../stores/notices';
import { activeRooms, practitionersFor, useReception } from '../../stores/reception';
import { DateField } from '../DateField';
import { ErrorNote } from '../ErrorNote';
import { ClashDialog } from '../reception/ClashDialog';
import { ReasonDialog } from '../ReasonDialog';

type Scope = 'this' | 'following';

function ScopeChoice({ appointment, value, onChange }: { appointment: AppointmentView; value: Scope; onChange: (s: Scope) => void }) {
  if (!appointment.recurrenceId) return null;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {t('diary.scope')}
      </Text>
      <SegmentedControl
        value={value}
        onChange={(v) => onChange(v as Scope)}
        data={[
          { value: 'this', label: t('diary.scopeThis') },
          { value: 'following', label: t('diary.scopeFollowing') },
        ]}
        data-testid="appt-scope"
      />
    </Stack>
  );
}

export function RescheduleModal({ appointment, timeZone, onDone, onClose }: { appointment: AppointmentView; timeZone: string; onDone: () => void; onClose: () => void }) {
  const setup = useReception((s) => s.setup);
  const reschedule = useDiary((s) => s.reschedule);
  const start = localParts(appointment.startAt, timeZone);
  const [day, setDay] = useState(start.day);
  const [time, setTime] = useState(start.time);
  const [practitionerId, setPractitionerId] = useState(appointment.practitionerId);
  const [roomId, setRoomId] = useState(appointment.roomId ?? '');
  const [scope, setScope] = useState<Scope>('this');
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [clash, setClash] = useState<{ detail: ClashDetail; input: InputOf<'appointments.reschedule'> } | null>(null);
  const practitioners = practitionersFor(setup, appointment.serviceTypeId);
  const practitionerList = practitioners.some((p) => p.userId === appointment.practitionerId)
    ? practitioners
    : [{ userId: appointment.practitionerId, displayName: appointment.practitionerName }, ...practitioners];

  const run = async (input: InputOf<'appointments.reschedule'>) => {
    await reschedule(input);
    notify(t('diary.moved', { patient: appointment.patientName }));
    onDone();
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!day || !/^\d\d:\d\d$/.test(time)) {
      setError(t('booking.timeFormat'));
      return;
    }
    const input: InputOf<'appointments.reschedule'> = { appointmentId: appointment.id, start: `${day}T${time}`, practitionerId, roomId: roomId || null, scope };
    setBusy(true);
    setError(null);
    try {
      await run(input);
    } catch (e) {
      const detail = clashesOf(e);
      if (detail) setClash({ detail, input });
      else {
        setFields(fieldErrorsOf(e));
        setError(messageOf(e));
      }
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('diary.rescheduleTitle', { patient: appointment.patientName })} size="md">
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="reschedule-form">
        <Stack gap="sm">
          <SimpleGrid cols={2}>
            <DateField label={t('booking.date')} value={day} onChange={setDay} error={fields.start} data-testid="reschedule-date" />
            <TimeInput label={t('booking.time')} value={time} onChange={(e) => setTime(e.currentTarget.value)} data-autofocus data-testid="reschedule-time" />
            <NativeSelect
              label={t('booking.practitioner')}
              data={practitionerList.map((p) => ({ value: p.userId, label: p.displayName }))}
              value={practitionerId}
              onChange={(e) => setPractitionerId(e.currentTarget.value)}
              data-testid="reschedule-practitioner"
            />
            <NativeSelect
              label={t('booking.room')}
              data={[{ value: '', label: t('booking.noRoom') }, ...activeRooms(setup).map((r) => ({ value: r.id, label: r.name }))]}
              value={roomId}
              onChange={(e) => setRoomId(e.currentTarget.value)}
              data-testid="reschedule-room"
            />
          </SimpleGrid>
          <ScopeChoice appointment={appointment} value={scope} onChange={setScope} />
          <ErrorNote message={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="reschedule-submit">
              {t('diary.move')}
            </Button>
          </Group>
        </Stack>
      </form>
      {clash ? (
        <ClashDialog detail={clash.detail} timeZone={timeZone} onClose={() => setClash(null)} onOverride={(overrideReason) => run({ ...clash.input, overrideReason })} />
      ) : null}
    </Modal>
  );
}

export function CancelAppointmentModal({ appointment, onDone, onClose }: { appointment: AppointmentView; onDone: () => void; onClose: () => void }) {
  const cancel = useDiary((s) => s.cancel);
  const [scope, setScope] = useState<Scope>('this');
  return (
    <ReasonDialog
      title={t('diary.cancelTitle', { patient: appointment.patientName })}
      reasonLabel={t('diary.cancelReason')}
      reasonRequired={t('diary.cancelReasonRequired')}
      backLabel={t('common.back')}
      submitLabel={t('diary.cancelAppointment')}
      submitColor="red"
      onSubmit={async (reason) => {
        const count = await cancel({ appointmentId: appointment.id, reason, scope });
        notify(t('diary.cancelled', { count }));
        onDone();
      }}
      onClose={onClose}
      testIds={{ form: 'cancel-appointment-form', reason: 'cancel-reason', submit: 'cancel-submit' }}
    >
      <ScopeChoice appointment={appointment} value={scope} onChange={setScope} />
    </ReasonDialog>
  );
}
