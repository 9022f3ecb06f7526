import { PreparedFilter, type CallFilter } from './call-filter.js';
import type { InteractionType } from './call-record.js';
import { StatsAccumulator, type CallStats } from './call-stats.js';
import {
  dimensionCodes, finestBucket, isCategorical, type CallDimension, type CategoricalDimension, type DimensionCodes,
} from './dimensions.js';
import type { TimeRange } from './time-range.js';
import { isWhollyIn, rowsIn, type SummaryUnit, type WindowView } from './window-view.js';
import type { Bucket, ZoneClock } from './zone-clock.js';

/** The values one group shares; a dimension that is not grouped on is `undefined`. */
export interface CallGroupKey {
  readonly agentId?: string | null;
  readonly campaignId?: string | null;
  readonly skillId?: string | null;
  readonly type?: InteractionType;
  readonly hangUp?: string | null;
  readonly codAct?: string | null;
  /** Start of the finest time bucket asked (HOUR, DAY, WEEK or MONTH), epoch ms. */
  readonly period?: number;
}

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
  readonly filter: CallFilter;
  readonly dimensions: readonly CallDimension[];
}

const KEY_FIELD: Record<CategoricalDimension, keyof CallGroupKey> = {
  AGENT: 'agentId', CAMPAIGN: 'campaignId', SKILL: 'skillId', TYPE: 'type', HANG_UP: 'hangUp', COD_ACT: 'codAct',
};

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
  const { range } = query;
  const filter = PreparedFilter.of(query.filter);
  const dimensions = [...new Set(query.dimensions)];
  const categorical = dimensions.filter(isCategorical);
  const bucket = finestBucket(dimensions);
  const keyDimension = categorical[0] ?? filter.constrained[0];
  const summarizable =
    strategy === 'auto' && categorical.length <= 1 && filter.constrained.every((dimension) => dimension === keyDimension);

  const groups = new Groups();
  let summarizedWindows = 0;
  let scannedWindows = 0;
  /** Merges `unit`'s summary when it speaks for the query, and says whether it did. */
  const merged = (unit: Pick<SummaryUnit, 'window' | 'summary'>): boolean => {
    if (!summarizable || !isWhollyIn(unit, range)) return false;
    const period = bucket ? wholeBucket(unit.window, bucket, clock) : undefined;
    if (bucket && period === undefined) return false;
    mergeSummary(unit, keyDimension, categorical.length > 0, period, filter, groups);
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
        scan(view, range, filter, categorical, bucket, clock, groups);
        scannedWindows += 1;
      }
    }
  }
  return { ...groups.results(dimensions.length > 0), summarizedWindows, scannedWindows };
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
  period: number | undefined,
  filter: PreparedFilter,
  groups: Groups,
): void {
  const periodKey = () => (period === undefined ? {} : { period });
  if (!dimension) return groups.merge(groupId(period, []), periodKey, view.summary.total);
  for (const [value, totals] of view.summary.by(dimension)) {
    if (!filter.allows(dimension, value)) continue;
    if (!grouped) groups.merge(groupId(period, []), periodKey, totals);
    else groups.merge(groupId(period, [value]), () => ({ ...periodKey(), [KEY_FIELD[dimension]]: value }), totals);
  }
}

function scan(
  view: WindowView,
  range: TimeRange,
  filter: PreparedFilter,
  categorical: readonly CategoricalDimension[],
  bucket: Bucket | null,
  clock: ZoneClock,
  groups: Groups,
): void {
  const { columns } = view;
  const matches = filter.rowMatcher(columns);
  const codes: DimensionCodes[] = categorical.map((dimension) => dimensionCodes(columns, dimension));
  // Group by codes within the window (cheap), by values once per local group.
  const local = new Map<string, { period: number | undefined; codes: number[]; totals: StatsAccumulator }>();
  const [first, end] = rowsIn(view, range);
  for (let i = first; i < end; i += 1) {
    if (!matches(i)) continue;
    const period = bucket ? clock.startOf(bucket, columns.date[i]!) : undefined;
    const rowCodes = codes.map((c) => c.codes[i]!);
    const id = `${period}|${rowCodes.join('|')}`;
    let group = local.get(id);
    if (!group) local.set(id, (group = { period, codes: rowCodes, totals: new StatsAccumulator() }));
    group.totals.addRow(columns, i);
  }
  for (const { period, codes: groupCodes, totals } of local.values()) {
    const values = categorical.map((_, d) => codes[d]!.valueOf(groupCodes[d]!));
    groups.merge(groupId(period, values), () => {
      const key: Record<string, unknown> = period === undefined ? {} : { period };
      categorical.forEach((dimension, d) => (key[KEY_FIELD[dimension]] = values[d]));
      return key as CallGroupKey;
    }, totals);
  }
}

/** One text per group, the same whichever path (summary or scan) meets it: period, then values in dimension order. */
function groupId(period: number | undefined, values: readonly (string | null)[]): string {
  return [period ?? '', ...values.map((value) => value ?? '\u0000')].join('\u0001');
}

class Groups {
  private readonly byKey = new Map<string, { key: CallGroupKey; totals: StatsAccumulator }>();

  /** `id` names the group (its period and values, in dimension order); `key` builds its key once, for a new group. */
  merge(id: string, key: () => CallGroupKey, totals: StatsAccumulator): void {
    // A group exists only where there are calls (an empty window's summary adds none).
    if (totals.calls === 0) return;
    let group = this.byKey.get(id);
    if (!group) this.byKey.set(id, (group = { key: key(), totals: new StatsAccumulator() }));
    group.totals.merge(totals);
  }

  results(grouped: boolean): { total: CallStats; groups: CallGroup[] } {
    const total = new StatsAccumulator();
    for (const { totals } of this.byKey.values()) total.merge(totals);
    const groups = grouped
      ? [...this.byKey.values()]
          .map(({ key, totals }) => ({ key, stats: totals.result(), order: orderText(key) }))
          .sort((a, b) => (a.key.period ?? 0) - (b.key.period ?? 0) || (a.order < b.order ? -1 : a.order > b.order ? 1 : 0))
          .map(({ key, stats }) => ({ key, stats }))
      : [];
    return { total: total.result(), groups };
  }
}

/** Groups of one period are ordered by their values, in dimension order. */
function orderText(key: CallGroupKey): string {
  return [key.agentId, key.campaignId, key.skillId, key.type, key.hangUp, key.codAct].map((value) => value ?? '').join('\u0000');
}
