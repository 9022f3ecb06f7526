import { LegList } from '../domain/listing/leg-list.js';
import { narrowFilter, type CallFilter } from '../domain/filter/call-filter.js';
import { PreparedFilter } from '../domain/filter/prepared-filter.js';
import { buildReportYielding, type CallReport, type ReportOptions } from '../domain/report/call-report.js';
import { estimateGroups } from '../domain/report/group-estimate.js';
import { runYielding } from '../domain/util/yielding.js';
import { planReport } from '../domain/report/report-plan.js';
import type { CallStats } from '../domain/stats/call-stats.js';
import type { CallDimension } from '../domain/grouping/dimensions.js';
import type { Directory } from '../domain/summary/directory.js';
import type { TimeRange } from '../domain/time/time-range.js';
import type { ZoneClock } from '../domain/time/zone-clock.js';
import type { RangeWindows } from './call-feed.js';
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
  /** Its lists as Sets (the scope's included), built once for the list, the totals and any report. */
  readonly filter: PreparedFilter;

  constructor(
    private readonly set: RangeWindows,
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

  /** The calls themselves, in (date, id) order. */
  list(): LegList {
    return (this.listed ??= new LegList(this.set.views, this.set.range, this.filter));
  }

  stats(): Promise<CallStats> {
    return (this.totals ??= this.report([]).then((report) => report.total));
  }

  /** Who appears in the range within the scope (the filter aside): names for agents and skills. */
  directory(): Directory {
    return this.set.directory();
  }

  /**
   * Once per grouping; hands the event loop back every few milliseconds while it scans, and stops when the
   * operation's signal says so (domain/util/yielding.ts).
   */
  report(dimensions: readonly CallDimension[]): Promise<CallReport> {
    const key = dimensions.join();
    let report = this.reports.get(key);
    if (!report) {
      report = this.streamed ? this.streamed.report(dimensions) : buildReportYielding(this.set.units, this.query(dimensions), this.clock, this.work());
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
      // Stopped with the operation, but not counted as report work: nothing of the report is computed yet.
      const { signal } = this.work();
      groups = runYielding(estimateGroups(planReport(this.query(dimensions), this.clock, 'auto'), this.set.units), signal ? { signal } : {});
      this.estimates.set(key, groups);
    }
    return groups;
  }

  private query(dimensions: readonly CallDimension[]) {
    return { range: this.set.range, filter: this.filter, dimensions };
  }
}
