/**
 * What the sync loop reports (ARCHITECTURE §4, "A stuck queue is a bug the
 * user sees"). There is no "synced" state: `online` with `waiting > 0` means
 * changes are still on their way.
 */
export type SyncState = 'local-only' | 'online' | 'offline' | 'error';

export interface SyncStatus {
  state: SyncState;
  /** Outbox entries not yet acknowledged by the hub (quarantined ones not counted). */
  waiting: number;
  /** When a push and pull last both succeeded (ISO-8601), or null. */
  lastSyncAt: string | null;
  /** The current problem in plain words, and since when it has lasted. */
  lastError: { message: string; since: string } | null;
  /** Outbox entries the hub refused for good, set aside. */
  quarantined: number;
  /** Present while pages are being received. */
  pulling?: { applied: number };
  /** While failing: when the next attempt is due (ISO-8601). */
  retryAt?: string;
}

/** The hub this device is connected to (never the password or tokens). */
export interface SyncSettingsView {
  url: string;
  email: string;
}

export interface SyncOverview {
  settings: SyncSettingsView | null;
  status: SyncStatus;
}
