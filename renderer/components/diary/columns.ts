/** Building the diary's columns from the set-up and the loaded appointments. */
import type { AppointmentView, Practitioner, ReceptionSetup } from '../../../shared/api/reception-types';
import { clinicDay, weekday } from '../../../shared/domain/practice-time';
import { t } from '../../../shared/i18n';
import { addDays, gridRange, minutesOf, mondayOf, shortDay } from '../../reception';
import type { DiaryBy, DiaryView } from '../../stores/diary';
import { minutesOn, type DiaryColumn } from './layout';

const ALL_DAY: [number, number][] = [[0, 24 * 60]];

function hoursOn(practitioners: readonly Practitioner[], day: string): [number, number][] {
  const configured = practitioners.filter((p) => p.workingHours.length > 0);
  if (configured.length === 0 || configured.length < practitioners.length) return ALL_DAY;
  const dow = weekday(day);
  return configured.flatMap((p) => p.workingHours.filter((h) => h.weekday === dow).map((h): [number, number] => [minutesOf(h.start), minutesOf(h.end)]));
}

export interface DiaryLayout {
  columns: DiaryColumn[];
  range: [number, number];
}

export function buildColumns(options: {
  setup: ReceptionSetup | null;
  appointments: AppointmentView[];
  view: DiaryView;
  by: DiaryBy;
  day: string;
  weekOf: string;
  timeZone: string;
  showCancelled: boolean;
}): DiaryLayout {
  const { setup, view, by, day, weekOf, timeZone } = options;
  const shown = options.showCancelled ? options.appointments : options.appointments.filter((a) => a.status !== 'CANCELLED');
  const practitioners = setup?.practitioners ?? [];
  const rooms = setup?.rooms ?? [];
  const bookable = practitioners.filter((p) => p.bookable);
  let columns: DiaryColumn[];

  if (view === 'day') {
    if (by === 'practitioner') {
      const ids = new Set(bookable.map((p) => p.userId));
      const extra = [...new Map(shown.filter((a) => !ids.has(a.practitionerId)).map((a) => [a.practitionerId, a.practitionerName])).entries()];
      columns = [
        ...bookable.map((p) => ({ key: p.userId, label: p.displayName, day, practitionerId: p.userId, appointments: shown.filter((a) => a.practitionerId === p.userId), working: hoursOn([p], day) })),
        ...extra.map(([id, name]) => ({ key: id, label: name, day, practitionerId: id, appointments: shown.filter((a) => a.practitionerId === id), working: ALL_DAY })),
      ];
    } else {
      const working = hoursOn(bookable, day);
      const used = rooms.filter((r) => r.active || shown.some((a) => a.roomId === r.id));
      columns = used.map((r) => ({ key: r.id, label: r.name, day, roomId: r.id, appointments: shown.filter((a) => a.roomId === r.id), working }));
      const roomless = shown.filter((a) => a.roomId === null);
      if (roomless.length > 0 || columns.length === 0) columns.push({ key: 'none', label: t('booking.noRoom'), day, appointments: roomless, working });
    }
  } else {
    const monday = mondayOf(day);
    const practitioner = by === 'practitioner' ? practitioners.find((p) => p.userId === weekOf) : undefined;
    const roomId = by === 'room' ? weekOf : undefined;
    columns = Array.from({ length: 7 }, (_, i) => {
      const d = addDays(monday, i);
      return {
        key: d,
        label: shortDay(d),
        day: d,
        practitionerId: practitioner?.userId,
        roomId,
        appointments: shown.filter((a) => clinicDay(a.startAt, timeZone) === d),
        working: practitioner ? hoursOn([practitioner], d) : hoursOn(bookable, d),
      };
    });
  }

  const isAllDay = ([s, e]: [number, number]) => s === 0 && e === 24 * 60;
  const working = columns.flatMap((c) => c.working.filter((w) => !isAllDay(w)));
  const booked = columns.flatMap((c) => c.appointments.map((a) => minutesOn(a, c.day, timeZone)));
  return { columns, range: gridRange(working, booked) };
}
