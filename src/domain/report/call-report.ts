import type { CallFilter } from '../filter/call-filter.js';
import { PreparedFilter } from '../filter/prepared-filter.js';
import { LegTotals, type CallStats, type DurationSource, type LegSource } from '../stats/call-stats.js';
import { canonicalDimensions, combinationKey } from '../grouping/combination-rows.js';
import {
  CATEGORICAL, CATEGORICAL_DIMENSIONS, dimensionCodes, isCategorical,
  type CallDimension, type CallGroupKey, type CategoricalDimension, type DimensionCodes,
} from '../grouping/dimensions.js';
import { groupId } from '../grouping/group-id.js';
import { ProfiledDurations, type DurationProfile } from '../stats/duration-profile.js';
import type { LegSet } from '../stats/leg-set.js';
import { collectLegs, type ReportLegs } from './report-legs.js';
import { timeKeyer, type TimeKey, type TimeKeyer } from '../grouping/time-key.js';
import { runNow, runYielding, SLICE_MS, type Steps } from '../util/yielding.js';
import type { TimeRange } from '../time/time-range.js';
import type { RowSelector } from '../filter/row-selection.js';
import { ScanTotals } from './scan-totals.js';
import { WindowGrouper } from '../grouping/window-groups.js';
import { isWhollyIn, rowsIn } from '../columns/rows-in-range.js';
import { partsOf, type SummaryUnit, type WindowView } from '../summary/window-view.js';
import { MAX_COMBINED_DIMENSIONS, WindowSummary, type CombinationTotals } from '../summary/window-summary.js';
import type { Bucket, ZoneClock } from '../time/zone-clock.js';

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
 * A window (or a day rolled up) wholly inside the range is answered from its summary when the query's
 * filter has only lists, the dimensions it groups by and filters on are at most MAX_COMBINED_DIMENSIONS
 * categorical ones (their table is derived on first use, window-summary.ts), and its time buckets hold
 * the window whole; any other window is scanned call by call. Duration figures merge the summaries'
 * one-second profiles with profiles of the scanned windows' legs. Both paths give the same numbers
 * (tests hold them to it); `strategy: 'scan'` forces the scan, and the legs for every figure.
 */
export function buildReport(
  units: readonly SummaryUnit[],
  query: ReportQuery,
  clock: ZoneClock,
  strategy: 'auto' | 'scan' = 'auto',
): CallReport {
  return runNow(reportSteps(units, query, clock, strategy, runNow));
}

/**
 * `buildReport`, handing the event loop back between windows every few milliseconds (yielding.ts): what
 * the server runs. Units that came without their windows (stored day roll-ups) and cannot answer from
 * what their summary holds are loaded first, one at a time: where the summary can answer once it has
 * derived the table, it derives it at once and the windows are let go again, so that a year's report
 * never holds more than a day of legs for its summaries.
 */
export async function buildReportYielding(units: readonly SummaryUnit[], query: ReportQuery, clock: ZoneClock, sliceMs = SLICE_MS): Promise<CallReport> {
  const run = <T>(steps: Steps<T>) => runYielding(steps, sliceMs);
  const plan = reportPlan(query, clock, 'auto');
  const ready: SummaryUnit[] = [];
  for (const unit of units) {
    if (unit.parts !== null || plan.answersHeld(unit)) {
      ready.push(unit);
      continue;
    }
    const loaded = await unit.load!();
    ready.push(plan.answersHeld(derived(loaded, plan.table)) ? { ...loaded, parts: null, load: unit.load! } : loaded);
  }
  const merged = plan.time.bucket === undefined || plan.time.bucket === 'month' ? monthsOf(ready, plan, clock) : ready;
  return run(reportSteps(merged, query, clock, 'auto', run, ready));
}

/**
 * A whole month of day roll-ups taken together, kept while its days are the same (by the summary of its
 * first day, which a held roll-up keeps alive): a year's report then merges 12 summaries, not 365.
 * It holds only what it merged from its days (their tables, their profiles), never a leg.
 */
const months = new WeakMap<WindowSummary, { readonly days: readonly WindowSummary[]; readonly summary: WindowSummary }>();

/** `units` with each run of day roll-ups (no windows, answering the report) that is one whole local month merged into one unit. */
function monthsOf(units: readonly SummaryUnit[], plan: ReturnType<typeof reportPlan>, clock: ZoneClock): SummaryUnit[] {
  const out: SummaryUnit[] = [];
  for (let i = 0; i < units.length; ) {
    const unit = units[i]!;
    const start = clock.startOf('month', unit.window.from);
    let end = i;
    while (end < units.length && units[end]!.parts === null && clock.startOf('month', units[end]!.window.from) === start && plan.answersHeld(units[end]!)) end += 1;
    const days = units.slice(i, end);
    const last = days.at(-1)?.window.to;
    if (days.length < 2 || unit.window.from !== start || last === undefined || clock.startOf('month', last) !== last) {
      out.push(...(days.length > 0 ? days : [unit]));
      i = Math.max(end, i + 1);
      continue;
    }
    const summaries = days.map((day) => day.summary);
    let month = months.get(summaries[0]!);
    if (month?.days.length !== summaries.length || month.days.some((day, d) => day !== summaries[d])) {
      months.set(summaries[0]!, (month = { days: summaries, summary: WindowSummary.merged(summaries) }));
    }
    out.push({ window: { from: start, to: last }, summary: month.summary, parts: null, windows: days.reduce((sum, day) => sum + day.windows, 0) });
    i = end;
  }
  return out;
}

/** The unit once its summary has derived the totals by `table` (when it can). */
function derived(unit: SummaryUnit, table: readonly CategoricalDimension[]): SummaryUnit {
  if (!unit.summary.answers(table)) return unit;
  if (table.length === 1) unit.summary.by(table[0]!);
  else if (table.length > 1) unit.summary.combination(table);
  return unit;
}

/** What a report reads: its filter, dimensions and time buckets, the summary table that answers it, and whether one can. */
function reportPlan(query: ReportQuery, clock: ZoneClock, strategy: 'auto' | 'scan') {
  const filter = PreparedFilter.of(query.filter);
  const dimensions = [...new Set(query.dimensions)];
  const categorical = dimensions.filter(isCategorical);
  const time = timeKeyer(dimensions, clock);
  // A summary's table over the grouped dimensions and those the filter's lists constrain answers both.
  const table = canonicalDimensions([...categorical, ...filter.constrained]);
  const summarizable = strategy === 'auto' && filter.summarizable && table.length <= MAX_COMBINED_DIMENSIONS;
  /** Where a unit's merged totals go in time: undefined when its summary cannot speak for the query; null without time buckets. */
  const bucketOf = (unit: Pick<SummaryUnit, 'window' | 'summary'>): number | null | undefined => {
    if (!summarizable || !isWhollyIn(unit, query.range) || !unit.summary.answers(table)) return undefined;
    return time.bucket ? wholeBucket(unit.window, time.bucket, clock) : null;
  };
  /** Whether the unit's summary answers from what it holds now, without deriving a table or reading a leg. */
  const answersHeld = (unit: SummaryUnit) => bucketOf(unit) !== undefined && unit.summary.holdsTable(table);
  return { filter, dimensions, categorical, time, table, summarizable, bucketOf, answersHeld };
}

/** The report's work, a step per window; `run` runs the leg scans when a figure asks for them. */
function* reportSteps(
  units: readonly SummaryUnit[],
  query: ReportQuery,
  clock: ZoneClock,
  strategy: 'auto' | 'scan',
  run: <T>(steps: Steps<T>) => T | Promise<T>,
  /** Where legs and profiles come from when a figure needs them: the units before months were merged. */
  dayUnits: readonly SummaryUnit[] = units,
): Steps<CallReport> {
  const { range } = query;
  const { filter, dimensions, categorical, time, table, summarizable, bucketOf } = reportPlan(query, clock, strategy);
  const grouped = categorical.map((dimension) => table.indexOf(dimension));
  const shape: TableShape = { dimensions: table, grouped, categorical, asTable: grouped.length === table.length && grouped.every((d, k) => d === k) };

  const groups = new Groups();
  let scan: ReportScan | undefined;
  const scanned: WindowView[] = [];
  let summarizedWindows = 0;
  /** Merges `unit`'s summary when it speaks for the query; says whether it did, and whether it derived a table first. */
  const merged = (unit: Pick<SummaryUnit, 'window' | 'summary'>): 'no' | 'held' | 'derived' => {
    const start = bucketOf(unit);
    if (start === undefined) return 'no';
    const held = unit.summary.holdsTable(table);
    mergeSummary(unit.summary, shape, start === null ? undefined : time.keyOf(start), filter, groups);
    return held ? 'held' : 'derived';
  };
  // A step per window scanned or table derived (window-summary.ts): what takes long enough to hand the loop back.
  for (const unit of units) {
    const whole = merged(unit);
    if (whole !== 'no') {
      summarizedWindows += unit.windows;
      if (whole === 'derived') yield;
      continue;
    }
    if (!unit.parts) throw new Error('a day roll-up without its windows cannot answer this report: load it first (buildReportYielding does)');
    for (const view of unit.parts) {
      const part = merged(view);
      if (part !== 'no') summarizedWindows += 1;
      else {
        (scan ??= new ReportScan(filter, categorical, time, clock)).add(view, range);
        scanned.push(view);
      }
      if (part !== 'held') yield;
    }
  }
  scan?.mergeInto(groups);
  const scanOf = (views: () => Promise<readonly WindowView[]>) => {
    let legs: Promise<ReportLegs> | undefined;
    return () => (legs ??= views().then((loaded) => run(collectLegs(loaded, range, filter, categorical, time, clock))));
  };
  // Distinct counts need every leg: one scan, when a figure first asks for them.
  const allLegs = scanOf(async () => (await Promise.all(dayUnits.map(partsOf))).flat());
  // Durations merge the summaries' profiles with those of the legs of the windows scanned.
  const scannedLegs = scanOf(() => Promise.resolve(scanned));
  // Roll-ups read without their windows and without the profiles asked: their windows are attached to
  // derive them, a unit at a time, and let go.
  let attached: Promise<unknown> | undefined;
  const profilesAttached = () =>
    (attached ??= (async () => {
      for (const unit of dayUnits) {
        if (unit.parts === null && !unit.summary.holdsDerived('durations', table)) (await unit.load!()).summary.durations(table);
      }
    })());
  const sources: FigureSources = {
    legs: (id) => async () => legSetOf(await allLegs(), id)!,
    durations: (cells, id) => async () => {
      const fromLegs = async () => legSetOf(await allLegs(), id)!;
      if (!summarizable) return fromLegs();
      await profilesAttached();
      const profiles = await run(profilesOf(cells(), table));
      const rest = scanned.length === 0 ? undefined : legSetOf(await scannedLegs(), id);
      const restProfile = rest ? rest.profile() : undefined;
      if (profiles === null || restProfile === null) return fromLegs();
      return new ProfiledDurations(restProfile ? [...profiles, restProfile] : profiles);
    },
  };
  return { ...groups.results(dimensions.length > 0, sources), summarizedWindows, scannedWindows: scanned.length };
}

/** The bucket start when the whole window lies in one bucket, else undefined. */
function wholeBucket(window: TimeRange, bucket: Bucket, clock: ZoneClock): number | undefined {
  const start = clock.startOf(bucket, window.from);
  return start === clock.startOf(bucket, window.to - 1) ? start : undefined;
}

/** The summary table a query reads: its dimensions (canonical order), and where each grouped one sits in a cell. */
interface TableShape {
  readonly dimensions: readonly CategoricalDimension[];
  readonly grouped: readonly number[];
  /** The grouped dimensions, in the query's order. */
  readonly categorical: readonly CategoricalDimension[];
  /** Whether the groups are the table's cells: grouped by all its dimensions, in its order. */
  readonly asTable: boolean;
}

/** A summary cell a group was merged from, found again for its duration profile. */
interface CellRef {
  readonly summary: WindowSummary;
  readonly key: string;
}

function mergeSummary(summary: WindowSummary, shape: TableShape, time: TimeKey | undefined, filter: PreparedFilter, groups: Groups): void {
  const { dimensions } = shape;
  if (dimensions.length === 0) return mergeCell(summary, { key: combinationKey([]), values: [], totals: summary.total }, shape, time, groups);
  if (dimensions.length === 1) {
    const [dimension] = dimensions as [CategoricalDimension];
    for (const [value, totals] of summary.by(dimension)) {
      if (filter.allows(dimension, value)) mergeCell(summary, { key: combinationKey([value]), values: [value], totals }, shape, time, groups);
    }
    return;
  }
  const everyCell = filter.constrained.length === 0;
  for (const cell of summary.combination(dimensions)) {
    if (everyCell || dimensions.every((dimension, d) => filter.allows(dimension, cell.values[d]!))) mergeCell(summary, cell, shape, time, groups);
  }
}

function mergeCell(summary: WindowSummary, cell: CombinationTotals, shape: TableShape, time: TimeKey | undefined, groups: Groups): void {
  const ref = { summary, key: cell.key };
  // Grouped by the table's own dimensions in its order, and not by time: the group is named as the cell is.
  if (time === undefined && shape.asTable) return groups.merge(cell.key, () => groupKey(time, shape.categorical, cell.values), cell.totals, ref);
  const grouped = shape.grouped.map((d) => cell.values[d]!);
  groups.merge(groupId(time, grouped), () => groupKey(time, shape.categorical, grouped), cell.totals, ref);
}

/** The profiles of `cells`, in order; null when a summary has none (amounts that do not fit micro-units). A step per profile table derived. */
function* profilesOf(cells: readonly CellRef[], dimensions: readonly CategoricalDimension[]): Steps<DurationProfile[] | null> {
  const profiles: DurationProfile[] = [];
  for (const { summary, key } of cells) {
    const derived = !summary.holdsDerived('durations', dimensions);
    const held = summary.durations(dimensions);
    if (held === null) return null;
    profiles.push(held.get(key)!);
    if (derived) yield;
  }
  return profiles;
}

function groupKey(time: TimeKey | undefined, categorical: readonly CategoricalDimension[], values: readonly (string | null)[]): CallGroupKey {
  const key: Record<string, unknown> = { ...time };
  categorical.forEach((dimension, d) => (key[CATEGORICAL[dimension].key] = values[d]));
  return key;
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
      groups.merge(groupId(key, values), () => groupKey(key, this.categorical, values), totals);
    }
  }
}

/** Where the figures of a group (by id; null: the total) that need more than totals come from. */
interface FigureSources {
  legs(id: string | null): LegSource;
  durations(cells: () => readonly CellRef[], id: string | null): DurationSource;
}

const legSetOf = (legs: ReportLegs, id: string | null): LegSet | undefined => (id === null ? legs.total : legs.byGroup.get(id));

class Groups {
  private readonly byKey = new Map<string, Group>();

  /**
   * `id` names the group (its time key and values, in dimension order); `key` builds its key once, for a
   * new group; `cell` is where summarized totals came from. A group met once (a day's campaign in a report
   * by campaign and day) reads the totals it was given, which nobody changes (a summary's, or a scan's
   * finished ones); it gets totals of its own only when a second part arrives.
   */
  merge(id: string, key: () => CallGroupKey, totals: LegTotals, cell?: CellRef): void {
    // A group exists only where there are calls (an empty window's summary adds none).
    if (totals.calls === 0) return;
    const group = this.byKey.get(id);
    if (!group) {
      this.byKey.set(id, { key: key(), totals, owned: false, cells: cell ? [cell] : [] });
      return;
    }
    if (!group.owned) {
      const own = new LegTotals();
      own.merge(group.totals);
      group.totals = own;
      group.owned = true;
    }
    group.totals.merge(totals);
    if (cell) group.cells.push(cell);
  }

  results(grouped: boolean, sources: FigureSources): { total: CallStats; groups: CallGroup[] } {
    const total = new LegTotals();
    for (const { totals } of this.byKey.values()) total.merge(totals);
    const groups: CallGroup[] = [];
    if (grouped) {
      for (const [id, { key, totals, cells }] of this.byKey) groups.push({ key, stats: totals.result(sources.legs(id), sources.durations(() => cells, id)) });
      const fields = CATEGORICAL_DIMENSIONS.map((dimension) => CATEGORICAL[dimension].key).filter((field) => groups[0]?.key[field] !== undefined);
      groups.sort((a, b) => compareTime(a.key, b.key) || compareValues(a.key, b.key, fields));
    }
    const allCells = () => [...this.byKey.values()].flatMap((group) => group.cells);
    return { total: total.result(sources.legs(null), sources.durations(allCells, null)), groups };
  }
}

interface Group {
  readonly key: CallGroupKey;
  totals: LegTotals;
  /** Whether `totals` is the group's own (merged into), or the one part it was given. */
  owned: boolean;
  readonly cells: CellRef[];
}

function compareTime(a: CallGroupKey, b: CallGroupKey): number {
  return (a.period ?? 0) - (b.period ?? 0) || (a.weekday ?? 0) - (b.weekday ?? 0) || (a.hourOfDay ?? 0) - (b.hourOfDay ?? 0);
}

/** Groups of one time key are ordered by their values of `fields` (the grouped ones, in dimension order; no value before any). */
function compareValues(a: CallGroupKey, b: CallGroupKey, fields: readonly (keyof CallGroupKey)[]): number {
  for (const field of fields) {
    const x = a[field] ?? '';
    const y = b[field] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
