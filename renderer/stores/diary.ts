/**
 * The diary: which day or week is showing, by practitioner or by room, the
 * appointments in it, and the booking dialog (opened from the diary, a chart
 * or search results, so it lives here rather than in one screen).
 */
import { create } from 'zustand';
import type { AppointmentView } from '../../shared/api/reception-types';
import type { InputOf } from '../../shared/api/contract';
import { call, messageOf } from '../api';
import { mondayOf } from '../reception';

export type DiaryView = 'day' | 'week';
export type DiaryBy = 'practitioner' | 'room';

/** What the booking dialog starts with. */
export interface BookingDraft {
  patient?: { id: string; name: string };
  practitionerId?: string;
  roomId?: string;
  day?: string;
  time?: string;
}

interface DiaryState {
  /** The shown day (YYYY-MM-DD), practice-local; '' until the screen sets today. */
  day: string;
  view: DiaryView;
  by: DiaryBy;
  /** The practitioner or room whose week is shown. */
  weekOf: string;
  showCancelled: boolean;
  appointments: AppointmentView[];
  /** Which day/week/filters the appointments answer. */
  loadedKey: string;
  loading: boolean;
  error: string | null;
  selectedId: string | null;
  booking: BookingDraft | null;
  setDay(day: string): void;
  setView(view: DiaryView): void;
  setBy(by: DiaryBy): void;
  setWeekOf(id: string): void;
  setShowCancelled(show: boolean): void;
  load(): Promise<void>;
  select(id: string | null): void;
  openBooking(draft: BookingDraft): void;
  closeBooking(): void;
  reschedule(input: InputOf<'appointments.reschedule'>): Promise<AppointmentView>;
  cancel(input: InputOf<'appointments.cancel'>): Promise<number>;
  noShow(appointmentId: string): Promise<void>;
  checkIn(appointmentId: string): Promise<void>;
}

let seq = 0;

function keyOf(s: Pick<DiaryState, 'day' | 'view' | 'by' | 'weekOf'>): string {
  return s.view === 'day' ? `day:${s.day}` : `week:${mondayOf(s.day)}:${s.by}:${s.weekOf}`;
}

export const useDiary = create<DiaryState>()((set, get) => ({
  day: '',
  view: 'day',
  by: 'practitioner',
  weekOf: '',
  showCancelled: false,
  appointments: [],
  loadedKey: '',
  loading: false,
  error: null,
  selectedId: null,
  booking: null,

  setDay(day) {
    set({ day });
    void get().load();
  },
  setView(view) {
    set({ view });
    void get().load();
  },
  setBy(by) {
    set({ by, weekOf: '' });
    void get().load();
  },
  setWeekOf(weekOf) {
    set({ weekOf });
    void get().load();
  },
  setShowCancelled(showCancelled) {
    set({ showCancelled });
  },

  async load() {
    const state = get();
    if (!state.day) return;
    if (state.view === 'week' && !state.weekOf) {
      set({ appointments: [], loadedKey: keyOf(state), loading: false });
      return;
    }
    const mine = ++seq;
    const key = keyOf(state);
    set({ loading: true, error: null });
    try {
      const filter = state.by === 'practitioner' ? { practitionerId: state.weekOf } : { roomId: state.weekOf };
      const appointments =
        state.view === 'day'
          ? await call('appointments.day', { day: state.day })
          : await call('appointments.week', { firstDay: mondayOf(state.day), ...filter });
      if (mine === seq) set({ appointments, loadedKey: key, loading: false });
    } catch (e) {
      if (mine === seq) set({ loading: false, error: messageOf(e) });
    }
  },

  select(selectedId) {
    set({ selectedId });
  },
  openBooking(booking) {
    set({ booking });
  },
  closeBooking() {
    set({ booking: null });
  },

  async reschedule(input) {
    const moved = await call('appointments.reschedule', input);
    await get().load();
    return moved;
  },

  async cancel(input) {
    const { cancelled } = await call('appointments.cancel', input);
    await get().load();
    return cancelled;
  },

  async noShow(appointmentId) {
    await call('appointments.noShow', { appointmentId });
    await get().load();
  },

  async checkIn(appointmentId) {
    await call('appointments.checkIn', { appointmentId });
    await get().load();
  },
}));
