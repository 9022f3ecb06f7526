import type { TimeRange } from '../domain/time-range.js';
import type { ZoneClock } from '../domain/zone-clock.js';

/**
 * A window: the unit of caching, freshness and batching. Windows are aligned to local hour or day
 * boundaries of the operation's zone, so that different queries share them (a DST day is a 23- or
 * 25-hour window; an hour window is always one real hour).
 */
export type Window = TimeRange;
export type WindowSize = 'hour' | 'day';

/** The aligned windows that together cover `range`, in order. */
export function windowsCovering(range: TimeRange, clock: ZoneClock, size: WindowSize): Window[] {
  const windows: Window[] = [];
  for (let from = clock.startOf(size, range.from); from < range.to; ) {
    const to = clock.at(from).plus(size === 'hour' ? { hours: 1 } : { days: 1 }).startOf(size).toMillis();
    windows.push({ from, to });
    from = to;
  }
  return windows;
}

export const windowKey = (window: Window): string => `${window.from}:${window.to}`;
