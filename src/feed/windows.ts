import { DAY_MS, HOUR_MS, type TimeRange } from '../domain/time/time-range.js';
import type { ZoneClock } from '../domain/time/zone-clock.js';

/**
 * A window is a TimeRange that is the unit of caching, freshness and batching. Windows are aligned to
 * local hour or day boundaries of the operation's zone, so that different queries share them (a DST
 * day is a 23- or 25-hour window; an hour window is always one real hour).
 */
export type WindowSize = 'hour' | 'day';

/** The aligned windows that together cover `range`, in order. */
export function windowsCovering(range: TimeRange, clock: ZoneClock, size: WindowSize): TimeRange[] {
  const windows: TimeRange[] = [];
  for (let from = clock.startOf(size, range.from); from < range.to; ) {
    const to = nextStart(from, clock, size);
    windows.push({ from, to });
    from = to;
  }
  return windows;
}

const NOMINAL_MS: Record<WindowSize, number> = { hour: HOUR_MS, day: DAY_MS };

/**
 * The start of the next window. Almost always the nominal length later (checked through the clock's
 * cached bucket starts); on a DST change day, or in a zone whose clocks move by half an hour, luxon
 * works it out. A month of hour windows is built in well under a millisecond this way.
 */
function nextStart(from: number, clock: ZoneClock, size: WindowSize): number {
  const nominal = from + NOMINAL_MS[size];
  if (clock.startOf(size, nominal) === nominal && clock.startOf(size, nominal - 1) === from) return nominal;
  return clock.at(from).plus(size === 'hour' ? { hours: 1 } : { days: 1 }).startOf(size).toMillis();
}

/** Windows of one size are told apart by their start; a number keys a Map faster than text. */
export const windowKey = (window: TimeRange): number => window.from;
