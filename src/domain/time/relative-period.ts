import type { TimeRange } from './time-range.js';
import type { ZoneClock } from './zone-clock.js';

export const RELATIVE_PERIODS = ['TODAY', 'YESTERDAY', 'THIS_WEEK', 'LAST_WEEK', 'THIS_MONTH', 'LAST_MONTH', 'LAST_7_DAYS', 'LAST_30_DAYS'] as const;
export type RelativePeriod = (typeof RELATIVE_PERIODS)[number];

type Unit = 'day' | 'week' | 'month';

/** Each period as whole local units: the unit containing `now`, moved by `back` units, `length` units long. */
const SHAPE: Record<RelativePeriod, { unit: Unit; back: number; length: number }> = {
  TODAY: { unit: 'day', back: 0, length: 1 },
  YESTERDAY: { unit: 'day', back: 1, length: 1 },
  THIS_WEEK: { unit: 'week', back: 0, length: 1 },
  LAST_WEEK: { unit: 'week', back: 1, length: 1 },
  THIS_MONTH: { unit: 'month', back: 0, length: 1 },
  LAST_MONTH: { unit: 'month', back: 1, length: 1 },
  LAST_7_DAYS: { unit: 'day', back: 6, length: 7 },
  LAST_30_DAYS: { unit: 'day', back: 29, length: 30 },
};

/**
 * The instants a period names at `now` in the clock's zone: whole local days, weeks (from Monday) or
 * months, moved by calendar arithmetic, so a day with a DST change is 23 or 25 hours long, as it is
 * on the wall. "The last 7 days" are the seven local days that end with today, today included.
 */
export function periodRange(period: RelativePeriod, clock: ZoneClock, now: number): TimeRange {
  const { unit, back, length } = SHAPE[period];
  const start = clock.at(clock.startOf(unit, now)).minus({ [`${unit}s`]: back });
  return { from: start.toMillis(), to: start.plus({ [`${unit}s`]: length }).toMillis() };
}
