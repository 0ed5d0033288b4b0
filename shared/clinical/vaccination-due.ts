/**
 * The "due and overdue" list (pure). Only each patient's latest dose of a
 * vaccine counts: a booster given supersedes the due date of the dose
 * before it. Dates are practice-local calendar days (YYYY-MM-DD); `asOf` is
 * the practice's today, worked out in its time zone by the caller.
 *
 * - overdue: next due before asOf;
 * - due: next due from asOf up to asOf + windowDays, both included.
 *
 * @example dueState('2026-12-01', '2026-12-02', 30) // 'overdue'
 */

export type DueState = 'overdue' | 'due';

export interface GivenDose {
  id: string;
  patientId: string;
  vaccineName: string;
  givenAt: string;
  nextDueOn: string | null;
}

/** Calendar arithmetic on YYYY-MM-DD (UTC noon, so no zone or DST can shift the day). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);
}

export function dueState(nextDueOn: string | null, asOf: string, windowDays: number): DueState | null {
  if (!nextDueOn) return null;
  if (nextDueOn < asOf) return 'overdue';
  return nextDueOn <= addDays(asOf, windowDays) ? 'due' : null;
}

const vaccineKey = (d: GivenDose) => `${d.patientId}|${d.vaccineName.trim().toLowerCase()}`;

/** Per patient and vaccine (by name, case-insensitive), the latest dose given (then the higher id). */
export function latestDoses<D extends GivenDose>(doses: readonly D[]): D[] {
  const latest = new Map<string, D>();
  for (const d of doses) {
    const held = latest.get(vaccineKey(d));
    if (!held || d.givenAt > held.givenAt || (d.givenAt === held.givenAt && d.id > held.id)) latest.set(vaccineKey(d), d);
  }
  return [...latest.values()];
}

/** The doses whose next one is due or overdue, most overdue first. */
export function dueDoses<D extends GivenDose>(doses: readonly D[], asOf: string, windowDays: number): (D & { state: DueState; daysUntilDue: number })[] {
  return latestDoses(doses)
    .flatMap((d) => {
      const state = dueState(d.nextDueOn, asOf, windowDays);
      return state ? [{ ...d, state, daysUntilDue: daysBetween(asOf, d.nextDueOn!) }] : [];
    })
    .sort((a, b) => a.nextDueOn!.localeCompare(b.nextDueOn!) || a.id.localeCompare(b.id));
}
