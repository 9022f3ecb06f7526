import { PreparedFilter, type CallFilter } from './call-filter.js';
import { StatsAccumulator, type CallStats } from './call-stats.js';
import {
  CATEGORICAL, CATEGORICAL_DIMENSIONS, dimensionCodes, isCategorical,
  type CallDimension, type CallGroupKey, type CategoricalDimension, type DimensionCodes,
} from './dimensions.js';
import { groupId } from './group-id.js';
import type { LegSet } from './leg-set.js';
import { collectLegs, type ReportLegs } from './report-legs.js';
import { timeKeyer, type TimeKey, type TimeKeyer } from './time-key.js';
import { runNow, runYielding, SLICE_MS, type Steps } from './yielding.js';
import type { TimeRange } from './time-range.js';
import type { RowSelector } from './row-selection.js';
import { ScanTotals } from './scan-totals.js';
import { WindowGrouper } from './window-groups.js';
import { isWhollyIn, rowsIn, type SummaryUnit, type WindowView } from './window-view.js';
import type { Bucket, ZoneClock } from './zone-clock.js';

export type { CallGroupKey } from './dimensions.js';

export interface CallGroup {
  readonly key: CallGroupKey;
  readonly stats: CallStats;
}

export interface CallReport {
  readonly total: CallStats;
  /** Empty when no dimension is asked. */
  readonly groups: readonly CallGroup[];
  /** How the answer was computed: windows merged from their summaries, windows scanned call by call. */
  readonly summarizedWindows: number;
  readonly scannedWindows: number;
}

export interface ReportQuery {
  readonly range: TimeRange;
  /** Prepared once per report unless it comes prepared (a PreparedFilter is used as it is). */
  readonly filter: CallFilter | PreparedFilter;
  readonly dimensions: readonly CallDimension[];
}

/**
 * Totals, and totals per group, of the calls of `views` in the query's range that pass its filter.
 *
 * A window wholly inside the range is answered from its summary when the query groups by at most one
 * categorical dimension, filters on no other, and its time buckets hold the window whole; any other
 * window is scanned call by call. Both give the same numbers (tests hold them to it); `strategy:
 * 'scan'` forces the scan.
 */
export function buildReport(
  units: readonly SummaryUnit[],
  query: ReportQuery,
  clock: ZoneClock,
  strategy: 'auto' | 'scan' = 'auto',
): CallReport {
  return runNow(reportSteps(units, query, clock, strategy, runNow));
}

/** `buildReport`, handing the event loop back between windows every few milliseconds (yielding.ts): what the server runs. */
export function buildReportYielding(units: readonly SummaryUnit[], query: ReportQuery, clock: ZoneClock, sliceMs = SLICE_MS): Promise<CallReport> {
  const run = <T>(steps: Steps<T>) => runYielding(steps, sliceMs);
  return run(reportSteps(units, query, clock, 'auto', run));
}

/** The report's work, a step per scanned window; `run` runs the leg scan when a figure asks for it. */
function* reportSteps(
  units: readonly SummaryUnit[],
  query: ReportQuery,
  clock: ZoneClock,
  strategy: 'auto' | 'scan',
  run: <T>(steps: Steps<T>) => T | Promise<T>,
): Steps<CallReport> {
  const { range } = query;
  const filter = PreparedFilter.of(query.filter);
  const dimensions = [...new Set(query.dimensions)];
  const categorical = dimensions.filter(isCategorical);
  const time = timeKeyer(dimensions, clock);
  const keyDimension = categorical[0] ?? filter.constrained[0];
  const summarizable =
    strategy === 'auto' && filter.summarizable && categorical.length <= 1 && filter.constrained.every((dimension) => dimension === keyDimension);

  const groups = new Groups();
  let scan: ReportScan | undefined;
  let summarizedWindows = 0;
  let scannedWindows = 0;
  /** Merges `unit`'s summary when it speaks for the query, and says whether it did. */
  const merged = (unit: Pick<SummaryUnit, 'window' | 'summary'>): boolean => {
    if (!summarizable || !isWhollyIn(unit, range)) return false;
    const start = time.bucket ? wholeBucket(unit.window, time.bucket, clock) : undefined;
    if (time.bucket && start === undefined) return false;
    mergeSummary(unit, keyDimension, categorical.length > 0, start === undefined ? undefined : time.keyOf(start), filter, groups);
    return true;
  };
  for (const unit of units) {
    if (merged(unit)) {
      summarizedWindows += unit.parts.length;
      continue;
    }
    for (const view of unit.parts) {
      if (merged(view)) summarizedWindows += 1;
      else {
        (scan ??= new ReportScan(filter, categorical, time, clock)).add(view, range);
        scannedWindows += 1;
        yield;
      }
    }
  }
  scan?.mergeInto(groups);
  // Distributions and distinct counts need the legs: one scan, when a figure first asks for them.
  let legs: Promise<ReportLegs> | undefined;
  const legsOf = () => (legs ??= Promise.resolve(run(collectLegs(units.flatMap((unit) => unit.parts), range, filter, categorical, time, clock))));
  return { ...groups.results(dimensions.length > 0, legsOf), summarizedWindows, scannedWindows };
}

/** The bucket start when the whole window lies in one bucket, else undefined. */
function wholeBucket(window: TimeRange, bucket: Bucket, clock: ZoneClock): number | undefined {
  const start = clock.startOf(bucket, window.from);
  return start === clock.startOf(bucket, window.to - 1) ? start : undefined;
}

function mergeSummary(
  view: Pick<SummaryUnit, 'summary'>,
  dimension: CategoricalDimension | undefined,
  grouped: boolean,
  time: TimeKey | undefined,
  filter: PreparedFilter,
  groups: Groups,
): void {
  const timeOnly = () => ({ ...time });
  if (!dimension) return groups.merge(groupId(time, []), timeOnly, view.summary.total);
  for (const [value, totals] of view.summary.by(dimension)) {
    if (!filter.allows(dimension, value)) continue;
    if (!grouped) groups.merge(groupId(time, []), timeOnly, totals);
    else groups.merge(groupId(time, [value]), () => ({ ...time, [CATEGORICAL[dimension].key]: value }), totals);
  }
}

/**
 * The windows of a report that summaries cannot answer, scanned row by row: each window's rows
 * selected (row-selection.ts), numbered into local groups (window-groups.ts) and added to typed
 * totals per report group (scan-totals.ts); the report's groups receive those totals once, at the end.
 */
class ReportScan {
  private readonly selector: RowSelector;
  private readonly grouper = new WindowGrouper();
  private readonly totals: ScanTotals;

  constructor(
    filter: PreparedFilter,
    private readonly categorical: readonly CategoricalDimension[],
    private readonly time: TimeKeyer,
    private readonly clock: ZoneClock,
  ) {
    this.selector = filter.selector();
    this.totals = new ScanTotals(categorical.length);
  }

  add(view: WindowView, range: TimeRange): void {
    const { columns } = view;
    const codes: DimensionCodes[] = [];
    for (const dimension of this.categorical) codes.push(dimensionCodes(columns, dimension));
    const [first, end] = rowsIn(view, range);
    const rows = this.selector.select(columns, first, end);
    this.totals.add(columns, this.grouper.group(rows, columns.date, codes, this.time.bucket, this.clock), codes);
  }

  mergeInto(groups: Groups): void {
    for (const { start, values, totals } of this.totals.results()) {
      const key = start === undefined ? undefined : this.time.keyOf(start);
      groups.merge(groupId(key, values), () => {
        const groupKey: Record<string, unknown> = { ...key };
        this.categorical.forEach((dimension, d) => (groupKey[CATEGORICAL[dimension].key] = values[d]));
        return groupKey as CallGroupKey;
      }, totals);
    }
  }
}

class Groups {
  private readonly byKey = new Map<string, { key: CallGroupKey; totals: StatsAccumulator }>();

  /** `id` names the group (its time key and values, in dimension order); `key` builds its key once, for a new group. */
  merge(id: string, key: () => CallGroupKey, totals: StatsAccumulator): void {
    // A group exists only where there are calls (an empty window's summary adds none).
    if (totals.calls === 0) return;
    let group = this.byKey.get(id);
    if (!group) this.byKey.set(id, (group = { key: key(), totals: new StatsAccumulator() }));
    group.totals.merge(totals);
  }

  results(grouped: boolean, legs: () => Promise<ReportLegs>): { total: CallStats; groups: CallGroup[] } {
    const total = new StatsAccumulator();
    for (const { totals } of this.byKey.values()) total.merge(totals);
    const groupLegs = (id: string) => async (): Promise<LegSet> => (await legs()).byGroup.get(id)!;
    const groups = grouped
      ? [...this.byKey]
          .map(([id, { key, totals }]) => ({ key, stats: totals.result(groupLegs(id)), order: orderText(key) }))
          .sort((a, b) => compareTime(a.key, b.key) || (a.order < b.order ? -1 : a.order > b.order ? 1 : 0))
          .map(({ key, stats }) => ({ key, stats }))
      : [];
    return { total: total.result(async () => (await legs()).total), groups };
  }
}

function compareTime(a: CallGroupKey, b: CallGroupKey): number {
  return (a.period ?? 0) - (b.period ?? 0) || (a.weekday ?? 0) - (b.weekday ?? 0) || (a.hourOfDay ?? 0) - (b.hourOfDay ?? 0);
}

/** Groups of one time key are ordered by their values, in dimension order. */
function orderText(key: CallGroupKey): string {
  return CATEGORICAL_DIMENSIONS.map((dimension) => key[CATEGORICAL[dimension].key] ?? '').join('\u0000');
}
