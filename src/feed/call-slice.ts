import { CallList } from '../domain/call-list.js';
import { PreparedFilter, type CallFilter } from '../domain/call-filter.js';
import { buildReportYielding, type CallReport } from '../domain/call-report.js';
import type { CallStats } from '../domain/call-stats.js';
import type { CallDimension } from '../domain/dimensions.js';
import type { Directory } from '../domain/directory.js';
import type { TimeRange } from '../domain/time-range.js';
import type { ZoneClock } from '../domain/zone-clock.js';
import type { CallSet } from './call-feed.js';
import type { RangeFreshness } from './range-freshness.js';
import type { UnreadableRow } from './window-store.js';

/**
 * The calls of one range that pass one filter: what a connection, its pages, its totals and a report
 * share. Each view of them is computed once, when first asked for.
 */
export class CallSlice {
  private listed: CallList | undefined;
  private totals: Promise<CallStats> | undefined;
  private readonly reports = new Map<string, Promise<CallReport>>();
  /** Its lists as Sets, built once for the list, the totals and any report. */
  readonly filter: PreparedFilter;

  constructor(
    private readonly set: CallSet,
    filter: CallFilter,
    private readonly clock: ZoneClock,
  ) {
    this.filter = PreparedFilter.of(filter);
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
  list(): CallList {
    return (this.listed ??= new CallList(this.set.views, this.set.range, this.filter));
  }

  stats(): Promise<CallStats> {
    return (this.totals ??= this.report([]).then((report) => report.total));
  }

  /** Who appears in the range (the filter aside): names for agents and skills. */
  directory(): Directory {
    return this.set.directory();
  }

  /** Once per grouping; hands the event loop back every few milliseconds while it scans (domain/yielding.ts). */
  report(dimensions: readonly CallDimension[]): Promise<CallReport> {
    const key = dimensions.join();
    let report = this.reports.get(key);
    if (!report) {
      report = buildReportYielding(this.set.units, { range: this.set.range, filter: this.filter, dimensions }, this.clock);
      this.reports.set(key, report);
    }
    return report;
  }
}
