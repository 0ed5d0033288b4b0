/**
 * What the sync loop in the core is doing, polled every few seconds for the
 * status bar, and the Sync screen's actions (connect, disconnect, sync now).
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { SyncOverview } from '../../shared/api/sync-types';
import type { ConnectSyncInput } from '../../shared/schemas/sync';
import { call, messageOf } from '../api';

interface SyncState {
  overview: SyncOverview | null;
  /** A failed sync.status call (the core itself unreachable), not a hub problem. */
  error: string | null;
  syncing: boolean;
  refresh(): Promise<void>;
  /** Throws the ApiError (with per-field reasons) when the hub refuses. */
  connect(input: ConnectSyncInput): Promise<void>;
  disconnect(): Promise<void>;
  syncNow(): Promise<void>;
  clear(): void;
}

export const SYNC_POLL_MS = 3_000;

export const useSync = create<SyncState>()((set) => ({
  overview: null,
  error: null,
  syncing: false,

  async refresh() {
    try {
      set({ overview: await call('sync.status', {}), error: null });
    } catch (e) {
      set({ error: messageOf(e) });
    }
  },

  async connect(input) {
    set({ overview: await call('sync.connect', input), error: null });
  },

  async disconnect() {
    set({ overview: await call('sync.disconnect', {}), error: null });
  },

  async syncNow() {
    set({ syncing: true });
    try {
      set({ overview: await call('sync.now', {}), error: null, syncing: false });
    } catch (e) {
      set({ error: messageOf(e), syncing: false });
    }
  },

  clear() {
    set({ overview: null, error: null, syncing: false });
  },
}));

/** Keep the sync status fresh while mounted (the signed-in shell). */
export function useSyncPolling(intervalMs = SYNC_POLL_MS): void {
  const refresh = useSync((s) => s.refresh);
  const clear = useSync((s) => s.clear);
  useEffect(() => {
    void refresh();
    const timer = window.setInterval(() => void refresh(), intervalMs);
    return () => {
      window.clearInterval(timer);
      clear();
    };
  }, [refresh, clear, intervalMs]);
}
