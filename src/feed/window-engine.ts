import DataLoader from 'dataloader';
import type { TimeRange } from '../domain/time/time-range.js';
import { ZoneClock } from '../domain/time/zone-clock.js';
import { NO_ROWS } from '../upstream/cdr-response.js';
import { UpstreamError } from '../upstream/errors.js';
import type { BackgroundWork, CallSource } from '../upstream/call-source.js';
import { MAX_ROWS_PER_RESPONSE } from '../upstream/wolkvox-protocol.js';
import type { FreshnessPolicy } from './freshness.js';
import { AllowanceExceededError, ShareUsedUpError, UNLIMITED, type Prepaid, type RequestAllowance } from './request-allowance.js';
import { LegDensity } from './leg-density.js';
import { RequestPlanner } from './request-planner.js';
import { RequestTurns } from './request-turns.js';
import type { WindowData, WindowStore } from './window-store.js';
import { windowKey } from './windows.js';
import { SpanFetcher, windowData, type FetchStats, type WindowSink } from './span-fetcher.js';

export type { CallSource, WindowSink };

export interface WindowEngineOptions {
  readonly source: CallSource;
  readonly store: WindowStore;
  readonly freshness: FreshnessPolicy;
  /** Longest range one upstream request may cover when adjacent missing windows are coalesced (≤ 31 days). */
  readonly maxRequestSpanMs: number;
  readonly now?: () => number;
  /** With replicas: windows and the token are shared through it (src/replicas/); without, spans go straight to the source. */
  readonly shared?: SharedSpans;
  /** The operation's zone, whose hours of the week the density of legs is learned by (default UTC). */
  readonly clock?: ZoneClock;
  /**
   * Windows a tier this engine does not read itself holds for sure (the history mirror's days, in Redis
   * with replicas): an operation's allowance is not taken for them, since the shared tier answers them.
   */
  readonly held?: (window: TimeRange) => boolean;
}

/** Where the windows of a span come from when several replicas share them. */
export interface SharedSpans {
  /**
   * Every window of `span`: fresh copies other replicas stored (each put in this process by `keep`),
   * the rest by `fetch`, which fetches, stores here and returns the windows it is given.
   */
  load(
    span: readonly TimeRange[],
    fetch: (windows: readonly TimeRange[]) => Promise<Map<number, WindowData>>,
    keep: (data: WindowData) => void,
    background?: boolean,
  ): Promise<Map<number, WindowData>>;
}

/** Counters of the engine's work, read by tests and by `/metrics` at scrape time. */
export interface EngineStats extends FetchStats {
  /** Windows served from the cache. */
  cacheHits: number;
  /** Windows that had to be fetched (refreshes included). */
  cacheMisses: number;
  /** Windows that joined a fetch already under way for another operation. */
  inFlightJoins: number;
  /** Windows fetched in a request together with at least one other window. */
  coalescedWindows: number;
  /** Windows fetched again because their cached copy was no longer fresh. */
  refreshes: number;
  /** Windows served from an out-of-date copy because wolkvox could not be asked (circuit open, failure). */
  staleServed: number;
}

/**
 * The heart of the feed: serves windows from the cache while they are fresh, joins fetches already
 * under way, and fetches the rest with as few upstream requests as it can — adjacent missing windows
 * go in one request up to `maxRequestSpanMs`, a span known to be dense is cut before it is asked, and
 * an answer at the row cap is split until none is (those requests are span-fetcher.ts's). A failed
 * window is never cached; whoever needs it gets the error.
 */
export class WindowEngine {
  readonly stats: EngineStats = {
    upstreamRequests: 0, refusedRequests: 0, failedRequests: 0, rowsFetched: 0, cacheHits: 0, cacheMisses: 0,
    inFlightJoins: 0, coalescedWindows: 0, refreshes: 0, truncationSplits: 0, staleServed: 0,
  };
  /** The shared cache (its `rows`, `size` and `evictions` are part of the engine's observable state). */
  readonly store: WindowStore;
  private readonly inFlight = new Map<number, Promise<WindowData>>();
  private readonly retries = new WeakMap<RequestAllowance, DataLoader<TimeRange, WindowData, number>>();
  private readonly now: () => number;
  private readonly planner: RequestPlanner;
  /** Operations' windows go to the cache. */
  private readonly cache: WindowSink;
  /** Fetches the spans nothing serves. */
  private readonly fetcher: SpanFetcher;

  constructor(readonly options: WindowEngineOptions) {
    this.store = options.store;
    this.now = options.now ?? Date.now;
    this.planner = new RequestPlanner(options.source.maxRowsPerResponse ?? MAX_ROWS_PER_RESPONSE, new LegDensity(options.clock ?? new ZoneClock('UTC')));
    this.cache = { keep: (data) => this.store.set(data), previousProvisional: (window) => this.store.get(window)?.provisional };
    this.fetcher = new SpanFetcher(options, this.planner, this.stats, this.now);
  }

  /**
   * The data of each window, or the error that kept it from being fetched (DataLoader's contract).
   * `allowance` caps the requests this call may send (one operation's share).
   */
  async load(windows: readonly TimeRange[], allowance: RequestAllowance = UNLIMITED): Promise<(WindowData | Error)[]> {
    const now = this.now();
    const missing = new Map<number, TimeRange>();
    const pending = new Map<number, Promise<WindowData>>();
    for (const window of windows) {
      const key = windowKey(window);
      if (pending.has(key) || missing.has(key)) continue;
      const served = this.serve(window, now, allowance);
      if (served) pending.set(key, served);
      else missing.set(key, window);
    }
    const turns = new RequestTurns();
    for (const span of this.coalesce([...missing.values()])) {
      // Taken before the fetch is registered for others to join: a refusal stays this operation's own.
      const prepaid = allowance.reserve(this.requestsFor(span.filter((window) => !this.options.held?.(window))));
      if (!prepaid) {
        const refused = Promise.reject(allowance.refusal());
        for (const window of span) pending.set(windowKey(window), refused);
        continue;
      }
      const fetched = this.loadSpan(span, prepaid, turns, this.cache);
      for (const window of span) {
        const key = windowKey(window);
        const stale = this.store.get(window);
        // wolkvox failing, or a principal's share of it used up, is no reason to hide what we hold: an out-of-date copy beats an error.
        const one = fetched.then(
          (all) => all.get(key)!,
          (error: unknown) => {
            if (!stale || !((error instanceof UpstreamError && error.code === 'UPSTREAM_UNAVAILABLE') || error instanceof ShareUsedUpError)) throw error;
            this.stats.staleServed += 1;
            return stale;
          },
        );
        this.inFlight.set(key, one);
        pending.set(key, one);
        // Fetched or failed, the window is no longer in flight (unless a newer fetch took its place).
        const settle = () => {
          if (this.inFlight.get(key) === one) this.inFlight.delete(key);
        };
        fetched.then(settle, settle);
      }
    }
    return Promise.all(windows.map((window) => pending.get(windowKey(window))!.catch((error: unknown) => asError(error))));
  }

  /**
   * Background work (the history mirror): every window of `span` (adjacent, in order), from a copy
   * another replica shared or else from wolkvox, its requests waiting for the token behind every
   * operation's and spending from `work`'s share. Fetched windows go to `sink`, not to the cache; an
   * operation that asks for one meanwhile joins the fetch.
   */
  fetchInBackground(span: readonly TimeRange[], work: BackgroundWork, sink: WindowSink): Promise<Map<number, WindowData>> {
    const fetched = this.loadSpan(span, UNLIMITED.reserve(0)!, new RequestTurns(), sink, work);
    for (const window of span) {
      const key = windowKey(window);
      if (this.inFlight.has(key)) continue;
      const one = fetched.then((all) => all.get(key)!);
      this.inFlight.set(key, one);
      const settle = () => {
        if (this.inFlight.get(key) === one) this.inFlight.delete(key);
      };
      one.then(settle, settle);
    }
    return fetched;
  }

  /**
   * The requests loading `windows` would send now, planned as `load` plans them, and the windows nothing
   * holds, which they are for: not started yet, not fresh in memory, not stored durably once settled, not being fetched, not
   * `held` by the mirror. An estimate that reads no tier (a durable copy of a settled window is taken as
   * final), so that an operation can be refused before it asks anything.
   */
  forecast(windows: readonly TimeRange[]): { requests: number; missing: TimeRange[] } {
    const now = this.now();
    const missing = windows.filter((window) => !this.heldNow(window, now));
    return { requests: this.spansOf(missing).reduce((sum, span) => sum + this.requestsFor(span), 0), missing };
  }

  /** The requests `span` (adjacent windows, in order) is planned in, from the density learned so far: 0 for none, 1 while nothing is known. */
  requestsFor(span: readonly TimeRange[]): number {
    return span.length === 0 ? 0 : this.planner.plan({ from: span[0]!.from, to: span.at(-1)!.to }, span).length;
  }

  /** Some answer has taught the density of legs: `requestsFor` plans from it. */
  get informed(): boolean {
    return this.planner.informed;
  }

  private heldNow(window: TimeRange, now: number): boolean {
    if (window.from >= now || this.options.held?.(window) || this.inFlight.has(windowKey(window))) return true;
    const copy = this.store.peek(window);
    if (copy && this.options.freshness.isFresh(window, copy.fetchedAt, now, copy.provisional)) return true;
    return window.to <= now - this.options.freshness.options.settleMs && this.store.storedDurably(window);
  }

  /**
   * The data of every window when none needs fetching (the usual case for repeated and dashboard
   * queries), without a promise per window; null when any must be fetched or awaited.
   */
  cachedFresh(windows: readonly TimeRange[]): WindowData[] | null {
    const now = this.now();
    const found = this.allReady(windows, now, (window) => this.store.get(window));
    if (found) this.stats.cacheHits += windows.filter((window) => window.from < now).length;
    return found;
  }

  /**
   * As cachedFresh, but a window only a durable tier holds is read from it without being kept in memory
   * (store.storedCopy): for work that reads many settled windows once (a scope's directory of a year),
   * which must not push out of memory what it serves operations. Null when any must be fetched.
   */
  passingRead(windows: readonly TimeRange[]): WindowData[] | null {
    return this.allReady(windows, this.now(), (window) => this.store.peek(window) ?? this.store.storedCopy(window));
  }

  /** Every window's data as `ready` finds it through `copyOf`, or null when any must be fetched. */
  private allReady(windows: readonly TimeRange[], now: number, copyOf: (window: TimeRange) => WindowData | undefined): WindowData[] | null {
    const found: WindowData[] = [];
    for (const window of windows) {
      const ready = this.ready(window, now, copyOf);
      if (!ready) return null;
      found.push(ready);
    }
    return found;
  }

  /**
   * A window's data when no request is needed: empty when it has not started (nothing has happened
   * yet; nothing is cached), or its copy (from the store's tiers, by default) while fresh.
   */
  private ready(window: TimeRange, now: number, copyOf = (held: TimeRange) => this.store.get(held)): WindowData | undefined {
    if (window.from >= now) return windowData(window, NO_ROWS.calls, [], now);
    const cached = copyOf(window);
    return cached && this.options.freshness.isFresh(window, cached.fetchedAt, now, cached.provisional) ? cached : undefined;
  }

  /** A window answered without a new request, or null when it must be fetched. */
  private serve(window: TimeRange, now: number, allowance: RequestAllowance): Promise<WindowData> | null {
    const ready = this.ready(window, now);
    if (ready) {
      if (window.from < now) this.stats.cacheHits += 1;
      return Promise.resolve(ready);
    }
    const cached = this.store.get(window);
    if (cached && this.options.source.accepting?.() === false) {
      this.stats.staleServed += 1;
      return Promise.resolve(cached);
    }
    const running = this.inFlight.get(windowKey(window));
    if (running) {
      this.stats.inFlightJoins += 1;
      // The fetch can fail for want of the allowance (or daily share) of the operation that started it: no
      // answer for this one, which asks again with its own, for all its windows of that fetch together.
      return running.catch((error: unknown) => {
        if (!(error instanceof AllowanceExceededError) || error.allowance === allowance) throw error;
        return this.retriesOf(allowance).load(window);
      });
    }
    this.stats.cacheMisses += 1;
    if (cached) this.stats.refreshes += 1;
    return null;
  }

  /** One operation's windows asked again after a fetch it joined failed for another's allowance: batched per tick, as its first asks were. */
  private retriesOf(allowance: RequestAllowance): DataLoader<TimeRange, WindowData, number> {
    let retries = this.retries.get(allowance);
    if (!retries) this.retries.set(allowance, (retries = new DataLoader((windows) => this.load(windows, allowance), { cacheKeyFn: windowKey, cache: false })));
    return retries;
  }

  /**
   * Missing windows grouped into requests, in order, each spanning at most the request span limit.
   * Windows need not be adjacent: bridging a gap costs some rows but saves a request, and requests
   * are what wolkvox rations. Rows that fall in a gap are not kept (nobody asked for them).
   */
  private coalesce(windows: TimeRange[]): TimeRange[][] {
    const spans = this.spansOf(windows);
    for (const span of spans) if (span.length > 1) this.stats.coalescedWindows += span.length;
    return spans;
  }

  private spansOf(windows: readonly TimeRange[]): TimeRange[][] {
    const spans: TimeRange[][] = [];
    for (const window of [...windows].sort((a, b) => a.from - b.from)) {
      const span = spans.at(-1);
      if (span && window.to - span[0]!.from <= this.options.maxRequestSpanMs) span.push(window);
      else spans.push([window]);
    }
    return spans;
  }

  /**
   * A run of windows from the replicas' shared store when there is one (which fetches, under the shared
   * gate, only what no replica holds), else from wolkvox; what was taken ahead and not sent goes back.
   */
  private loadSpan(span: readonly TimeRange[], prepaid: Prepaid, turns: RequestTurns, sink: WindowSink, background?: BackgroundWork): Promise<Map<number, WindowData>> {
    const fetch = (windows: readonly TimeRange[]) => {
      const range = { from: windows[0]!.from, to: windows.at(-1)!.to };
      return this.fetcher.fetchSpan(windows, this.fetcher.fetchRun(range, windows, prepaid, turns, background), sink);
    };
    const { shared } = this.options;
    const loaded = shared ? shared.load(span, fetch, (data) => sink.keep(data), background !== undefined) : fetch(span);
    return loaded.finally(() => prepaid.settle());
  }

}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
