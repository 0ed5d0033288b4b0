import { describe, expect, it } from 'vitest';
import { HybridLogicalClock, parseHlc } from '../../sync/hlc';

describe('hybrid logical clock', () => {
  it('never goes backwards when the wall clock does', () => {
    let wall = Date.parse('2026-11-25T10:00:00.000Z');
    const clock = new HybridLogicalClock('dev-a', () => wall);
    const first = clock.tick();
    wall -= 60_000; // the OS clock is corrected backwards by a minute
    const second = clock.tick();
    const third = clock.tick();
    expect(second > first).toBe(true);
    expect(third > second).toBe(true);
    expect(parseHlc(third).wallMs).toBe(Date.parse('2026-11-25T10:00:00.000Z'));
  });

  it('orders events in the same millisecond by counter', () => {
    const clock = new HybridLogicalClock('dev-a', () => 1_000);
    const stamps = Array.from({ length: 5 }, () => clock.tick());
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(5);
  });

  it('is pulled forward by a remote clock only within the bound, and reports the skew', () => {
    const now = Date.parse('2026-11-25T10:00:00.000Z');
    const clock = new HybridLogicalClock('dev-a', () => now, undefined, 60_000);
    const dayAhead = new HybridLogicalClock('dev-b', () => now + 86_400_000).tick();
    clock.receive(dayAhead);
    const local = parseHlc(clock.tick());
    expect(local.wallMs).toBeLessThanOrEqual(now + 60_000);
    expect(clock.maxSkewSeenMs).toBe(86_400_000);
  });

  it('sorts after a slightly-ahead remote timestamp it has received', () => {
    const now = 5_000_000;
    const clock = new HybridLogicalClock('dev-a', () => now);
    const remote = new HybridLogicalClock('dev-b', () => now + 2_000).tick();
    clock.receive(remote);
    expect(clock.tick() > remote).toBe(true);
  });

  it('moves to the next millisecond when the counter would overflow', () => {
    const clock = new HybridLogicalClock('n', () => 0, { wallMs: 10, counter: 0xffff });
    expect(parseHlc(clock.tick())).toMatchObject({ wallMs: 11, counter: 0 });
  });
});
