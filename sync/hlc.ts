/**
 * Hybrid logical clock (wall time + counter + node). Timestamps sort as plain
 * strings, are unique per device, and never go backwards even if the wall
 * clock does.
 *
 * A remote timestamp may pull this clock forward only by `maxForwardMs`
 * beyond our own wall time: a device whose clock is a day fast must not drag
 * every other device into its future (ARCHITECTURE §4). The skew seen is kept
 * so the status bar can report it.
 *
 * @example
 *   const clock = new HybridLogicalClock('device-1');
 *   const ts = clock.tick(); // '2026-11-25T17:31:40.123Z-0000-device-1'
 */
export interface HlcState {
  wallMs: number;
  counter: number;
}

const COUNTER_MAX = 0xffff;

export class HybridLogicalClock {
  private wallMs: number;
  private counter: number;
  /** Largest amount a remote clock was seen ahead of ours, in ms. */
  maxSkewSeenMs = 0;

  constructor(
    readonly node: string,
    private readonly now: () => number = Date.now,
    state: HlcState = { wallMs: 0, counter: 0 },
    private readonly maxForwardMs = 60_000,
  ) {
    this.wallMs = state.wallMs;
    this.counter = state.counter;
  }

  /** A new timestamp for a local event. */
  tick(): string {
    const physical = this.now();
    if (physical > this.wallMs) {
      this.wallMs = physical;
      this.counter = 0;
    } else {
      this.bumpCounter();
    }
    return formatHlc(this.wallMs, this.counter, this.node);
  }

  /**
   * A timestamp for a local edit of a row whose newest version is `newest`:
   * a fresh tick, or, when that row carries a timestamp from a clock running
   * ahead of ours (beyond what `receive` lets us follow), the next timestamp
   * after it under our own node id. So an edit made on top of a version always
   * beats that version, however fast the other device's clock was — without
   * dragging this clock into the other device's future for every other row.
   */
  tickAfter(newest: string | null): string {
    const fresh = this.tick();
    if (newest === null || fresh > newest) return fresh;
    const seen = parseHlc(newest);
    const counter = seen.counter + 1;
    return counter > COUNTER_MAX ? formatHlc(seen.wallMs + 1, 0, this.node) : formatHlc(seen.wallMs, counter, this.node);
  }

  /** Take a remote timestamp into account (bounded), so later local events sort after it. */
  receive(remote: string): void {
    const parsed = parseHlc(remote);
    const physical = this.now();
    this.maxSkewSeenMs = Math.max(this.maxSkewSeenMs, parsed.wallMs - physical);
    const limit = physical + this.maxForwardMs;
    const remoteWall = Math.min(parsed.wallMs, limit);
    // Cut back to the bound, the remote's counter no longer belongs to that time.
    const remoteCounter = parsed.wallMs > limit ? 0 : parsed.counter;
    // Adopt the remote time (and counter) when it is ahead of ours, so the
    // next tick — which moves to the wall clock or bumps the counter — sorts
    // after it, also when both fall in the same millisecond.
    if (remoteWall > this.wallMs) {
      this.wallMs = remoteWall;
      this.counter = remoteCounter;
    } else if (remoteWall === this.wallMs) {
      this.counter = Math.max(this.counter, remoteCounter);
    }
  }

  state(): HlcState {
    return { wallMs: this.wallMs, counter: this.counter };
  }

  private bumpCounter(): void {
    this.counter += 1;
    if (this.counter > COUNTER_MAX) {
      // Sixty-five thousand events in one millisecond: move to the next one.
      this.wallMs += 1;
      this.counter = 0;
    }
  }
}

export function formatHlc(wallMs: number, counter: number, node: string): string {
  return `${new Date(wallMs).toISOString()}-${counter.toString(16).padStart(4, '0')}-${node}`;
}

export function parseHlc(value: string): HlcState & { node: string } {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-f]{4})-(.+)$/.exec(value);
  if (!m) throw new Error(`Not a hybrid logical clock timestamp: ${value}`);
  return { wallMs: Date.parse(m[1]!), counter: parseInt(m[2]!, 16), node: m[3]! };
}
