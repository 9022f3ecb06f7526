import { DateTime } from 'luxon';
import { HOUR_MS, type TimeRange } from './time-range.js';
import type { ZoneClock } from './zone-clock.js';

/** A local day is 23 to 25 hours long: 30 hours after a day's start always falls in the next day. */
const INTO_NEXT_DAY_MS = 30 * HOUR_MS;

/** The local day (of `clock`'s zone) that starts at `dayStart`, as a range: 23, 24 or 25 hours. */
export function dayAt(dayStart: number, clock: ZoneClock): TimeRange {
  // The clock caches day starts: no calendar arithmetic per day (a year of days is asked for often).
  return { from: dayStart, to: clock.startOf('day', dayStart + INTO_NEXT_DAY_MS) };
}

/** The start of the local day `days` days before (negative: after) the one that starts at `dayStart`. */
export function daysBefore(dayStart: number, days: number, clock: ZoneClock): number {
  return clock.at(dayStart).minus({ days }).startOf('day').toMillis();
}

/** The local days that `ranges` touch, merged into runs of consecutive days, in order. */
export function dayRuns(ranges: readonly TimeRange[], clock: ZoneClock): TimeRange[] {
  const runs: TimeRange[] = [];
  for (const range of [...ranges].sort((a, b) => a.from - b.from)) {
    const from = clock.startOf('day', range.from);
    const lastDay = clock.startOf('day', range.to - 1);
    const to = lastDay >= from ? dayAt(lastDay, clock).to : dayAt(from, clock).to;
    const run = runs.at(-1);
    if (run && from <= run.to) runs[runs.length - 1] = { from: run.from, to: Math.max(run.to, to) };
    else runs.push({ from, to });
  }
  return runs;
}

/** Local days in `range` (whole days from its first day start), for counting. */
export function daysIn(range: TimeRange, clock: ZoneClock): number {
  let days = 0;
  for (let day = clock.startOf('day', range.from); day < range.to; day = dayAt(day, clock).to) days += 1;
  return days;
}

/** The local date of the day that starts at `dayStart`, e.g. 2025-03-01. */
export function isoDateOf(dayStart: number, clock: ZoneClock): string {
  return clock.at(dayStart).toISODate()!;
}

/** The start of the local day `date` (YYYY-MM-DD) names, or null when it names none. */
export function dayStartOf(date: string, clock: ZoneClock): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const day = DateTime.fromISO(date, { zone: clock.zone });
  return day.isValid ? day.startOf('day').toMillis() : null;
}
