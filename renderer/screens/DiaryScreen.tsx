/**
 * The diary: a day by practitioner or room, or one practitioner's (room's)
 * week. Click a free slot to book, an appointment to open it, drag to move it.
 */
import { useEffect, useMemo, useState } from 'react';
import { Anchor, Button, Center, Group, Loader, NativeSelect, SegmentedControl, Stack, Switch, Text, Title } from '@mantine/core';
import type { AppointmentView, ClashDetail } from '../../shared/api/reception-types';
import type { InputOf } from '../../shared/api/contract';
import { utcToLocal } from '../../shared/domain/practice-time';
import { t } from '../../shared/i18n';
import { messageOf } from '../api';
import { todayIn } from '../format';
import { modKeyLabel, useNow } from '../hooks';
import { addDays, clashesOf, localNow, longDay, minutesOf, mondayOf, shortDay } from '../reception';
import { useDiary, type DiaryBy, type DiaryView } from '../stores/diary';
import { useNav } from '../stores/nav';
import { notify } from '../stores/notices';
import { useReception } from '../stores/reception';
import { useCan, useSignedIn } from '../stores/session';
import { DateField } from '../components/DateField';
import { ErrorNote } from '../components/ErrorNote';
import { ClashDialog } from '../components/reception/ClashDialog';
import { AppointmentPanel } from '../components/diary/AppointmentPanel';
import { TimeGrid } from '../components/diary/TimeGrid';
import { buildColumns } from '../components/diary/columns';
import type { DiaryColumn } from '../components/diary/layout';

export function DiaryScreen() {
  const { practice } = useSignedIn();
  const timeZone = practice.timeZone;
  const diary = useDiary();
  const { setup, load: loadSetup, error: setupError } = useReception();
  const canWrite = useCan('appointments.write');
  const canSetup = useCan('reception.setup');
  const go = useNav((s) => s.go);
  const nowMs = useNow(30_000);
  const [clash, setClash] = useState<{ detail: ClashDetail; input: InputOf<'appointments.reschedule'> } | null>(null);
  const { day, view, by, weekOf } = diary;

  useEffect(() => {
    void loadSetup();
    const state = useDiary.getState();
    if (!state.day) useDiary.setState({ day: todayIn(timeZone) });
    void useDiary.getState().load();
  }, [loadSetup, timeZone]);

  // Week view needs one practitioner or room: default to the first.
  useEffect(() => {
    if (view !== 'week' || weekOf || !setup) return;
    const first = by === 'practitioner' ? setup.practitioners.find((p) => p.bookable)?.userId : setup.rooms.find((r) => r.active)?.id;
    if (first) diary.setWeekOf(first);
  }, [view, by, weekOf, setup, diary]);

  // Refresh while visible, so bookings made at another desk appear.
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void useDiary.getState().load();
    }, 30_000);
    return () => clearInterval(timer);
  }, []);

  const layout = useMemo(
    () => buildColumns({ setup, appointments: diary.appointments, view, by, day, weekOf, timeZone, showCancelled: diary.showCancelled }),
    [setup, diary.appointments, view, by, day, weekOf, timeZone, diary.showCancelled],
  );

  const local = localNow(timeZone);
  void nowMs; // re-render every 30 s so the "now" line moves
  const now = { day: local.slice(0, 10), minutes: minutesOf(local.slice(11)) };
  const step = view === 'day' ? 1 : 7;
  const selected = diary.appointments.find((a) => a.id === diary.selectedId) ?? null;
  const active = diary.appointments.filter((a) => a.status !== 'CANCELLED');
  const loaded = diary.loadedKey !== '';

  const move = async (input: InputOf<'appointments.reschedule'>) => {
    try {
      await diary.reschedule(input);
      notify(t('diary.movedShort'));
    } catch (e) {
      const detail = clashesOf(e);
      if (detail) setClash({ detail, input });
      else notify(messageOf(e), 'error');
    }
  };

  const onMove = (a: AppointmentView, column: DiaryColumn, time: string) => {
    const start = `${column.day}T${time}`;
    const input: InputOf<'appointments.reschedule'> = { appointmentId: a.id, start, scope: 'this' };
    if (view === 'day' && by === 'practitioner' && column.practitionerId) input.practitionerId = column.practitionerId;
    if (view === 'day' && by === 'room') input.roomId = column.roomId ?? null;
    const sameColumn = view === 'week' || (by === 'practitioner' ? column.practitionerId === a.practitionerId : (column.roomId ?? null) === a.roomId);
    if (sameColumn && utcToLocal(a.startAt, timeZone) === start) return;
    void move(input);
  };

  const weekChoices =
    by === 'practitioner'
      ? (setup?.practitioners ?? []).filter((p) => p.bookable).map((p) => ({ value: p.userId, label: p.displayName }))
      : (setup?.rooms ?? []).filter((r) => r.active).map((r) => ({ value: r.id, label: r.name }));
  const title = view === 'day' ? longDay(day || todayIn(timeZone)) : t('diary.weekOf', { day: shortDay(mondayOf(day || todayIn(timeZone))) });

  return (
    <Stack gap="sm" data-testid="diary" data-day={day} data-view={view} data-by={by} aria-busy={diary.loading}>
      <Group justify="space-between" align="center">
        <Group gap="sm">
          <Title order={3}>{t('diary.title')}</Title>
          <Text fw={500} data-testid="diary-date-label">
            {title}
          </Text>
          {diary.loading ? <Loader size="xs" /> : null}
        </Group>
        {canWrite ? (
          <Button onClick={() => diary.openBooking({ day })} data-testid="diary-book">
            {t('diary.book')}
          </Button>
        ) : null}
      </Group>
      <Group gap="sm" align="flex-end">
        <Button.Group>
          <Button variant="default" onClick={() => diary.setDay(addDays(day, -step))} data-testid="diary-prev-day" aria-label={t('diary.previous')}>
            ‹
          </Button>
          <Button variant="default" onClick={() => diary.setDay(todayIn(timeZone))} data-testid="diary-today">
            {t('diary.today')}
          </Button>
          <Button variant="default" onClick={() => diary.setDay(addDays(day, step))} data-testid="diary-next-day" aria-label={t('diary.next')}>
            ›
          </Button>
        </Button.Group>
        <DateField aria-label={t('diary.pickDate')} w={150} value={day} onChange={(d) => (d ? diary.setDay(d) : undefined)} clearable={false} data-testid="diary-date" />
        <SegmentedControl
          value={view}
          onChange={(v) => diary.setView(v as DiaryView)}
          data={[
            { value: 'day', label: t('diary.dayView') },
            { value: 'week', label: t('diary.weekView') },
          ]}
          data-testid="diary-view"
        />
        <SegmentedControl
          value={by}
          onChange={(v) => diary.setBy(v as DiaryBy)}
          data={[
            { value: 'practitioner', label: t('diary.byPractitioner') },
            { value: 'room', label: t('diary.byRoom') },
          ]}
          data-testid="diary-by"
        />
        {view === 'week' ? (
          <NativeSelect
            aria-label={by === 'practitioner' ? t('booking.practitioner') : t('booking.room')}
            data={weekChoices.length ? weekChoices : [{ value: '', label: t('common.noMatches') }]}
            value={weekOf}
            onChange={(e) => diary.setWeekOf(e.currentTarget.value)}
            data-testid="diary-week-of"
          />
        ) : null}
        <Switch label={t('diary.showCancelled')} checked={diary.showCancelled} onChange={(e) => diary.setShowCancelled(e.currentTarget.checked)} mb={8} />
      </Group>
      <ErrorNote message={diary.error ?? setupError} />
      {setup && setup.practitioners.every((p) => !p.bookable) && by === 'practitioner' ? (
        <Text c="dimmed" data-testid="diary-no-practitioners">
          {t('diary.noPractitioners')}{' '}
          {canSetup ? (
            <Anchor component="button" type="button" onClick={() => go({ name: 'receptionSetup' })}>
              {t('diary.goSetup')}
            </Anchor>
          ) : null}
        </Text>
      ) : null}
      {loaded && active.length === 0 && !diary.loading ? (
        <Text c="dimmed" data-testid="diary-empty">
          {view === 'day' ? (day === now.day ? t('diary.emptyToday') : t('diary.emptyDay')) : t('diary.emptyWeek')}
        </Text>
      ) : null}
      {!setup || !loaded ? (
        <Center py="xl">
          <Loader aria-label={t('common.loading')} />
        </Center>
      ) : (
        <TimeGrid
          columns={layout.columns}
          range={layout.range}
          timeZone={timeZone}
          now={now}
          canWrite={canWrite}
          onSlot={(column, time) => diary.openBooking({ practitionerId: column.practitionerId, roomId: column.roomId, day: column.day, time })}
          onOpen={(a) => diary.select(a.id)}
          onMove={onMove}
        />
      )}
      <Text size="xs" c="dimmed">
        {t('diary.hint', { mod: modKeyLabel })}
      </Text>
      {selected ? <AppointmentPanel appointment={selected} timeZone={timeZone} onClose={() => diary.select(null)} /> : null}
      {clash ? (
        <ClashDialog
          detail={clash.detail}
          timeZone={timeZone}
          onClose={() => setClash(null)}
          onOverride={async (overrideReason) => {
            await diary.reschedule({ ...clash.input, overrideReason });
            setClash(null);
            notify(t('diary.movedShort'));
          }}
        />
      ) : null}
    </Stack>
  );
}
