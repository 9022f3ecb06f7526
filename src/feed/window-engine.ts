import { CallColumns } from '../domain/call-columns.js';
import type { CallRecord } from '../domain/call-record.js';
import { WindowSummary } from '../domain/window-summary.js';
import type { TimeRange } from '../domain/time-range.js';
import { UpstreamBadDataError, UpstreamError, UpstreamQuotaError } from '../upstream/errors.js';
import type { CallSource } from '../upstream/circuit.js';
import type { CdrWindow } from '../upstream/wolkvox-client.js';
import type { FreshnessPolicy } from './freshness.js';
import type { UnreadableRow, WindowData, WindowStore } from './window-store.js';
import { windowKey, type Window } from './windows.js';

export type { CallSource };

export interface WindowEngineOptions {
  readonly source: CallSource;
  readonly store: WindowStore;
  readonly freshness: FreshnessPolicy;
  /** Longest range one upstream request may cover when adjacent missing windows are coalesced (≤ 31 days). */
  readonly maxRequestSpanMs: number;
  readonly now?: () => number;
  /** With replicas: windows and the token are shared through it (src/replicas/); without, spans go straight to the source. */
  readonly shared?: SharedSpans;
}

/** Where the windows of a span come from when several replicas share them. */
export interface SharedSpans {
  /**
   * Every window of `span`: fresh copies other replicas stored (each put in this process by `keep`),
   * the rest by `fetch`, which fetches, stores here and returns the windows it is given.
   */
  load(
    span: readonly Window[],
    fetch: (windows: readonly Window[]) => Promise<Map<number, WindowData>>,
    keep: (data: WindowData) => void,
  ): Promise<Map<number, WindowData>>;
}

/** Counters of the engine's work, for tests now and `/metrics` later. */
export interface EngineStats {
  /** Requests sent to the source (each retried request counts once; truncation splits count). */
  upstreamRequests: number;
  failedRequests: number;
  rowsFetched: number;
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
  /** Requests split because their answer reached wolkvox's row cap. */
  truncationSplits: number;
  /** Windows served from an out-of-date copy because wolkvox could not be asked (circuit open, failure). */
  staleServed: number;
}

/** How many upstream requests one operation may cause; beyond that its windows fail with UPSTREAM_QUOTA. */
export class RequestAllowance {
  private used = 0;

  constructor(readonly limit: number) {}

  take(): boolean {
    if (this.used >= this.limit) return false;
    this.used += 1;
    return true;
  }
}

/**
 * The heart of the feed: serves windows from the cache while they are fresh, joins fetches already
 * under way, and fetches the rest with as few upstream requests as it can — adjacent missing windows
 * go in one request up to `maxRequestSpanMs`, and an answer at the row cap is split until none is.
 * A failed window is never cached; whoever needs it gets the error.
 */
export class WindowEngine {
  readonly stats: EngineStats = {
    upstreamRequests: 0, failedRequests: 0, rowsFetched: 0, cacheHits: 0, cacheMisses: 0,
    inFlightJoins: 0, coalescedWindows: 0, refreshes: 0, truncationSplits: 0, staleServed: 0,
  };
  /** The shared cache (its `rows`, `size` and `evictions` are part of the engine's observable state). */
  readonly store: WindowStore;
  private readonly inFlight = new Map<number, Promise<WindowData>>();
  private readonly now: () => number;

  constructor(private readonly options: WindowEngineOptions) {
    this.store = options.store;
    this.now = options.now ?? Date.now;
  }

  /**
   * The data of each window, or the error that kept it from being fetched (DataLoader's contract).
   * `allowance` caps the requests this call may send (one operation's share).
   */
  async load(windows: readonly Window[], allowance?: RequestAllowance): Promise<(WindowData | Error)[]> {
    const now = this.now();
    const missing = new Map<number, Window>();
    const pending = new Map<number, Promise<WindowData>>();
    for (const window of windows) {
      const key = windowKey(window);
      if (pending.has(key) || missing.has(key)) continue;
      const served = this.serve(window, now);
      if (served) pending.set(key, served);
      else missing.set(key, window);
    }
    for (const span of this.coalesce([...missing.values()])) {
      const fetched = allowance && !allowance.take() ? Promise.reject(overAllowance(allowance)) : this.loadSpan(span);
      for (const window of span) {
        const key = windowKey(window);
        const stale = this.store.get(window);
        // wolkvox failing is no reason to hide what we hold: an out-of-date copy beats an error.
        const one = fetched.then(
          (all) => all.get(key)!,
          (error: unknown) => {
            if (!stale || !(error instanceof UpstreamError && error.code === 'UPSTREAM_UNAVAILABLE')) throw error;
            this.stats.staleServed += 1;
            return stale;
          },
        );
        this.inFlight.set(key, one);
        pending.set(key, one);
        // Fetched or failed, the window is no longer in flight (unless a newer fetch took its place).
        const settle = () => void (this.inFlight.get(key) === one && this.inFlight.delete(key));
        fetched.then(settle, settle);
      }
    }
    return Promise.all(windows.map((window) => pending.get(windowKey(window))!.catch((error: unknown) => asError(error))));
  }

  /**
   * The data of every window when none needs fetching (the usual case for repeated and dashboard
   * queries), without a promise per window; null when any must be fetched or awaited.
   */
  cachedFresh(windows: readonly Window[]): WindowData[] | null {
    const now = this.now();
    const found: WindowData[] = [];
    for (const window of windows) {
      const ready = this.ready(window, now);
      if (!ready) return null;
      found.push(ready);
    }
    this.stats.cacheHits += windows.filter((window) => window.from < now).length;
    return found;
  }

  /**
   * A window's data when no request is needed: empty when it has not started (nothing has happened
   * yet; nothing is cached), or its cached copy while fresh.
   */
  private ready(window: Window, now: number): WindowData | undefined {
    if (window.from >= now) return windowData(window, [], [], now);
    const cached = this.store.get(window);
    return cached && this.options.freshness.isFresh(window, cached.fetchedAt, now) ? cached : undefined;
  }

  /** A window answered without a new request, or null when it must be fetched. */
  private serve(window: Window, now: number): Promise<WindowData> | null {
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
      return running;
    }
    this.stats.cacheMisses += 1;
    if (cached) this.stats.refreshes += 1;
    return null;
  }

  /**
   * Missing windows grouped into requests, in order, each spanning at most the request span limit.
   * Windows need not be adjacent: bridging a gap costs some rows but saves a request, and requests
   * are what wolkvox rations. Rows that fall in a gap are not kept (nobody asked for them).
   */
  private coalesce(windows: Window[]): Window[][] {
    const spans: Window[][] = [];
    for (const window of [...windows].sort((a, b) => a.from - b.from)) {
      const span = spans.at(-1);
      if (span && window.to - span[0]!.from <= this.options.maxRequestSpanMs) span.push(window);
      else spans.push([window]);
    }
    for (const span of spans) if (span.length > 1) this.stats.coalescedWindows += span.length;
    return spans;
  }

  private loadSpan(span: readonly Window[]): Promise<Map<number, WindowData>> {
    const { shared } = this.options;
    return shared ? shared.load(span, (windows) => this.fetchSpan(windows), (data) => this.store.set(data)) : this.fetchSpan(span);
  }

  /** Fetches a run of windows in one request (more if truncated), caches each, and returns them by key. */
  private async fetchSpan(span: readonly Window[]): Promise<Map<number, WindowData>> {
    const fetchedAt = this.now();
    const range = { from: span[0]!.from, to: span.at(-1)!.to };
    const answers = await this.fetchComplete(range, span);
    const byWindow = new Map<number, { calls: CallRecord[]; unreadable: UnreadableRow[] }>(
      span.map((window) => [windowKey(window), { calls: [], unreadable: [] }]),
    );
    const bucketOf = (instant: number) => {
      const window = span[indexOfWindow(span, instant)]!;
      return instant < window.to ? byWindow.get(windowKey(window))! : undefined;
    };
    for (const answer of answers) {
      for (const call of answer.records) bucketOf(call.date)?.calls.push(call);
      // A row that could not be read has no date to place it by: it goes with the first window its request covered.
      for (const row of answer.rejected) (bucketOf(answer.range.from) ?? byWindow.get(windowKey(span[0]!))!).unreadable.push({ ...row, window: answer.range });
    }
    const result = new Map<number, WindowData>();
    for (const window of span) {
      const { calls, unreadable } = byWindow.get(windowKey(window))!;
      const data = windowData(window, calls.sort(byDateThenId), unreadable, fetchedAt);
      this.store.set(data);
      result.set(windowKey(window), data);
    }
    return result;
  }

  /** Every row of `range`: an answer at the row cap is split (at a window boundary when it can) and refetched. */
  private async fetchComplete(range: TimeRange, span: readonly Window[]): Promise<CdrWindow[]> {
    this.stats.upstreamRequests += 1;
    let answer: CdrWindow;
    try {
      answer = await this.options.source.fetchCalls(range);
    } catch (error) {
      this.stats.failedRequests += 1;
      throw error;
    }
    this.stats.rowsFetched += answer.rowCount;
    if (!answer.possiblyTruncated) return [answer];
    if (range.to - range.from <= 1000) {
      throw new UpstreamBadDataError('wolkvox returned its row cap for a single second; the rows beyond it cannot be fetched');
    }
    this.stats.truncationSplits += 1;
    const inside = span.filter((window) => window.from > range.from && window.from < range.to);
    const middle = inside.length > 0 ? inside[Math.floor(inside.length / 2)]!.from : range.from + Math.floor((range.to - range.from) / 2000) * 1000;
    const halves = await Promise.all([
      this.fetchComplete({ from: range.from, to: middle }, span),
      this.fetchComplete({ from: middle, to: range.to }, span),
    ]);
    return halves.flat();
  }
}

/** A window's data, with its calls stored by column and summarized once, here, as they arrive. */
function windowData(window: Window, calls: readonly CallRecord[], unreadable: readonly UnreadableRow[], fetchedAt: number): WindowData {
  const columns = CallColumns.from(calls);
  return { window, columns, summary: WindowSummary.of(columns), unreadable, fetchedAt };
}

/** Index of the last window of `span` (in order) that starts at or before `instant`. */
function indexOfWindow(span: readonly Window[], instant: number): number {
  let low = 0;
  let high = span.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (span[middle]!.from <= instant) low = middle;
    else high = middle - 1;
  }
  return low;
}

export function byDateThenId(a: CallRecord, b: CallRecord): number {
  return a.date - b.date || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function overAllowance(allowance: RequestAllowance): UpstreamQuotaError {
  return new UpstreamQuotaError(
    `this operation needs more than ${allowance.limit} wolkvox requests (MAX_UPSTREAM_REQUESTS_PER_OPERATION); ask for fewer or shorter ranges, or split the operation`,
  );
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
