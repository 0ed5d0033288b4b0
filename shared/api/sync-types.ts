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
  pulling?: PullProgress;
  /** Present while this computer's clock is more than 2 minutes off the hub's. */
  clock?: ClockSkew;
  /** While failing: when the next attempt is due (ISO-8601). */
  retryAt?: string;
}

/**
 * A fresh device's first sync comes in priority order: today's appointments
 * and queue, then allergies, then everything else (the ordinary stream).
 */
export type PullPhase = 'today' | 'allergies' | 'rest';

export interface PullProgress {
  /** Changes received from other devices and now shown, over the whole pull. */
  applied: number;
  phase: PullPhase;
  /** Changes received in this phase so far. */
  received: number;
  /** About how many the phase holds; null until the hub has said. */
  total: number | null;
}

export interface ClockSkew {
  /** This computer's clock minus the hub's (positive: fast). */
  offsetMs: number;
  /** In plain words, for the status bar. */
  message: string;
  /** The hub has recorded changes from this computer stamped too far ahead. */
  flaggedByHub: boolean;
}

/** The hub this device is connected to (never the password or tokens). */
export interface SyncSettingsView {
  url: string;
  email: string;
  /**
   * The account's practices on the hub, with the role's permissions, as read
   * when the device connected: the hub refuses (and the device sets aside)
   * changes that role may not make, whoever made them here. Null: not known
   * (a hub without migration 0012).
   */
  memberships: { practiceId: string; role: string; permissions: string[] }[] | null;
}

export interface SyncOverview {
  settings: SyncSettingsView | null;
  status: SyncStatus;
}
