import { LegList } from '../domain/listing/leg-list.js';
import { narrowFilter, type CallFilter } from '../domain/filter/call-filter.js';
import { PreparedFilter } from '../domain/filter/prepared-filter.js';
import { buildReportYielding, readyUnits, type CallReport, type ReportOptions } from '../domain/report/call-report.js';
import { estimateGroups } from '../domain/report/group-estimate.js';
import { runYielding } from '../domain/util/yielding.js';
import { planReport, type ReportPlan } from '../domain/report/report-plan.js';
import { scopedBoundNeeds, scopedGroupBound } from '../domain/report/scoped-group-bound.js';
import { everyRow } from './row-scope.js';
import type { CallStats } from '../domain/stats/call-stats.js';
import type { CallDimension } from '../domain/grouping/dimensions.js';
import type { Directory } from '../domain/summary/directory.js';
import type { SummaryUnit } from '../domain/summary/window-view.js';
import type { TimeRange } from '../domain/time/time-range.js';
import type { ZoneClock } from '../domain/time/zone-clock.js';
import type { RangeSummaries } from './call-feed.js';
import type { RangeFreshness } from './range-freshness.js';
import type { StreamedReports } from './long-scan.js';
import type { UnreadableRow } from './window-store.js';

/**
 * The calls of one range that pass one filter, within the scope of the feed's principal (AND-ed in
 * here, where every list, page, total and report is built): what a connection, its pages, its totals
 * and a report share. Each view of them is computed once, when first asked for.
 */
export class CallSlice {
  private listed: LegList | undefined;
  private totals: Promise<CallStats> | undefined;
  private readonly reports = new Map<string, Promise<CallReport>>();
  private readonly estimates = new Map<string, Promise<number>>();
  /** The units each grouping reads (readyUnits), shared by its estimate and its report. */
  private readonly ready = new Map<string, Promise<readonly SummaryUnit[]>>();
  /** Its lists as Sets (the scope's included), built once for the list, the totals and any report. */
  readonly filter: PreparedFilter;

  constructor(
    private readonly set: RangeSummaries,
    filter: CallFilter,
    private readonly clock: ZoneClock,
    /** How its reports run: the operation's signal (its clock started when first asked) and bounds. */
    private readonly work: () => ReportOptions = () => ({}),
    /** Reports that stream the range's windows in worker threads instead (long-scan.ts): `set` then holds none. */
    private readonly streamed?: StreamedReports,
  ) {
    this.filter = PreparedFilter.of(narrowFilter(filter, set.scope));
  }

  get range(): TimeRange {
    return this.set.range;
  }

  get unreadable(): readonly UnreadableRow[] {
    return this.set.unreadable;
  }

  get freshness(): RangeFreshness {
    return this.set.freshness;
  }

  /** The calls themselves, in (date, id) order (the slice's windows must have been loaded: callsIn, not summariesIn). */
  list(): LegList {
    const { views } = this.set;
    if (!views) throw new Error('a slice of summaries has no list of legs: select it with its windows');
    return (this.listed ??= new LegList(views, this.set.range, this.filter));
  }

  stats(): Promise<CallStats> {
    return (this.totals ??= this.report([]).then((report) => report.total));
  }

  /** Who appears in the range within the scope (the filter aside): names for agents and skills. */
  directory(): Directory | Promise<Directory> {
    return this.set.directory(this.work().signal);
  }

  /**
   * Once per grouping; hands the event loop back every few milliseconds while it scans, and stops when the
   * operation's signal says so (domain/util/yielding.ts).
   */
  report(dimensions: readonly CallDimension[]): Promise<CallReport> {
    const key = dimensions.join();
    let report = this.reports.get(key);
    if (!report) {
      if (this.streamed) report = this.streamed.report(dimensions);
      else {
        const work = this.work();
        report = this.unitsFor(dimensions).then((units) => buildReportYielding(units, this.query(dimensions), this.clock, work));
      }
      this.reports.set(key, report);
    }
    return report;
  }

  /** An upper bound of the groups `report(dimensions)` will have, known before it is computed (domain/report/group-estimate.ts). */
  estimateGroups(dimensions: readonly CallDimension[]): Promise<number> {
    const key = dimensions.join();
    let groups = this.estimates.get(key);
    if (groups === undefined && this.streamed) groups = this.streamed.estimateGroups(dimensions);
    if (groups === undefined) {
      const plan = planReport(this.query(dimensions), this.clock, 'auto');
      groups = everyRow(this.set.scope) ? this.boundFromWindows(plan, dimensions) : this.boundInScope(plan);
      this.estimates.set(key, groups);
    }
    return groups;
  }

  /** From the windows' dictionaries and legs: stopped with the operation, but not counted as report work (nothing of the report is computed yet). */
  private boundFromWindows(plan: ReportPlan, dimensions: readonly CallDimension[]): Promise<number> {
    const { signal } = this.work();
    return this.unitsFor(dimensions).then((units) => runYielding(estimateGroups(plan, units), signal ? { signal } : {}));
  }

  /** From what the scope's own calls tell only (domain/report/scoped-group-bound.ts): the windows hold every campaign's values. */
  private async boundInScope(plan: ReportPlan): Promise<number> {
    const { directory: named, counted } = scopedBoundNeeds(plan);
    // Counted first: the days' windows read for the counts give the directory too (ScopedCounts).
    const units = counted.length > 0 ? await this.set.countsIn?.(counted, plan.time.bucket === 'hour', this.work().signal) : undefined;
    if (counted.length > 0 && !units) throw new Error('a scoped range without counts of its calls');
    const directory = named ? await this.directory() : undefined;
    return scopedGroupBound(plan, { ...(directory && { directory }), ...(units && { units }) });
  }

  /** The range's units as a report by `dimensions` reads them: day roll-ups that cannot answer it loaded first. */
  private unitsFor(dimensions: readonly CallDimension[]): Promise<readonly SummaryUnit[]> {
    const key = dimensions.join();
    let units = this.ready.get(key);
    if (!units) {
      const { signal } = this.work();
      units = readyUnits(planReport(this.query(dimensions), this.clock, 'auto'), this.set.units, signal);
      this.ready.set(key, units);
    }
    return units;
  }

  private query(dimensions: readonly CallDimension[]) {
    return { range: this.set.range, filter: this.filter, dimensions };
  }
}
