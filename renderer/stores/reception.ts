/**
 * The reception set-up: service types, rooms, practitioners (services and
 * working hours) and desk settings. Loaded once per session and reloaded after
 * every change; the diary, booking and queue screens read it from here.
 */
import { create } from 'zustand';
import type { Practitioner, ReceptionSetup, Room, ServiceType } from '../../shared/api/reception-types';
import type { InputOf } from '../../shared/api/contract';
import { call, messageOf } from '../api';

interface ReceptionState {
  setup: ReceptionSetup | null;
  loading: boolean;
  error: string | null;
  /** Load if not yet loaded (or `force`). */
  load(force?: boolean): Promise<void>;
  saveServiceType(input: InputOf<'reception.saveServiceType'>): Promise<void>;
  saveRoom(input: InputOf<'reception.saveRoom'>): Promise<void>;
  savePractitioner(input: InputOf<'reception.savePractitioner'>): Promise<void>;
  saveDesk(input: InputOf<'reception.saveDesk'>): Promise<void>;
}

let inflight: Promise<void> | null = null;

export const useReception = create<ReceptionState>()((set, get) => ({
  setup: null,
  loading: false,
  error: null,

  async load(force = false) {
    if (!force && get().setup) return;
    if (inflight && !force) return inflight;
    set({ loading: true, error: null });
    const run = (async () => {
      try {
        set({ setup: await call('reception.setup', {}), loading: false });
      } catch (e) {
        set({ loading: false, error: messageOf(e) });
      }
    })();
    inflight = run;
    await run;
    if (inflight === run) inflight = null;
  },

  async saveServiceType(input) {
    await call('reception.saveServiceType', input);
    await get().load(true);
  },

  async saveRoom(input) {
    await call('reception.saveRoom', input);
    await get().load(true);
  },

  async savePractitioner(input) {
    await call('reception.savePractitioner', input);
    await get().load(true);
  },

  async saveDesk(input) {
    set({ setup: await call('reception.saveDesk', input) });
  },
}));

/** Active service types, in set-up order. */
export function activeServices(setup: ReceptionSetup | null): ServiceType[] {
  return setup?.serviceTypes.filter((s) => s.active) ?? [];
}

export function activeRooms(setup: ReceptionSetup | null): Room[] {
  return setup?.rooms.filter((r) => r.active) ?? [];
}

export function bookablePractitioners(setup: ReceptionSetup | null): Practitioner[] {
  return setup?.practitioners.filter((p) => p.bookable) ?? [];
}

/** Practitioners who offer a service; everyone bookable when no one has services configured. */
export function practitionersFor(setup: ReceptionSetup | null, serviceTypeId: string): Practitioner[] {
  const bookable = bookablePractitioners(setup);
  if (!serviceTypeId) return bookable;
  return bookable.filter((p) => p.serviceTypeIds.length === 0 || p.serviceTypeIds.includes(serviceTypeId));
}
