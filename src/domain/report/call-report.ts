import type { CategoricalDimension } from '../grouping/dimensions.js';
import type { CallStats } from '../stats/call-stats.js';
import { WindowSummary } from '../summary/window-summary.js';
import type { SummaryUnit } from '../summary/window-view.js';
import type { ZoneClock } from '../time/zone-clock.js';
import { runNow, runYielding, type Steps, type YieldingOptions } from '../util/yielding.js';
import { figureSources, type StepRunner } from './figure-sources.js';
import type { CallGroup } from './report-groups.js';
import { mergeUnits, type ReportPart } from './report-part.js';
import { planReport, type ReportPlan, type ReportQuery } from './report-plan.js';
import { answersHeld } from './summary-merge.js';

export type { CallGroup } from './report-groups.js';
export type { ReportQuery } from './report-plan.js';

export interface CallReport {
  readonly total: CallStats;
  /** Empty when no dimension is asked. */
  readonly groups: readonly CallGroup[];
  /** How the answer was computed: windows merged from their summaries, windows scanned call by call. */
  readonly summarizedWindows: number;
  readonly scannedWindows: number;
}

export interface ReportOptions extends YieldingOptions {
  /** Groups the report may hold (MAX_REPORT_GROUPS): past it, a TooManyGroupsError (report-groups.ts). */
  readonly maxGroups?: number;
}

/**
 * Totals, and totals per group, of the calls of `units` in the query's range that pass its filter.
 *
 * A plan (report-plan.ts) says whether window summaries may answer; the units are merged from their
 * summaries where they speak for the query (summary-merge.ts) and scanned call by call where they
 * cannot (report-scan.ts); figures beyond totals come from profiles and legs when first asked
 * (figure-sources.ts). Both paths give the same numbers (tests hold them to it); `strategy: 'scan'`
 * forces the scan, and the legs for every figure.
 */
export function buildReport(units: readonly SummaryUnit[], query: ReportQuery, clock: ZoneClock, strategy: 'auto' | 'scan' = 'auto'): CallReport {
  const plan = planReport(query, clock, strategy);
  return runNow(reportSteps(plan, units, Infinity, runNow));
}

/**
 * `buildReport`, handing the event loop back between windows every few milliseconds (yielding.ts): what
 * the server runs. `options.signal` stops it between two windows, and so do the figures asked later.
 * Units that came without their windows (stored day roll-ups) and cannot answer from what their summary
 * holds are loaded first, one at a time: where the summary can answer once it has derived the table, it
 * derives it at once and the windows are let go again, so that a year's report never holds more than a
 * day of legs for its summaries. Whole months of day roll-ups are then merged once (monthsOf).
 */
export async function buildReportYielding(units: readonly SummaryUnit[], query: ReportQuery, clock: ZoneClock, options: ReportOptions = {}): Promise<CallReport> {
  const run = <T>(steps: Steps<T>) => runYielding(steps, options);
  const plan = planReport(query, clock, 'auto');
  const ready = await readyUnits(plan, units, options.signal);
  const merged = plan.time.bucket === null || plan.time.bucket === 'month' ? monthsOf(ready, plan, clock) : ready;
  return run(reportSteps(plan, merged, options.maxGroups, run, ready));
}

function* reportSteps(
  plan: ReportPlan,
  units: readonly SummaryUnit[],
  maxGroups: number | undefined,
  run: StepRunner,
  /** Where legs and profiles come from when a figure needs them: the units before months were merged. */
  dayUnits: readonly SummaryUnit[] = units,
): Steps<CallReport> {
  const part = yield* mergeUnits(plan, units, maxGroups);
  return finishReport(plan, part, dayUnits, run);
}

/**
 * A whole month of day roll-ups taken together, kept while its days are the same (by the summary of its
 * first day, which a held roll-up keeps alive): a year's report then merges 12 summaries, not 365.
 * It holds only what it merged from its days (their tables, their profiles), never a leg.
 */
const months = new WeakMap<WindowSummary, { readonly days: readonly WindowSummary[]; readonly summary: WindowSummary }>();

/** `units` with each run of day roll-ups (no windows, answering the report) that is one whole local month merged into one unit. */
function monthsOf(units: readonly SummaryUnit[], plan: ReportPlan, clock: ZoneClock): SummaryUnit[] {
  const out: SummaryUnit[] = [];
  for (let i = 0; i < units.length; ) {
    const unit = units[i]!;
    const start = clock.startOf('month', unit.window.from);
    let end = i;
    while (end < units.length && units[end]!.parts === null && clock.startOf('month', units[end]!.window.from) === start && answersHeld(plan, units[end]!)) end += 1;
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

/**
 * `units` as a report of `plan` reads them: a day roll-up that came without its windows and cannot answer
 * from what its summary holds is loaded, one at a time (`signal` checked between); where its summary can
 * answer once it has derived the table, it derives it at once and its windows are let go again. Units
 * ready already are as they were: the groups are estimated from the same units the report reads.
 */
export async function readyUnits(plan: ReportPlan, units: readonly SummaryUnit[], signal?: AbortSignal): Promise<SummaryUnit[]> {
  const ready: SummaryUnit[] = [];
  for (const unit of units) {
    if (unit.parts !== null || answersHeld(plan, unit)) {
      ready.push(unit);
      continue;
    }
    signal?.throwIfAborted();
    const loaded = await unit.load!();
    ready.push(answersHeld(plan, derived(loaded, plan.table.dimensions)) ? { ...loaded, parts: null, load: unit.load! } : loaded);
  }
  return ready;
}

/** The unit once its summary has derived the totals by `table` (when it can). */
function derived(unit: SummaryUnit, table: readonly CategoricalDimension[]): SummaryUnit {
  if (!unit.summary.answers(table)) return unit;
  if (table.length === 1) unit.summary.by(table[0]!);
  else if (table.length > 1) unit.summary.combination(table);
  return unit;
}

/** The report of `part`, which covers `units` (whose legs the figures that need every leg scan; roll-ups read without them load them). */
export function finishReport(plan: ReportPlan, part: ReportPart, units: readonly SummaryUnit[], run: StepRunner): CallReport {
  const sources = figureSources(plan, units, part.scanned, run);
  return { ...part.groups.results(plan.dimensions.length > 0, sources), summarizedWindows: part.summarizedWindows, scannedWindows: part.scanned.length };
}
