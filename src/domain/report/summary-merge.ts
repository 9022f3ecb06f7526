import { isWhollyIn } from '../columns/rows-in-range.js';
import { combinationKey } from '../grouping/combination-rows.js';
import type { CategoricalDimension } from '../grouping/dimensions.js';
import { groupId } from '../grouping/group-id.js';
import type { TimeKey } from '../grouping/time-key.js';
import type { SummaryUnit } from '../summary/window-view.js';
import type { CombinationTotals, WindowSummary } from '../summary/window-summary.js';
import type { TimeRange } from '../time/time-range.js';
import type { Bucket, ZoneClock } from '../time/zone-clock.js';
import { groupKey, type Groups } from './report-groups.js';
import type { ReportPlan } from './report-plan.js';

/**
 * Merges the summary of `unit` (a window, or a day rolled up) into `groups` when it speaks for the
 * query: the plan allows summaries, the unit lies wholly in the range, and one time bucket holds it
 * whole (its table is derived first when the summary has none yet, window-summary.ts). Says whether it did.
 */
export function mergeSummaryOf(plan: ReportPlan, unit: Pick<SummaryUnit, 'window' | 'summary'>, groups: Groups): boolean {
  const start = bucketOf(plan, unit);
  if (start === undefined) return false;
  mergeSummary(plan, unit.summary, start === null ? undefined : plan.time.keyOf(start), groups);
  return true;
}

/** Whether the unit's summary answers the query from what it holds now, without deriving a table or reading a leg. */
export function answersHeld(plan: ReportPlan, unit: Pick<SummaryUnit, 'window' | 'summary'>): boolean {
  return bucketOf(plan, unit) !== undefined && unit.summary.holdsTable(plan.table.dimensions);
}

/**
 * Where a unit's merged totals go in time: undefined when its summary cannot speak for the query (a
 * day roll-up read without its windows may lack the table and be unable to derive it); null without
 * time buckets.
 */
function bucketOf(plan: ReportPlan, unit: Pick<SummaryUnit, 'window' | 'summary'>): number | null | undefined {
  const { time, clock } = plan;
  if (!plan.summarizable || !isWhollyIn(unit, plan.range) || !unit.summary.answers(plan.table.dimensions)) return undefined;
  return time.bucket ? wholeBucket(unit.window, time.bucket, clock) : null;
}

/** The bucket start when the whole window lies in one bucket, else undefined. */
function wholeBucket(window: TimeRange, bucket: Bucket, clock: ZoneClock): number | undefined {
  const start = clock.startOf(bucket, window.from);
  return start === clock.startOf(bucket, window.to - 1) ? start : undefined;
}

function mergeSummary(plan: ReportPlan, summary: WindowSummary, time: TimeKey | undefined, groups: Groups): void {
  const { table: { dimensions }, filter } = plan;
  if (dimensions.length === 0) return mergeCell(plan, summary, { key: combinationKey([]), values: [], totals: summary.total }, time, groups);
  if (dimensions.length === 1) {
    const [dimension] = dimensions as [CategoricalDimension];
    for (const [value, totals] of summary.by(dimension)) {
      if (filter.allows(dimension, value)) mergeCell(plan, summary, { key: combinationKey([value]), values: [value], totals }, time, groups);
    }
    return;
  }
  const everyCell = filter.constrained.length === 0;
  for (const cell of summary.combination(dimensions)) {
    if (everyCell || dimensions.every((dimension, d) => filter.allows(dimension, cell.values[d]!))) mergeCell(plan, summary, cell, time, groups);
  }
}

function mergeCell(plan: ReportPlan, summary: WindowSummary, cell: CombinationTotals, time: TimeKey | undefined, groups: Groups): void {
  const { table } = plan;
  const ref = { summary, key: cell.key };
  // Grouped by the table's own dimensions in its order, and not by time: the group is named as the cell is.
  if (time === undefined && table.asTable) return groups.merge(cell.key, () => groupKey(time, table.categorical, cell.values), cell.totals, ref);
  const grouped = table.grouped.map((d) => cell.values[d]!);
  groups.merge(groupId(time, grouped), () => groupKey(time, table.categorical, grouped), cell.totals, ref);
}
