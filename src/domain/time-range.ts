/** A half-open interval of instants, `from <= t < to`, in epoch milliseconds. */
export interface TimeRange {
  readonly from: number;
  readonly to: number;
}

export function contains(range: TimeRange, instant: number): boolean {
  return instant >= range.from && instant < range.to;
}

export function spanMs(range: TimeRange): number {
  return range.to - range.from;
}

/** A range as a map key: equal for equal ranges. */
export function rangeKey(range: TimeRange): string {
  return `${range.from}:${range.to}`;
}
