import type { CallStats } from '../stats/call-stats.js';
import type { SummaryUnit } from '../summary/window-view.js';
import type { ZoneClock } from '../time/zone-clock.js';
import { runNow, runYielding, type Steps, type YieldingOptions } from '../util/yielding.js';
import { figureSources, type StepRunner } from './figure-sources.js';
import type { CallGroup } from './report-groups.js';
import { mergeUnits, type ReportPart } from './report-part.js';
import { planReport, type ReportPlan, type ReportQuery } from './report-plan.js';

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
 */
export function buildReportYielding(units: readonly SummaryUnit[], query: ReportQuery, clock: ZoneClock, options: ReportOptions = {}): Promise<CallReport> {
  const run = <T>(steps: Steps<T>) => runYielding(steps, options);
  return run(reportSteps(planReport(query, clock, 'auto'), units, options.maxGroups, run));
}

function* reportSteps(plan: ReportPlan, units: readonly SummaryUnit[], maxGroups: number | undefined, run: StepRunner): Steps<CallReport> {
  const part = yield* mergeUnits(plan, units, maxGroups);
  return finishReport(plan, part, units, run);
}

/** The report of `part`, which covers `units` (whose legs the figures that need every leg scan). */
export function finishReport(plan: ReportPlan, part: ReportPart, units: readonly SummaryUnit[], run: StepRunner): CallReport {
  const sources = figureSources(plan, units.flatMap((unit) => unit.parts), part.scanned, run);
  return { ...part.groups.results(plan.dimensions.length > 0, sources), summarizedWindows: part.summarizedWindows, scannedWindows: part.scanned.length };
}
