/**
 * The conflict inbox: the open conflicts this user may settle (the Conflicts
 * screen) and how many there are (the status bar's badge, polled with the
 * sync status), and settling one.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { ConflictView } from '../../shared/api/conflict-types';
import type { ResolveConflictInput } from '../../shared/schemas/conflicts';
import { call, messageOf } from '../api';

interface ConflictsState {
  conflicts: ConflictView[];
  /** Open conflicts this user may settle; null until first counted. */
  open: number | null;
  loading: boolean;
  /** The list has been read at least once (so an empty one means none). */
  loaded: boolean;
  error: string | null;
  load(): Promise<void>;
  count(): Promise<void>;
  /** Throws the ApiError when the core refuses (someone resolved it first, no right). */
  resolve(input: ResolveConflictInput): Promise<void>;
}

export const CONFLICT_POLL_MS = 3_000;

export const useConflicts = create<ConflictsState>()((set, get) => ({
  conflicts: [],
  open: null,
  loading: false,
  loaded: false,
  error: null,

  async load() {
    set({ loading: true });
    try {
      const conflicts = await call('conflicts.list', {});
      set({ conflicts, open: conflicts.length, loading: false, loaded: true, error: null });
    } catch (e) {
      set({ loading: false, error: messageOf(e) });
    }
  },

  async count() {
    try {
      set({ open: (await call('conflicts.count', {})).open });
    } catch {
      // The badge is a hint; the status bar reports the core being unreachable already.
    }
  },

  async resolve(input) {
    await call('conflicts.resolve', input);
    await get().load();
  },
}));

/** Keep the badge's count fresh while mounted (the status bar). */
export function useConflictCountPolling(intervalMs = CONFLICT_POLL_MS): void {
  const count = useConflicts((s) => s.count);
  useEffect(() => {
    void count();
    const timer = window.setInterval(() => void count(), intervalMs);
    return () => window.clearInterval(timer);
  }, [count, intervalMs]);
}
