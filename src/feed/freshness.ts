import type { TimeRange } from '../domain/time/time-range.js';

export interface FreshnessOptions {
  /** How often a window near "now" may be fetched again; wolkvox asks for no more than every 5 minutes. */
  readonly refreshMs: number;
  /** How long after its end a window is taken as final (wolkvox writes a call once it ends, sometimes late). */
  readonly settleMs: number;
}

/**
 * When a cached window may still be served.
 * - Stable: it had already settled when it was fetched (its end was `settleMs` before the fetch), so
 *   nothing will change; kept until the cache needs the room.
 * - Open: it touched the recent past or "now" when fetched; served for `refreshMs`, then fetched again.
 */
export class FreshnessPolicy {
  constructor(readonly options: FreshnessOptions) {}

  /** `provisional`: a copy with rows that could not be read, which is asked for once more before it is final. */
  isStable(window: TimeRange, fetchedAt: number, provisional = false): boolean {
    return !provisional && window.to <= fetchedAt - this.options.settleMs;
  }

  isFresh(window: TimeRange, fetchedAt: number, now: number, provisional = false): boolean {
    return this.isStable(window, fetchedAt, provisional) || now - fetchedAt < this.options.refreshMs;
  }
}
