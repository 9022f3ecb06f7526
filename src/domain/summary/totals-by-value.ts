import type { CategoricalDimension, DimensionCodes } from '../grouping/dimensions.js';
import { LegTotals } from '../stats/call-stats.js';

/** A dimension's totals by value, from a window's legs numbered by value (dimensionCodes). */
export function byValueOf(codes: DimensionCodes, accumulators: readonly (LegTotals | undefined)[]): Map<string | null, LegTotals> {
  const byValue = new Map<string | null, LegTotals>();
  accumulators.forEach((accumulator, code) => accumulator && byValue.set(codes.valueOf(code), accumulator));
  return byValue;
}

/** Adds `byValue`, one part's totals of `dimension` by value, into the merged totals of every part. */
export function mergeInto(into: Map<CategoricalDimension, Map<string | null, LegTotals>>, dimension: CategoricalDimension, byValue: ReadonlyMap<string | null, LegTotals>): void {
  let target = into.get(dimension);
  if (!target) into.set(dimension, (target = new Map<string | null, LegTotals>()));
  for (const [value, totals] of byValue) {
    let accumulator = target.get(value);
    if (!accumulator) target.set(value, (accumulator = new LegTotals()));
    accumulator.merge(totals);
  }
}

