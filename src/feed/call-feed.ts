import type { Span } from '@opentelemetry/api';
import { PROTECTION_DEFAULTS } from '../defaults.js';
import DataLoader from 'dataloader';
import { rangeKey, type TimeRange } from '../domain/time/time-range.js';
import { unitOf, type SummaryUnit, type WindowView } from '../domain/summary/window-view.js';
import { DayRollups, type RangeSegment } from './day-rollups.js';
import { NO_HISTORY, RangeNotHeldError, type HistoryHoldings } from './history.js';
import type { ZoneClock } from '../domain/time/zone-clock.js';
import { rangeFreshness } from './range-freshness.js';
import { RequestAllowance, type UpstreamShare } from './request-allowance.js';
import { ScopedDirectories, type RowScope } from './row-scope.js';
import { scopedView, type ScopedView } from './scoped-view.js';
import { inSpan, isoOf } from '../tracing/spans.js';
import type { WindowEngine } from './window-engine.js';
import type { DayRollup, WindowData } from './window-store.js';
import { windowKey, windowsCovering, type WindowSize } from './windows.js';
import { BoundedMap } from '../domain/util/bounded-map.js';
import { narrowFilter, type CallFilter } from '../domain/filter/call-filter.js';
import type { ReportOptions } from '../domain/report/call-report.js';
import { ScanCost, type LongReport, type LongScanner, type StreamedReports } from './long-scan.js';
import { rollUpChunks } from './rollup-chunks.js';
import { ScopedCounts } from './scoped-counts.js';

/**
 * What a report over a range reads: its summary units, and what the answer says of the windows behind
 * them (ScopedView: freshness, unreadable rows, and who appears in it, all as the feed's principal sees
 * them; a scoped principal's directory may first read the windows of days read as roll-ups).
 */
export interface RangeSummaries extends ScopedView {
  readonly range: TimeRange;
  /** The range's windows, with whole days rolled up; a settled day may come as its stored roll-up alone (no legs). */
  readonly units: readonly SummaryUnit[];
  /** Every window, when they were all loaded (what lists of legs read). */
  readonly views?: readonly WindowView[];
  /**
   * The rows the feed's principal may read: every reader of `views` and `units` narrows its filter by
   * it (CallSlice, callById). `directory`, `unreadable` and `freshness` are narrowed already.
   */
  readonly scope: RowScope;
}

/** The windows that cover a range, in order, and every row of theirs that could not be read. */
export interface RangeWindows extends RangeSummaries {
  /** Edge windows may reach outside `range`: readers keep to it (domain/columns/rows-in-range.ts). */
  readonly views: readonly WindowView[];
  /**
   * The end of the first windows that are final (fetched after they settled, every row read): nothing
   * before it will change, so a live report keeps what it computed there. -Infinity when the first is not.
   */
  readonly finalUntil: number;
}

/** Where replicas find the day roll-ups another one stored (Redis, src/replicas/). */
export interface SharedRollups {
  /** The stored roll-ups of `days`, by the start of each day found; throws when they cannot be read. */
  read(days: readonly TimeRange[]): Promise<Map<number, DayRollup>>;
}

/** A range whose reports stream (RangeFeed.longScan): what CallSlice reads instead of its windows. */
export interface StreamedRange {
  readonly windows: RangeWindows;
  readonly reports: StreamedReports;
}

/** What one principal reads through a feed: its rows, and its share of wolkvox (null: only the server's daily budget). */
export interface FeedAccess {
  readonly scope: RowScope;
  readonly share: UpstreamShare | null;
}

/** Every row, no share: what the server's own work (and a deployment without principals) reads. */
const EVERY_ROW: FeedAccess = { scope: {}, share: null };

/** What every operation's feed shares: the engine, the zone, the window size and the day roll-ups. */
export interface SharedFeed {
  readonly engine: WindowEngine;
  readonly clock: ZoneClock;
  readonly windowSize: WindowSize;
  readonly rollups: DayRollups;
  /** Upstream requests one operation may cause. */
  readonly maxRequestsPerOperation: number;
  /** With replicas: the roll-ups they share. */
  readonly sharedRollups?: SharedRollups;
  /** What the history mirror holds: no request is needed for it. */
  readonly history: HistoryHoldings;
  /** Who appears in the calls of each window within each principal's scope, kept beside the windows. */
  readonly directories: ScopedDirectories;
  /** How many calls, and values of each dimension, each window holds within each principal's scope: what its group bound reads. */
  readonly counts: ScopedCounts;
  /** The aligned windows covering a range; remembered, since dashboards ask the same ranges again and again. */
  windowsOf(range: TimeRange): readonly TimeRange[];
  /** The same windows cut into whole local days and the rest; remembered likewise. */
  segmentsOf(range: TimeRange): readonly RangeSegment[];
  /** Long scans off the event loop (SCAN_WORKERS; scan-pool/), when the durable tier is LMDB. */
  scans?: LongScanner;
}

/** Days of windows an operation keeps while a scope's passes read them (a few megabytes each at 20,000 legs a day). */
const RECENT_DAYS = 4;

/** Windows remembered over all ranges (about 40 bytes each): a quarter of hours is 2,208. */
const REMEMBERED_WINDOWS = 25_000;

export function sharedFeed(
  engine: WindowEngine,
  clock: ZoneClock,
  windowSize: WindowSize,
  maxRequestsPerOperation: number = PROTECTION_DEFAULTS.maxRequestsPerOperation,
  history: HistoryHoldings = NO_HISTORY,
  sharedRollups?: SharedRollups,
): SharedFeed {
  const coverings = new BoundedMap<string, readonly TimeRange[]>(REMEMBERED_WINDOWS, (windows) => windows.length);
  const segmentings = new BoundedMap<string, readonly RangeSegment[]>(REMEMBERED_WINDOWS, (segments) => segments.length);
  const rollups = new DayRollups(clock, engine.store, engine.options.freshness);
  const directories = new ScopedDirectories();
  const windowsOf = (range: TimeRange) => {
    const key = rangeKey(range);
    let windows = coverings.get(key);
    if (!windows) coverings.set(key, (windows = windowsCovering(range, clock, windowSize)));
    return windows;
  };
  return {
    engine,
    clock,
    windowSize,
    maxRequestsPerOperation,
    rollups,
    ...(sharedRollups && { sharedRollups }),
    history,
    directories,
    counts: new ScopedCounts(directories),
    windowsOf,
    segmentsOf: (range) => {
      const key = rangeKey(range);
      let segments = segmentings.get(key);
      if (!segments) segmentings.set(key, (segments = windowSize === 'hour' ? rollups.segments(range) : [{ day: null, windows: () => windowsOf(range) }]));
      return segments;
    },
  };
}

/** What resolvers read rows through: every call of a range, or what a report of it needs. */
export interface RangeFeed {
  callsIn(range: TimeRange): Promise<RangeWindows>;
  /** What a report of `range` reads: settled days from their roll-ups where they are held, without their legs. */
  summariesIn(range: TimeRange): Promise<RangeSummaries>;
  /** The upstream requests this feed's operation may send, and has sent so far (absent: not counted). */
  readonly allowance?: Pick<RequestAllowance, 'spent' | 'limit'>;
  /**
   * The windows of `range` (their reports by `dimensions`) read by streaming them from the durable tier in
   * worker threads (feed/long-scan.ts), or null: read the range with `callsIn`.
   */
  longScan?(range: TimeRange, filter: CallFilter, report: LongReport, work: () => ReportOptions): StreamedRange | null;
  /** What the operation's long scans cost so far. */
  readonly scans?: ScanCost;
}

/**
 * The rows behind one GraphQL operation. Resolvers ask for ranges; the feed turns each into aligned
 * windows and asks a per-operation DataLoader for them, so that all the windows the resolvers of one
 * tick need reach the engine as one batch (which it coalesces into few upstream requests).
 */
export class CallFeed implements RangeFeed {
  private readonly loader: DataLoader<TimeRange, WindowData, number>;
  private readonly sets = new Map<string, Promise<RangeWindows>>();
  private readonly summarySets = new Map<string, Promise<RangeSummaries>>();
  /** Every window this operation's ranges asked for, by key: what its requests are forecast over. */
  private readonly asked = new Map<number, TimeRange>();
  readonly allowance: RequestAllowance;
  readonly scans = new ScanCost();
  /**
   * The last days read for a scope (dayViews): an operation's report bound and its owner lists read the
   * same days side by side, a turn apart, and read each once.
   */
  private readonly recentDays = new BoundedMap<number, readonly WindowView[] | Promise<readonly WindowView[]>>(RECENT_DAYS);

  constructor(
    private readonly shared: SharedFeed,
    private readonly access: FeedAccess = EVERY_ROW,
  ) {
    const allowance = new RequestAllowance(shared.maxRequestsPerOperation, access.share);
    this.allowance = allowance;
    this.loader = new DataLoader((windows) => shared.engine.load(windows, allowance), { cacheKeyFn: windowKey });
  }

  callsIn(range: TimeRange): Promise<RangeWindows> {
    const key = rangeKey(range);
    let set = this.sets.get(key);
    if (!set) {
      set = this.load(range);
      this.sets.set(key, set);
    }
    return set;
  }

  summariesIn(range: TimeRange): Promise<RangeSummaries> {
    const key = rangeKey(range);
    const loaded = this.sets.get(key);
    if (loaded) return loaded;
    let set = this.summarySets.get(key);
    if (!set) {
      set = inSpan('cdr windows', { 'cdr.range.from': isoOf(range.from), 'cdr.range.to': isoOf(range.to) }, (span) => this.loadSummaries(range, span));
      this.summarySets.set(key, set);
    }
    return set;
  }

  /**
   * A settled whole day comes as its final roll-up where one is held (memory, the durable tier, then
   * the replicas' Redis), without its windows. A settled day without one has it made now, a chunk of
   * days at a time (a request's span), and its windows let go once it is: a year's report holds one
   * chunk of legs at a time, never the year's. Everything else comes as windows, as callsIn loads them.
   */
  private async loadSummaries(range: TimeRange, span: Span): Promise<RangeSummaries> {
    const { engine, rollups, sharedRollups } = this.shared;
    const segments = this.shared.segmentsOf(range);
    const settledBefore = (engine.options.now ?? Date.now)() - engine.options.freshness.options.settleMs;
    const found = new Map<number, DayRollup>();
    const unheld: RangeSegment[] = [];
    const spent = this.allowance.spent;
    /** Whether anything came from deeper than memory: a durable tier, Redis, the engine. */
    let deeper = false;
    for (const segment of segments) {
      const { day } = segment;
      if (day === null || day.to > settledBefore) continue;
      const inMemory = engine.store.heldRollup(day);
      const held = inMemory ?? rollups.held(day);
      deeper ||= !inMemory && held !== undefined;
      if (held) found.set(day.from, held);
      else unheld.push(segment);
    }
    if (sharedRollups && unheld.length > 0) {
      // Redis unreachable is no reason to fail: the windows are read instead, as without it.
      const shared = await sharedRollups.read(unheld.map((segment) => segment.day!)).catch(() => new Map<number, DayRollup>());
      for (const [day, rollup] of shared) {
        engine.store.keepRollup(rollup);
        found.set(day, rollup);
      }
    }
    const missing = unheld.filter((segment) => !found.has(segment.day!.from));
    deeper ||= unheld.length > missing.length || missing.length > 0;
    const edges = segments.flatMap((segment) => (segment.day && found.has(segment.day.from)) || missing.includes(segment) ? [] : segment.windows());
    const needed = [...missing.flatMap((segment) => segment.windows()), ...edges];
    if (needed.length > 0 && !engine.cachedFresh(needed)) this.admitRequests(needed);
    const made = await rollUpChunks(missing, found, this.shared, (windows) => this.loadViews(windows, false));
    const windows = segments.flatMap((segment) => (segment.day && (found.has(segment.day.from) || made.has(segment.day.from)) ? [] : segment.windows()));
    const cached = windows.length === 0 ? [] : engine.cachedFresh(windows);
    const loaded = cached ?? (await this.loadViews(windows));
    deeper ||= cached === null;
    const rolledUp = [...found.values()].reduce((sum, rollup) => sum + rollup.windows, 0);
    span.setAttributes({
      'cdr.windows': rolledUp + windows.length + [...made.values()].reduce((sum, unit) => sum + unit.windows, 0),
      'cdr.windows.tier': deeper ? 'engine' : 'memory',
      'cdr.days.rolled.up': found.size,
      'cdr.upstream.requests': this.allowance.spent - spent,
    });
    const units: SummaryUnit[] = [];
    const kept: WindowData[] = [...loaded];
    let next = 0;
    for (const segment of segments) {
      const rollup = segment.day && found.get(segment.day.from);
      if (rollup) {
        units.push(this.rollupUnit(rollup, segment.windows));
        continue;
      }
      const unit = segment.day && made.get(segment.day.from);
      if (unit) {
        units.push(unit);
        kept.push(...(unit.parts as WindowData[]));
        continue;
      }
      const views = loaded.slice(next, (next += segment.windows().length));
      units.push(...(segment.day ? [rollups.dayUnit(views)] : this.shared.windowSize === 'hour' ? rollups.unitsOf(views) : views.map(unitOf)));
    }
    const { freshness, now } = engine.options;
    const days = [...found.values()];
    const { scope } = this.access;
    const whole = { freshness: rangeFreshness(kept, freshness, (now ?? Date.now)(), days), unreadable: [...kept, ...days].flatMap((data) => data.unreadable) };
    return { ...this.scoped(whole, units, range), range, units, scope };
  }

  /** What the feed's principal sees of a range's freshness, unreadable rows and directory. */
  private scoped(whole: Pick<RangeSummaries, 'freshness' | 'unreadable'>, units: readonly SummaryUnit[], range: TimeRange): ScopedView {
    const { directories, counts } = this.shared;
    return scopedView(whole, { units, range, scope: this.access.scope, directories, counts, readDay: (day) => this.dayViews(day) });
  }

  /**
   * A settled day's windows for what a scope sees of it: in memory, else the durable tier's copies read
   * without keeping them in memory (a year's would push out the roll-ups that answer reports), else
   * through the engine as a report's would be.
   */
  private dayViews(day: TimeRange): readonly WindowView[] | Promise<readonly WindowView[]> {
    let views = this.recentDays.get(day.from);
    if (!views) {
      const windows = this.shared.windowsOf(day);
      this.recentDays.set(day.from, (views = this.shared.engine.passingRead(windows) ?? this.loadViews(windows, false)));
    }
    return views;
  }

  /** A day answered by its roll-up; its windows are loaded, and the roll-up attached to them, only if a report needs more. */
  private rollupUnit(rollup: DayRollup, windows: () => readonly TimeRange[]): SummaryUnit {
    const { rollups } = this.shared;
    const load = async () => rollups.dayUnit(await this.loadViews(windows(), false), rollup.summary);
    return { window: rollup.window, summary: rollup.summary, parts: null, windows: rollup.windows, load };
  }

  /**
   * `windows`' data, from memory when all are there, else through the operation's loader (`batched`,
   * shared by the operation's fields) or straight from the engine; throws the first failure.
   */
  private async loadViews(windows: readonly TimeRange[], batched = true): Promise<WindowData[]> {
    const { engine } = this.shared;
    const loaded = engine.cachedFresh(windows) ?? (await (batched ? this.loader.loadMany(windows) : engine.load(windows, this.allowance)));
    const failure = loaded.find((data): data is Error => data instanceof Error);
    if (failure) throw failure;
    return loaded as WindowData[];
  }

  longScan(range: TimeRange, filter: CallFilter, { dimensions, readsLegs }: LongReport, work: () => ReportOptions): StreamedRange | null {
    const { scans } = this.shared;
    if (!scans) return null;
    const { scope } = this.access;
    const reports = scans.reports({
      range, windows: this.shared.windowsOf(range), filter: narrowFilter(filter, scope), scope, dimensions, readsLegs, work, cost: this.scans,
      load: async (windows) => {
        const loaded = await this.loader.loadMany(windows);
        const failure = loaded.find((data): data is Error => data instanceof Error);
        if (failure) throw failure;
        return loaded as WindowData[];
      },
    });
    if (!reports) return null;
    // Read when the report's fields resolve, after it is computed.
    const windows: RangeWindows = {
      range, views: [], units: [], scope, finalUntil: -Infinity,
      get unreadable() {
        return reports.unreadable;
      },
      get freshness() {
        return reports.freshness;
      },
      directory: () => reports.directory(),
    };
    return { windows, reports };
  }

  /**
   * A span per range loaded (`cdr windows`): its windows, whether all were fresh in memory or the engine
   * was asked (deeper tiers add events and attributes to it; wolkvox requests are its children), and the
   * operation's wolkvox requests spent meanwhile.
   */
  private load(range: TimeRange): Promise<RangeWindows> {
    return inSpan('cdr windows', { 'cdr.range.from': isoOf(range.from), 'cdr.range.to': isoOf(range.to) }, (span) => this.loadWindows(range, span));
  }

  private async loadWindows(range: TimeRange, span: Span): Promise<RangeWindows> {
    const { engine, windowSize, rollups } = this.shared;
    const needed = this.shared.windowsOf(range);
    const cached = engine.cachedFresh(needed);
    if (!cached) this.admitRequests(needed);
    const spent = this.allowance.spent;
    const loaded = cached ?? (await this.loader.loadMany(needed));
    span.setAttributes({ 'cdr.windows': needed.length, 'cdr.windows.tier': cached ? 'memory' : 'engine', 'cdr.upstream.requests': this.allowance.spent - spent });
    const failure = loaded.find((data): data is Error => data instanceof Error);
    if (failure) throw failure;
    const windows = loaded as WindowData[];
    const units = windowSize === 'hour' ? rollups.unitsOf(windows) : windows.map(unitOf);
    const { freshness, now } = engine.options;
    const whole = { freshness: rangeFreshness(windows, freshness, (now ?? Date.now)()), unreadable: windows.flatMap((data) => data.unreadable) };
    let finalUntil = -Infinity;
    for (const data of windows) {
      if (!freshness.isStable(data.window, data.fetchedAt, data.provisional)) break;
      finalUntil = data.window.to;
    }
    return { ...this.scoped(whole, units, range), finalUntil, range, views: windows, units, scope: this.access.scope };
  }

  /**
   * Refuses, before any request, a range whose windows nobody holds when fetching them with the rest of
   * the operation's would need more requests than its allowance: what the operation spent so far, plus
   * what every window it asked for and nobody holds would cost (windows of ranges loaded already are held).
   */
  private admitRequests(needed: readonly TimeRange[]): void {
    const { engine, history, clock } = this.shared;
    const added = needed.filter((window) => !this.asked.has(windowKey(window)));
    for (const window of added) this.asked.set(windowKey(window), window);
    const forecast = engine.forecast([...this.asked.values()]);
    const projected = this.allowance.spent + forecast.requests;
    if (projected <= this.allowance.limit) return;
    for (const window of added) this.asked.delete(windowKey(window));
    const ours = new Set(needed.map(windowKey));
    const missing = forecast.missing.filter((window) => ours.has(windowKey(window)));
    throw new RangeNotHeldError({ needed: projected, allowance: this.allowance.limit, missing: missing.length > 0 ? missing : forecast.missing, history, clock });
  }
}
