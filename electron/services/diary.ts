/** Reading the diary: a day or a week, and the next free slot for a service. */
import type { z } from 'zod';
import type { AppointmentView } from '../../shared/api/reception-types';
import { addLocalDays, clinicDay, localToUtc } from '../../shared/domain/practice-time';
import { nextFreeSlot } from '../../shared/domain/schedule';
import type { dayInput, nextFreeSlotInput, weekInput } from '../../shared/schemas/reception';
import { busyIntervals, diary } from '../db/appointments';
import type { LocalDatabase } from '../db/database';
import { findServiceType, listPractitioners } from '../db/reception-setup';
import type { Actor } from './actor';
import { validationError } from './errors';

const SEARCH_DAYS = 28;

export function diaryDay(db: LocalDatabase, actor: Actor, input: z.output<typeof dayInput>): AppointmentView[] {
  return diary(db, { practiceId: actor.practiceId, fromDay: input.day, toDay: input.day, practitionerId: input.practitionerId, roomId: input.roomId });
}

export function diaryWeek(db: LocalDatabase, actor: Actor, input: z.output<typeof weekInput>): AppointmentView[] {
  const toDay = addLocalDays(`${input.firstDay}T00:00`, 6).slice(0, 10);
  return diary(db, { practiceId: actor.practiceId, fromDay: input.firstDay, toDay, practitionerId: input.practitionerId, roomId: input.roomId });
}

/** The earliest slot, across the practitioners who offer the service (or the one asked for), in working hours. */
export function findNextFreeSlot(
  db: LocalDatabase,
  actor: Actor,
  input: z.output<typeof nextFreeSlotInput>,
): { startAt: string; endAt: string; practitionerId: string } | null {
  const tz = actor.practice.timeZone;
  const service = findServiceType(db, actor.practiceId, input.serviceTypeId);
  if (!service) throw validationError({ serviceTypeId: 'Unknown service type' });
  const fromUtc = localToUtc(input.from, tz);
  const untilUtc = localToUtc(addLocalDays(input.from, SEARCH_DAYS + 1), tz);
  const candidates = listPractitioners(db, actor.practiceId).filter(
    (p) =>
      p.bookable &&
      (input.practitionerId ? p.userId === input.practitionerId : p.serviceTypeIds.length === 0 || p.serviceTypeIds.includes(service.id)),
  );
  let best: { startAt: string; endAt: string; practitionerId: string } | null = null;
  for (const p of candidates) {
    const slot = nextFreeSlot({
      fromUtc,
      fromDay: clinicDay(fromUtc, tz),
      minutes: service.duration_minutes,
      hours: p.workingHours,
      busy: busyIntervals(db, p.userId, fromUtc, untilUtc),
      timeZone: tz,
      days: SEARCH_DAYS,
    });
    if (slot && (!best || slot.startAt < best.startAt)) best = { ...slot, practitionerId: p.userId };
  }
  return best;
}
