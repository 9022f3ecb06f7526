/** A half-open interval of instants, `from <= t < to`, in epoch milliseconds. */
export interface TimeRange {
  readonly from: number;
  readonly to: number;
}

export function spanMs(range: TimeRange): number {
  return range.to - range.from;
}

/** A range as a map key: equal for equal ranges. */
export function rangeKey(range: TimeRange): string {
  return `${range.from}:${range.to}`;
}

/** Lengths in milliseconds of an hour and of a 24-hour day (not a local calendar day: see ZoneClock). */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
