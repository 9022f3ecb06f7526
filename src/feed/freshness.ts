import { DAY_MS, type TimeRange } from '../domain/time/time-range.js';

export interface FreshnessOptions {
  /** How often a window near "now" may be fetched again; wolkvox asks for no more than every 5 minutes. */
  readonly refreshMs: number;
  /** How long after its end a window is taken as final (wolkvox writes a call once it ends, sometimes late). */
  readonly settleMs: number;
}

/**
 * A settled window whose answer had rows that could not be read is asked for again before its copy is
 * final: once after `refreshMs` (a passing fault), then once a day for a week (a fault on wolkvox's
 * side that someone fixes); the copy of the last ask is kept, unreadable rows and all.
 */
export const UNREADABLE_RETRIES = { dailyMs: DAY_MS, days: 7 } as const;
/** Asks whose copies are provisional: the first, the quick one, and the daily ones but the last. */
const PROVISIONAL_ASKS = 1 + UNREADABLE_RETRIES.days;

/**
 * When a cached window may still be served.
 * - Stable: it had already settled when it was fetched (its end was `settleMs` before the fetch), so
 *   nothing will change; kept until the cache needs the room.
 * - Open: it touched the recent past or "now" when fetched; served for `refreshMs`, then fetched again.
 * - Provisional (`provisional`: how many fetches in a row had unreadable rows): served until its next
 *   ask is due (UNREADABLE_RETRIES), never stable.
 */
export class FreshnessPolicy {
  constructor(readonly options: FreshnessOptions) {}

  isStable(window: TimeRange, fetchedAt: number, provisional = 0): boolean {
    return provisional === 0 && this.settled(window, fetchedAt);
  }

  isFresh(window: TimeRange, fetchedAt: number, now: number, provisional = 0): boolean {
    return this.isStable(window, fetchedAt, provisional) || now - fetchedAt < this.servedForMs(window, fetchedAt, provisional);
  }

  /** How long after its fetch a copy that is not stable is served before it is asked for again. */
  servedForMs(window: TimeRange, fetchedAt: number, provisional = 0): number {
    return provisional >= 2 && this.settled(window, fetchedAt) ? UNREADABLE_RETRIES.dailyMs : this.options.refreshMs;
  }

  /**
   * The count a new copy carries: 0 (final, or read whole) or how many fetches in a row found unreadable
   * rows, counted from the first made after the window settled (before, it is fetched again anyway).
   * `previous`: the count of the copy it replaces.
   */
  provisionalAfter(window: TimeRange, fetchedAt: number, unreadable: boolean, previous = 0): number {
    if (!unreadable) return 0;
    if (!this.settled(window, fetchedAt)) return 1;
    const asks = previous + 1;
    return asks > PROVISIONAL_ASKS ? 0 : asks;
  }

  private settled(window: TimeRange, fetchedAt: number): boolean {
    return window.to <= fetchedAt - this.options.settleMs;
  }
}
