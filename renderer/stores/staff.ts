/** The practice's staff list and the changes an administrator makes to it. */
import { create } from 'zustand';
import type { StaffMember } from '../../shared/api/types';
import type { Role } from '../../shared/domain/roles';
import type { AddStaffInput } from '../../shared/schemas/staff';
import { call, messageOf } from '../api';

interface StaffState {
  members: StaffMember[];
  loaded: boolean;
  loading: boolean;
  error: string | null;
  /** userId of a row whose change is in flight. */
  pending: string | null;
  load(): Promise<void>;
  add(input: AddStaffInput): Promise<StaffMember>;
  changeRole(userId: string, role: Role): Promise<void>;
  setActive(userId: string, active: boolean): Promise<void>;
  clearError(): void;
}

function replace(members: StaffMember[], next: StaffMember): StaffMember[] {
  return members.map((m) => (m.userId === next.userId ? next : m));
}

export const useStaff = create<StaffState>()((set, get) => ({
  members: [],
  loaded: false,
  loading: false,
  error: null,
  pending: null,

  async load() {
    set({ loading: true, error: null });
    try {
      set({ members: await call('staff.list', {}), loaded: true, loading: false });
    } catch (e) {
      set({ loading: false, error: messageOf(e) });
    }
  },

  async add(input) {
    const member = await call('staff.add', input);
    set({ members: [...get().members, member] });
    return member;
  },

  async changeRole(userId, role) {
    set({ pending: userId, error: null });
    try {
      const next = await call('staff.changeRole', { userId, role });
      set({ members: replace(get().members, next), pending: null });
    } catch (e) {
      set({ pending: null, error: messageOf(e) });
    }
  },

  async setActive(userId, active) {
    set({ pending: userId, error: null });
    try {
      const next = await call('staff.setActive', { userId, active });
      set({ members: replace(get().members, next), pending: null });
    } catch (e) {
      set({ pending: null, error: messageOf(e) });
    }
  },

  clearError() {
    set({ error: null });
  },
}));
