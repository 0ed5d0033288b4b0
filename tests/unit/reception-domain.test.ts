import { describe, expect, it } from 'vitest';
import { formatMoney, parseMoney, splitShare } from '../../shared/domain/money';
import { addLocalDays, clinicDay, localToUtc, utcToLocal } from '../../shared/domain/practice-time';
import { appointmentStatus, visitStatus } from '../../shared/domain/reception-status';
import { findClashes, nextFreeSlot, recurrenceStarts } from '../../shared/domain/schedule';

describe('reception status machines (reused by the sync merge rules)', () => {
  it('allow only the seed’s moves', () => {
    expect(visitStatus.canMove('WAITING', 'CALLED')).toBe(true);
    expect(visitStatus.canMove('WAITING', 'IN_PROGRESS')).toBe(false);
    expect(visitStatus.canMove('COMPLETED', 'WAITING')).toBe(false);
    expect(appointmentStatus.canMove('CONFIRMED', 'NO_SHOW')).toBe(true);
    expect(appointmentStatus.canMove('NO_SHOW', 'CHECKED_IN')).toBe(false);
  });

  it('merge to the furthest legal state whatever the order, and flag two different endings', () => {
    expect(appointmentStatus.furthestStatus('CHECKED_IN', 'COMPLETED')).toBe('COMPLETED');
    expect(appointmentStatus.furthestStatus('COMPLETED', 'CHECKED_IN')).toBe('COMPLETED');
    expect(visitStatus.furthestStatus('PENDING_PAYMENT', 'CALLED')).toBe('PENDING_PAYMENT');
    expect(appointmentStatus.furthestStatus('CANCELLED', 'COMPLETED')).toBe('conflict');
    expect(appointmentStatus.furthestStatus('NO_SHOW', 'NO_SHOW')).toBe('NO_SHOW');
    for (const a of visitStatus.statuses) {
      for (const b of visitStatus.statuses) expect(visitStatus.furthestStatus(a, b)).toBe(visitStatus.furthestStatus(b, a));
    }
  });
});

describe('money in minor units', () => {
  it('splits shares that always add up to the whole, refunds too', () => {
    expect(splitShare(45_000, 6_000)).toEqual({ practitioner: 27_000, centre: 18_000 });
    expect(splitShare(333, 5_000)).toEqual({ practitioner: 167, centre: 166 });
    const refund = splitShare(-333, 5_000);
    expect(refund.practitioner + refund.centre).toBe(-333);
    expect(() => splitShare(10.5, 100)).toThrow(/whole minor units/);
  });

  it('parses what the desk types, per currency, and never makes floats', () => {
    expect(parseMoney('450', 'ZAR')).toBe(45_000);
    expect(parseMoney('450.5', 'ZAR')).toBe(45_050);
    expect(parseMoney('450,05', 'ZAR')).toBe(45_005);
    expect(parseMoney('450.055', 'ZAR')).toBeNull();
    expect(parseMoney('1500', 'JPY')).toBe(1500);
    expect(parseMoney('abc', 'ZAR')).toBeNull();
    expect(formatMoney(45_050, 'USD')).toBe('$450.50');
  });
});

describe('practice time', () => {
  it('applies the practice zone at the edges, DST included', () => {
    expect(localToUtc('2026-11-25T09:00', 'Africa/Johannesburg')).toBe('2026-11-25T07:00:00.000Z');
    expect(localToUtc('2026-03-30T09:00', 'Europe/London')).toBe('2026-03-30T08:00:00.000Z'); // after the spring change
    expect(utcToLocal('2026-11-25T07:00:00.000Z', 'Africa/Johannesburg')).toBe('2026-11-25T09:00');
    expect(clinicDay('2026-11-25T03:30:00.000Z', 'America/New_York')).toBe('2026-11-24');
    expect(addLocalDays('2026-12-30T09:00', 3)).toBe('2027-01-02T09:00');
  });
});

describe('diary rules', () => {
  const base = { practitionerId: 'dr', roomId: 'r1', patientId: 'p1' };
  it('finds clashes by practitioner, room and patient, half-open', () => {
    const existing = [{ id: 'a', startAt: '2026-11-25T07:00:00Z', endAt: '2026-11-25T07:30:00Z', ...base }];
    expect(findClashes({ ...base, patientId: 'p2', startAt: '2026-11-25T07:30:00Z', endAt: '2026-11-25T08:00:00Z' }, existing)).toEqual([]);
    expect(findClashes({ ...base, startAt: '2026-11-25T07:15:00Z', endAt: '2026-11-25T07:45:00Z' }, existing).map((c) => c.kind)).toEqual([
      'practitioner',
      'room',
      'patient',
    ]);
  });

  it('keeps a recurring time on the wall clock across a DST change', () => {
    const starts = recurrenceStarts('2026-03-16T09:00', 14, 3);
    expect(starts).toEqual(['2026-03-16T09:00', '2026-03-30T09:00', '2026-04-13T09:00']);
    expect(starts.map((s) => localToUtc(s, 'Europe/London'))).toEqual([
      '2026-03-16T09:00:00.000Z',
      '2026-03-30T08:00:00.000Z',
      '2026-04-13T08:00:00.000Z',
    ]);
  });

  it('finds the next free slot on the grid, skipping busy time and closed days', () => {
    const hours = [{ weekday: 3, start: '08:00', end: '09:00' }]; // Wednesdays only, 06:00–07:00 UTC
    const ask = (minutes: number) =>
      nextFreeSlot({
        fromUtc: '2026-11-25T06:05:00.000Z',
        fromDay: '2026-11-25',
        minutes,
        hours,
        busy: [{ startAt: '2026-11-25T06:15:00.000Z', endAt: '2026-11-25T06:40:00.000Z' }],
        timeZone: 'Africa/Johannesburg',
      });
    // 06:05 rounds up to 06:15 (busy); the next grid point after 06:40 is 06:45.
    expect(ask(15)).toEqual({ startAt: '2026-11-25T06:45:00.000Z', endAt: '2026-11-25T07:00:00.000Z' });
    // 20 minutes fit nowhere that Wednesday: the next Wednesday at opening.
    expect(ask(20)).toEqual({ startAt: '2026-12-02T06:00:00.000Z', endAt: '2026-12-02T06:20:00.000Z' });
  });
});
