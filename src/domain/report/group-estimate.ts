import { rowsIn } from '../columns/rows-in-range.js';
import { dimensionCodes } from '../grouping/dimensions.js';
import { timeKeyId } from '../grouping/time-key.js';
import type { WindowSummary } from '../summary/window-summary.js';
import type { SummaryUnit } from '../summary/window-view.js';
import { HOUR_MS, type TimeRange } from '../time/time-range.js';
import type { ReportPlan } from './report-plan.js';
import type { Steps } from '../util/yielding.js';

/**
 * An upper bound of the groups a report will have, from what its windows already hold and without
 * computing any total: fast enough to decide, before the work, whether the report may run.
 *
 * A group is a time key and a value of each categorical dimension, met in at least one window. So the
 * groups are at most the legs of the range; at most the time keys of the range times, for each
 * dimension, the values its windows' dictionaries hold (those the filter's lists allow); and at most the
 * sum over windows of the same product taken in each window, or of its legs where fewer. Dictionaries
 * may hold a value only legs outside the range or filtered out have, and the null of every column: an
 * upper bound, close for the usual shapes (a dimension by hour is exact but for that null). A step per unit.
 */
export function* estimateGroups(plan: ReportPlan, units: readonly SummaryUnit[]): Steps<number> {
  if (plan.dimensions.length === 0) return 0;
  const { range, filter, categorical } = plan;
  const values = categorical.map(() => new Set<string | null>());
  /** Dimensions whose values some roll-up does not hold: no bound from them. */
  const unknown = categorical.map(() => false);
  let legs = 0;
  let byWindow = 0;
  for (const unit of units) {
    // A day roll-up read without its windows (a whole day inside the range), or a whole day's windows
    // where the time keys are no finer than days: the same bounds from the day's summary, whose values
    // per dimension are kept (a month of hour windows' dictionaries took a millisecond a report).
    if (unit.parts === null || (unit.windows > 1 && plan.time.bucket !== 'hour')) {
      byWindow += rollupBound(plan, unit.window, unit.summary, values, unknown);
      legs += unit.summary.total.calls;
      yield;
      continue;
    }
    for (const view of unit.parts) {
      const [first, end] = rowsIn(view, range);
      if (end === first) continue;
      legs += end - first;
      let combinations = timeKeysIn(plan, overlap(view.window, range));
      categorical.forEach((dimension, d) => {
        const codes = dimensionCodes(view.columns, dimension);
        let allowed = 0;
        for (let code = 0; code < codes.distinct; code += 1) {
          const value = codes.valueOf(code);
          if (!filter.allows(dimension, value)) continue;
          allowed += 1;
          values[d]!.add(value);
        }
        combinations *= allowed;
      });
      byWindow += Math.min(end - first, combinations);
    }
    // A step per unit: a quarter's dictionaries take tens of milliseconds, and twenty reports at once, twenty times that.
    yield;
  }
  const product = values.reduce((total, distinct, d) => total * (unknown[d] ? Infinity : distinct.size), timeKeysIn(plan, range));
  return Math.min(legs, byWindow, product);
}

/** As a window's bound, from a day roll-up's summary: its calls, or its time keys times the values it holds of each dimension. */
function rollupBound(plan: ReportPlan, window: TimeRange, summary: WindowSummary, values: Set<string | null>[], unknown: boolean[]): number {
  const { categorical, filter } = plan;
  const calls = summary.total.calls;
  if (calls === 0) return 0;
  let combinations = timeKeysIn(plan, window);
  categorical.forEach((dimension, d) => {
    // Derived now where it can be (the report derives it next); a roll-up read without it and its windows gives no bound.
    if (!summary.holds(dimension) && !summary.answers([dimension])) {
      unknown[d] = true;
      combinations = Infinity;
      return;
    }
    let allowed = 0;
    // With the null every window's dictionary holds, as a window's bound counts it.
    for (const value of new Set([null, ...summary.by(dimension).keys()])) {
      if (!filter.allows(dimension, value)) continue;
      allowed += 1;
      values[d]!.add(value);
    }
    combinations *= allowed;
  });
  return Math.min(calls, combinations);
}

export const overlap = (a: TimeRange, b: TimeRange): TimeRange => ({ from: Math.max(a.from, b.from), to: Math.min(a.to, b.to) });

/**
 * The distinct time keys of `range` (1 without a time dimension, or within one hour). Buckets are whole
 * hours in the zones wolkvox serves, and a day, week or month is at least 23 of them: an instant every
 * so often meets every bucket, and the last instant the last one.
 */
export function timeKeysIn(plan: ReportPlan, range: TimeRange): number {
  const { bucket } = plan.time;
  if (bucket === null || range.to - range.from <= HOUR_MS) return 1;
  const step = bucket === 'hour' ? HOUR_MS : SHORTEST_DAY_MS;
  const keys = new Set<string>();
  const add = (instant: number) => keys.add(timeKeyId(plan.time.keyOf(plan.clock.startOf(bucket, instant))));
  for (let instant = range.from; instant < range.to; instant += step) add(instant);
  add(range.to - 1);
  return keys.size;
}

/** A day that loses an hour to daylight saving time. */
const SHORTEST_DAY_MS = 23 * HOUR_MS;
