/**
 * Book an appointment, keyboard first: find the patient (↑/↓/Enter), pick the
 * service, practitioner and time (or "Next free slot"), Enter books. A clash
 * opens the clash dialog, which can book anyway with a reason.
 */
import { useRef, useState } from 'react';
import { Button, Checkbox, Group, Modal, NativeSelect, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import type { ClashDetail } from '../../../shared/api/reception-types';
import type { InputOf } from '../../../shared/api/contract';
import { BOOKING_SOURCES, type BookingSource } from '../../../shared/domain/reception-status';
import { t } from '../../../shared/i18n';
import { call, fieldErrorsOf, messageOf } from '../../api';
import { labelOf } from '../../format';
import { clashesOf, localParts, nextQuarterHour } from '../../reception';
import { useDiary, type BookingDraft } from '../../stores/diary';
import { notify } from '../../stores/notices';
import { activeRooms, activeServices, practitionersFor, useReception } from '../../stores/reception';
import { useSignedIn } from '../../stores/session';
import { DateField } from '../DateField';
import { ErrorNote } from '../ErrorNote';
import { ClashDialog } from './ClashDialog';
import { PatientPicker, type PickedPatient } from './PatientPicker';

interface Values {
  serviceTypeId: string;
  practitionerId: string;
  roomId: string;
  day: string;
  time: string;
  durationMinutes: number | string;
  source: BookingSource;
  notes: string;
  repeat: boolean;
  everyDays: number | string;
  occurrences: number | string;
}

export function BookingDialog({ draft }: { draft: BookingDraft }) {
  const { practice } = useSignedIn();
  const setup = useReception((s) => s.setup);
  const close = useDiary((s) => s.closeBooking);
  const reloadDiary = useDiary((s) => s.load);
  const services = activeServices(setup);
  const rooms = activeRooms(setup);
  const [patient, setPatient] = useState<PickedPatient | null>(draft.patient ?? null);
  const [values, setValues] = useState<Values>(() => {
    const soon = nextQuarterHour(practice.timeZone);
    const serviceTypeId = services[0]?.id ?? '';
    const offered = practitionersFor(setup, serviceTypeId);
    return {
      serviceTypeId,
      practitionerId: draft.practitionerId ?? offered[0]?.userId ?? '',
      roomId: draft.roomId ?? '',
      day: draft.day ?? soon.day,
      time: draft.time ?? soon.time,
      durationMinutes: services[0]?.durationMinutes ?? 15,
      source: 'PHONE',
      notes: '',
      repeat: false,
      everyDays: 14,
      occurrences: 6,
    };
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [finding, setFinding] = useState(false);
  const [clash, setClash] = useState<{ detail: ClashDetail; input: InputOf<'appointments.book'> } | null>(null);
  const submitRef = useRef<HTMLButtonElement>(null);
  // Opened for a chosen patient (from search, Ctrl/Cmd+B): Enter finds the next free slot, Enter again books it.
  const keyboardFirst = draft.patient !== undefined && draft.time === undefined;

  const practitioners = practitionersFor(setup, values.serviceTypeId);
  const patch = (next: Partial<Values>) => setValues((v) => ({ ...v, ...next }));

  const chooseService = (serviceTypeId: string) => {
    const service = services.find((s) => s.id === serviceTypeId);
    const offered = practitionersFor(setup, serviceTypeId);
    patch({
      serviceTypeId,
      durationMinutes: service?.durationMinutes ?? values.durationMinutes,
      practitionerId: offered.some((p) => p.userId === values.practitionerId) ? values.practitionerId : (offered[0]?.userId ?? ''),
    });
  };

  const findNextFree = async () => {
    if (!values.serviceTypeId) return;
    setFinding(true);
    setError(null);
    try {
      const soon = nextQuarterHour(practice.timeZone);
      const from = values.day && /^\d\d:\d\d$/.test(values.time) ? `${values.day}T${values.time}` : `${soon.day}T${soon.time}`;
      const slot = await call('appointments.nextFreeSlot', {
        serviceTypeId: values.serviceTypeId,
        practitionerId: values.practitionerId || undefined,
        from,
      });
      if (!slot) {
        setError(t('booking.noFreeSlot'));
      } else {
        const { day, time } = localParts(slot.startAt, practice.timeZone);
        patch({ day, time, practitionerId: slot.practitionerId });
        submitRef.current?.focus();
      }
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setFinding(false);
    }
  };

  const book = async (input: InputOf<'appointments.book'>) => {
    const result = await call('appointments.book', input);
    notify(t('booking.booked', { refs: result.bookingRefs.join(', '), count: result.bookingRefs.length }));
    void reloadDiary();
    close();
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!patient) found.patientId = t('booking.choosePatient');
    if (!values.serviceTypeId) found.serviceTypeId = t('err.required');
    if (!values.practitionerId) found.practitionerId = t('err.required');
    if (!values.day) found.day = t('err.required');
    if (!/^\d\d:\d\d$/.test(values.time)) found.time = t('booking.timeFormat');
    if (Object.keys(found).length > 0 || !patient) {
      setErrors(found);
      setError(t('err.validation'));
      return;
    }
    const input: InputOf<'appointments.book'> = {
      patientId: patient.id,
      serviceTypeId: values.serviceTypeId,
      practitionerId: values.practitionerId,
      roomId: values.roomId || null,
      start: `${values.day}T${values.time}`,
      durationMinutes: Number(values.durationMinutes) || undefined,
      source: values.source,
      notes: values.notes,
      repeat: values.repeat ? { everyDays: Number(values.everyDays), occurrences: Number(values.occurrences) } : null,
    };
    setBusy(true);
    setErrors({});
    setError(null);
    try {
      await book(input);
    } catch (e) {
      const detail = clashesOf(e);
      if (detail) setClash({ detail, input });
      else {
        const fields = fieldErrorsOf(e);
        setErrors({ ...fields, day: fields.start ?? '', time: fields.start ?? '' });
        setError(messageOf(e));
      }
      setBusy(false);
    }
  };

  const err = (path: string) => errors[path] || undefined;

  return (
    <Modal opened onClose={close} title={t('booking.title')} size="lg">
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="booking-dialog">
        <Stack gap="sm">
          <PatientPicker value={patient} onChange={setPatient} testIdPrefix="booking" autoFocus={!patient} error={err('patientId')} />
          <SimpleGrid cols={2}>
            <NativeSelect
              label={t('booking.service')}
              data={services.length ? services.map((s) => ({ value: s.id, label: s.name })) : [{ value: '', label: t('booking.noServices') }]}
              value={values.serviceTypeId}
              onChange={(e) => chooseService(e.currentTarget.value)}
              error={err('serviceTypeId')}
              data-testid="booking-service"
            />
            <NumberInput
              label={t('booking.duration')}
              min={5}
              max={480}
              step={5}
              value={values.durationMinutes}
              onChange={(v) => patch({ durationMinutes: v })}
              error={err('durationMinutes')}
              data-testid="booking-duration"
            />
            <NativeSelect
              label={t('booking.practitioner')}
              data={[{ value: '', label: t('common.choose') }, ...practitioners.map((p) => ({ value: p.userId, label: p.displayName }))]}
              value={values.practitionerId}
              onChange={(e) => patch({ practitionerId: e.currentTarget.value })}
              error={err('practitionerId')}
              data-testid="booking-practitioner"
            />
            <NativeSelect
              label={t('booking.room')}
              data={[{ value: '', label: t('booking.noRoom') }, ...rooms.map((r) => ({ value: r.id, label: r.name }))]}
              value={values.roomId}
              onChange={(e) => patch({ roomId: e.currentTarget.value })}
              data-testid="booking-room"
            />
            <DateField label={t('booking.date')} value={values.day} onChange={(day) => patch({ day })} error={err('day')} data-testid="booking-date" />
            <TimeInput
              label={t('booking.time')}
              value={values.time}
              onChange={(e) => patch({ time: e.currentTarget.value })}
              error={err('time')}
              data-testid="booking-time"
            />
          </SimpleGrid>
          <Group justify="space-between">
            <Button
              variant="light"
              onClick={() => void findNextFree()}
              loading={finding}
              disabled={!values.serviceTypeId}
              data-autofocus={keyboardFirst ? true : undefined}
              data-testid="booking-next-free"
            >
              {t('booking.nextFree')}
            </Button>
            <NativeSelect
              aria-label={t('booking.source')}
              data={BOOKING_SOURCES.map((s) => ({ value: s, label: labelOf('source', s) }))}
              value={values.source}
              onChange={(e) => patch({ source: e.currentTarget.value as BookingSource })}
              data-testid="booking-source"
            />
          </Group>
          <TextInput label={t('booking.notes')} value={values.notes} onChange={(e) => patch({ notes: e.currentTarget.value })} error={err('notes')} data-testid="booking-notes" />
          <Group gap="sm" align="flex-end">
            <Checkbox label={t('booking.repeat')} checked={values.repeat} onChange={(e) => patch({ repeat: e.currentTarget.checked })} data-testid="booking-repeat" mb={8} />
            {values.repeat ? (
              <>
                <NumberInput w={130} label={t('booking.everyDays')} min={1} max={365} value={values.everyDays} onChange={(v) => patch({ everyDays: v })} error={err('repeat.everyDays')} data-testid="booking-every-days" />
                <NumberInput w={130} label={t('booking.occurrences')} min={2} max={52} value={values.occurrences} onChange={(v) => patch({ occurrences: v })} error={err('repeat.occurrences')} data-testid="booking-occurrences" />
              </>
            ) : null}
          </Group>
          {values.repeat ? (
            <Text size="xs" c="dimmed">
              {t('booking.repeatHint', { every: String(values.everyDays), count: String(values.occurrences) })}
            </Text>
          ) : null}
          <ErrorNote message={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} ref={submitRef} data-testid="booking-submit">
              {t('booking.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
      {clash ? (
        <ClashDialog
          detail={clash.detail}
          timeZone={practice.timeZone}
          onClose={() => setClash(null)}
          onOverride={async (overrideReason) => {
            await book({ ...clash.input, overrideReason });
          }}
        />
      ) : null}
    </Modal>
  );
}
