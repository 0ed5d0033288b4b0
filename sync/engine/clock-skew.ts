/**
 * How far this computer's clock is from the hub's (ARCHITECTURE §4, "bound
 * how far a remote timestamp may pull the clock forward, and report skew").
 * Every hub answer carries the hub's time; the loop compares it with its own
 * clock at the midpoint of the request (error: half the round trip, far
 * below the threshold). A clock more than two minutes off is told to the
 * user in plain words; sync goes on regardless.
 *
 * @example
 *   clockOffsetMs(sentAt, receivedAt, '2026-12-01T10:00:00.000Z'); // +86_400_000: a day fast
 *   skewMessage(11_520_000); // 'This computer’s clock is 3 h 12 min fast — fix the time in Windows settings'
 */
import { t } from '../../shared/i18n';

/** Beyond this the status bar says so. NTP keeps clocks within a second; two minutes is a wrong clock, not jitter. */
export const SKEW_REPORT_MS = 2 * 60_000;

/** Our clock minus the hub's, in ms (positive: this computer is fast); null if the hub gave no time. */
export function clockOffsetMs(sentAtMs: number, receivedAtMs: number, hubTime: string | undefined): number | null {
  if (!hubTime) return null;
  const hub = Date.parse(hubTime);
  if (Number.isNaN(hub)) return null;
  return Math.round((sentAtMs + receivedAtMs) / 2 - hub);
}

/** "3 h 12 min", "24 h", "5 min", "3 days". */
export function skewAmount(offsetMs: number): string {
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  if (minutes < 60) return t('sync.clock.minutes', { m: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours >= 48) return t('sync.clock.days', { d: Math.round(hours / 24) });
  const rest = minutes % 60;
  return rest === 0 ? t('sync.clock.hours', { h: hours }) : t('sync.clock.hoursMinutes', { h: hours, m: rest });
}

/** The sentence for the status bar, or null while the clock is close enough. */
export function skewMessage(offsetMs: number | null): string | null {
  if (offsetMs === null || Math.abs(offsetMs) <= SKEW_REPORT_MS) return null;
  return t(offsetMs > 0 ? 'sync.clockFast' : 'sync.clockSlow', { amount: skewAmount(offsetMs) });
}
