import { filterKey, type CallFilter } from '../../domain/filter/call-filter.js';
import type { CallDimension } from '../../domain/grouping/dimensions.js';
import { finishReport } from '../../domain/report/call-report.js';
import type { StepRunner } from '../../domain/report/figure-sources.js';
import { IncrementalReport } from '../../domain/report/incremental-report.js';
import { planReport } from '../../domain/report/report-plan.js';
import { rangeKey, type TimeRange } from '../../domain/time/time-range.js';
import { runYielding, type Steps } from '../../domain/util/yielding.js';
import type { RangeFeed, SharedFeed } from '../../feed/call-feed.js';
import { CallSlice } from '../../feed/call-slice.js';
import type { WindowChange } from '../../feed/window-changes.js';
import { touches } from '../../feed/window-changes.js';
import type { HeapReservation } from '../../feed/window-store.js';
import { OperationWork, tooManyGroups, type WorkLimits } from '../core/operation-work.js';
import type { ReportValue as Report } from '../core/report-value.js';

/** What `callReportUpdates` reports on, and for whom. */
export interface LiveQuery {
  readonly range: TimeRange;
  readonly filter: CallFilter;
  readonly dimensions: readonly CallDimension[];
  /** The principal's name: its rows (its scope) and its share of wolkvox are its feed's. */
  readonly principal: string;
  /** A feed of the principal's, for each version: its scope and share. */
  readonly feed: () => RangeFeed;
}

export interface LiveReportsOptions {
  readonly feed: SharedFeed;
  /** The window changes from now on (one listener per live report, however many subscribe to it). */
  readonly changes: () => AsyncIterableIterator<WindowChange>;
  readonly limits: WorkLimits;
  readonly onStep?: () => void;
}

/**
 * The reports subscriptions follow, one per distinct arguments however many subscribe to it (issue #19:
 * eight subscriptions over 92 days recomputed eight reports from scratch on every change). Each listens
 * to the window changes once, and on a change that touches its range computes its new version once: the
 * final part of its range is merged once and kept (domain/report/incremental-report.ts), so an update
 * merges only the windows after it. What it keeps between changes is counted in the window cache's
 * budget, which evicts windows to make room for it.
 */
export class LiveReports {
  private readonly reports = new Map<string, LiveReport>();

  constructor(private readonly options: LiveReportsOptions) {}

  /** Live reports being kept now (one per distinct arguments followed). */
  get size(): number {
    return this.reports.size;
  }

  /**
   * The versions of the report of `query`, from now on: the report as it is, then one per change of its
   * range. Shared by the subscriptions of one principal with the same arguments (principals differ in
   * their rows and shares, so theirs are apart).
   */
  follow(query: LiveQuery): AsyncIterableIterator<Promise<Report>> {
    const key = `${query.principal}|${rangeKey(query.range)}|${filterKey(query.filter)}|${query.dimensions.join()}`;
    let report = this.reports.get(key);
    if (!report) {
      report = new LiveReport(query, this.options, () => this.reports.delete(key));
      this.reports.set(key, report);
    }
    return report.follow();
  }
}

/** A version's value, held strongly until every follower has taken it, weakly after (what is not taken again can go). */
interface Version {
  readonly number: number;
  strong: Promise<Report> | undefined;
  readonly weak: WeakRef<Promise<Report>>;
  readonly takers: Set<object>;
}

class LiveReport {
  /** Planned with the filter narrowed to the principal's scope, which its first feed tells. */
  private incremental: IncrementalReport | undefined;
  private readonly reservation: HeapReservation;
  /** Aborted when the last follower leaves: a computation under way stops. */
  private readonly stopper = new AbortController();
  private readonly changes: AsyncIterableIterator<WindowChange>;
  private readonly followers = new Set<object>();
  private latest: Version | undefined;
  private versions = 0;
  private closed = false;
  private wake: (() => void)[] = [];
  /** Computations run one after the other: the kept part is each one's starting point. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly query: LiveQuery,
    private readonly options: LiveReportsOptions,
    private readonly onClose: () => void,
  ) {
    this.reservation = options.feed.engine.store.reserve();
    this.changes = options.changes();
    this.publish(-Infinity);
    // Never rejects: listen() catches what the changes throw.
    void this.listen();
  }

  follow(): AsyncIterableIterator<Promise<Report>> {
    const follower = {};
    this.followers.add(follower);
    let seen = 0;
    const next = async (): Promise<IteratorResult<Promise<Report>>> => {
      while (!this.closed && (this.latest?.number ?? 0) <= seen) await new Promise<void>((resolve) => this.wake.push(resolve));
      if (this.closed || !this.followers.has(follower)) return { done: true, value: undefined };
      const version = this.latest!;
      seen = version.number;
      return { done: false, value: this.take(version, follower) };
    };
    return {
      next,
      return: () => {
        this.leave(follower);
        return Promise.resolve({ done: true, value: undefined });
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  /** The version's value for `follower`; computed again (from the kept part) when nobody held on to it. */
  private take(version: Version, follower: object): Promise<Report> {
    const value = version.strong ?? version.weak.deref() ?? this.compute(Infinity);
    version.takers.add(follower);
    if ([...this.followers].every((each) => version.takers.has(each))) version.strong = undefined;
    return value;
  }

  private leave(follower: object): void {
    if (!this.followers.delete(follower)) return;
    this.wake.splice(0).forEach((resolve) => resolve());
    if (this.followers.size > 0) return;
    this.closed = true;
    this.stopper.abort();
    this.reservation.release();
    this.onClose();
    void this.changes.return?.();
  }

  /**
   * Every change that touches the range makes a version, until the changes end (shutdown, or the shared
   * event source failing: followers then see their subscription end) or nobody follows.
   */
  private async listen(): Promise<void> {
    try {
      for await (const change of this.changes) {
        if (this.closed) break;
        if (touches(change, this.query.range)) this.publish(Math.min(...change.windows.map((window) => window.from)));
      }
    } catch {
      // Ending is all a follower can be told.
    } finally {
      this.closed = true;
      this.wake.splice(0).forEach((resolve) => resolve());
    }
  }

  private publish(changedFrom: number): void {
    const value = this.compute(changedFrom);
    this.latest = { number: (this.versions += 1), strong: value, weak: new WeakRef(value), takers: new Set() };
    this.wake.splice(0).forEach((resolve) => resolve());
  }

  private compute(changedFrom: number): Promise<Report> {
    const computed = this.queue.then(() => this.computeNow(changedFrom));
    // Failures reach the followers through the version (an error event each); the queue goes on.
    this.queue = computed.catch(() => undefined);
    return computed;
  }

  /**
   * The report now, from the cache the refresh just filled (no follower makes the server ask wolkvox for
   * more than the first version's windows): refused over MAX_REPORT_GROUPS before anything is merged,
   * stopped past MAX_OPERATION_SECONDS or once nobody follows.
   */
  private async computeNow(changedFrom: number): Promise<Report> {
    const { feed, limits, onStep } = this.options;
    const work = new OperationWork(limits, this.stopper.signal, onStep);
    const windows = await this.query.feed().callsIn(this.query.range);
    work.check();
    const slice = new CallSlice(windows, this.query.filter, feed.clock, () => work.reportOptions());
    const groups = await slice.estimateGroups(this.query.dimensions);
    if (groups > limits.reportGroups) throw tooManyGroups(groups, limits.reportGroups);
    const run: StepRunner = <T>(steps: Steps<T>) => runYielding(steps, work.reportOptions());
    const query = { range: this.query.range, filter: slice.filter, dimensions: this.query.dimensions };
    const incremental = (this.incremental ??= new IncrementalReport(planReport(query, feed.clock, 'auto'), limits.reportGroups));
    const part = await run(incremental.update(windows.units, windows.finalUntil, changedFrom));
    this.reservation.resize(incremental.heapBytes);
    return { slice, computed: finishReport(incremental.plan, part, windows.units, run) };
  }
}
