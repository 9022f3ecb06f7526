import { performance } from 'node:perf_hooks';
import { dayAt, dayRuns } from '../domain/time/local-days.js';
import type { TimeRange } from '../domain/time/time-range.js';
import type { ZoneClock } from '../domain/time/zone-clock.js';
import type { HistoryHoldings, HistoryStatus } from '../feed/history.js';
import type { WindowEngine } from '../feed/window-engine.js';
import type { WindowData } from '../feed/window-store.js';
import { windowKey, windowsCovering, type WindowSize } from '../feed/windows.js';
import type { Logger } from '../logger.js';
import { UpstreamQuotaError } from '../upstream/errors.js';
import { HISTORY_DEFAULTS } from '../defaults.js';
import { completionTime } from './completion-estimate.js';
import { HistoryCalendar } from './history-calendar.js';
import type { MirrorTier } from './mirror-tier.js';
import { MirrorHoldings } from './mirror-holdings.js';
import { nextSpan } from './next-span.js';
import type { WorkTurn } from '../replicas/refresh-turns.js';
import type { DailyBudget } from '../upstream/daily-budget.js';

/**
 * Spans in flight at once: while one answer is read and stored, the next request is on the wire
 * (behind any operation's), so that the mirror goes as fast as wolkvox answers.
 */
const SPANS_IN_FLIGHT = 2;

export interface HistoryMirrorOptions {
  readonly engine: WindowEngine;
  readonly tier: MirrorTier;
  readonly clock: ZoneClock;
  readonly windowSize: WindowSize;
  /** WOLKVOX_HISTORY_DAYS. */
  readonly days: number;
  /** WOLKVOX_SETTLE_MARGIN: a day is wanted once it has settled. */
  readonly settleMs: number;
  readonly logger: Logger;
  readonly now?: () => number;
  /** How often it looks for work: a day that settled, a new day's share. */
  readonly tickMs?: number;
}

/** What the mirror did, for `/metrics` and tests. */
export interface MirrorStats {
  /** Spans fetched and stored, and the requests (attempts) they took. */
  spans: number;
  requests: number;
  /** Windows fetched and stored. */
  windows: number;
  /** Days found stored whole already (fetched by operations, or by the mirror before a restart): no request. */
  adoptedDays: number;
  /** Sessions that stopped on a failure (wolkvox, Redis); the next tick tries again. */
  failures: number;
  /** Day roll-ups made from the windows stored and stored beside them. */
  rollups: number;
}

/**
 * The history mirror: keeps every settled window of the last WOLKVOX_HISTORY_DAYS days in the durable
 * tier, so that a report over them asks wolkvox nothing. A session runs on each tick (and with
 * replicas only in the replica whose turn it is): from the most recent missing day backwards it takes
 * what the tier already holds as it is, and fetches the rest one request at a time — each span as many
 * adjacent windows as the learned density of legs fits in one request — as background work, behind
 * every operation for the token and within WOLKVOX_BACKFILL_REQUESTS_PER_DAY. Fetched windows go to
 * the durable tier only, never to the in-memory cache; a day is listed as held once all its windows
 * are stored, which is what a restart goes on from.
 */
export class HistoryMirror implements HistoryHoldings {
  readonly stats: MirrorStats = { spans: 0, requests: 0, windows: 0, adoptedDays: 0, failures: 0, rollups: 0 };
  private readonly calendar: HistoryCalendar;
  private readonly now: () => number;
  /** What the tier holds, as far as this mirror knows. */
  private readonly holdings: MirrorHoldings;
  /** Days whose roll-up this process has made, or found stored, or is making. */
  private readonly rolledUp = new Set<number>();
  private secondsPerRequest: number | null = null;
  /** When the last span was stored (or the session started): the pace is measured between them. */
  private lastStored = 0;
  private estimate: { readonly key: string; readonly requests: number | null } | undefined;
  private session: Promise<void> | null = null;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** The last thing logged that should not repeat on every tick (complete, share spent today). */
  private lastNotice = '';

  constructor(private readonly options: HistoryMirrorOptions) {
    this.now = options.now ?? Date.now;
    this.calendar = new HistoryCalendar(options.clock, options.days, options.settleMs);
    this.holdings = new MirrorHoldings(options, this.calendar, this.stats, () => (this.estimate = undefined), (days) => this.rollUp(days));
  }

  /** Backfills now and on every tick, until stopped. */
  start(): void {
    this.timer = setInterval(() => void this.backfill(), this.options.tickMs ?? HISTORY_DEFAULTS.tickMs);
    this.timer.unref();
    void this.backfill();
  }

  /** Stops ticking; resolves when the session under way (if any) has ended, after the request in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.session;
  }

  /** One session: brings the view up to date, then, if it is this instance's turn, backfills until done for now. Calls meanwhile share it. */
  backfill(): Promise<void> {
    return (this.session ??= this.run().finally(() => (this.session = null)));
  }

  /** Reads what the tier holds (the days other replicas stored too) and today's count. */
  async refresh(): Promise<void> {
    this.holdings.adopt(await this.options.tier.heldDates());
    await this.options.tier.share.refresh?.();
  }

  holds(window: TimeRange): boolean {
    return this.holdings.holds(window);
  }

  status(): HistoryStatus {
    const now = this.now();
    const { clock, tier } = this.options;
    const wanted = this.calendar.wanted(now);
    const missing = wanted.filter((day) => !this.holdings.has(day));
    let last = wanted.length - 1;
    while (last >= 0 && !this.holdings.has(wanted[last]!)) last -= 1;
    let first = last;
    while (first > 0 && this.holdings.has(wanted[first - 1]!)) first -= 1;
    const requests = missing.length > 0 ? this.requestsFor(missing) : null;
    return {
      wantedDays: this.options.days,
      heldDays: wanted.length - missing.length,
      held: last >= 0 ? { from: wanted[first]!, to: dayAt(wanted[last]!, clock).to } : null,
      missing: dayRuns(missing.map((day) => dayAt(day, clock)), clock),
      estimatedCompleteAt: requests === null ? null : completionTime(requests, this.pace(now), clock),
      requestsToday: tier.share.used,
      requestsPerDay: tier.share.limit,
    };
  }

  expectedBy(range: TimeRange): number | null {
    const now = this.now();
    const { clock } = this.options;
    const wanted = this.calendar.wanted(now);
    if (wanted.length === 0) return null;
    const [oldest, end] = [wanted[0]!, dayAt(wanted.at(-1)!, clock).to];
    const lacking: number[] = [];
    for (let day = clock.startOf('day', range.from); day < range.to; day = dayAt(day, clock).to) {
      if (this.holdings.has(day)) continue;
      if (day < oldest) return null;
      // Days not settled yet are not the mirror's: operations fetch them (they are few).
      if (day < end) lacking.push(day);
    }
    if (lacking.length === 0) return null;
    // Newest first: every missing day from the oldest one asked for onwards comes before it is done.
    const requests = this.requestsFor(wanted.filter((day) => day >= lacking[0]! && !this.holdings.has(day)));
    return requests === null ? null : completionTime(requests, this.pace(now), clock);
  }

  private async run(): Promise<void> {
    const { tier, logger } = this.options;
    try {
      await this.refresh();
    } catch (error) {
      this.stats.failures += 1;
      logger.warn({ err: messageOf(error), tier: tier.name }, 'history mirror: cannot read what the tier holds; will try again');
      return;
    }
    if (this.holdings.missingDays(this.now()).length === 0) return this.notice('complete', () => logger.info(this.progress(), 'history mirror: complete'));
    const turn = await tier.turn();
    if (!turn) return;
    this.holdings.lookAgain();
    try {
      await this.backfillWhile(turn);
    } catch (error) {
      this.stats.failures += 1;
      if (error instanceof UpstreamQuotaError) logger.info({ err: error.message, ...this.progress() }, 'history mirror: paused, no requests left today');
      else logger.warn({ err: messageOf(error), ...this.progress() }, 'history mirror: paused after a failure; will try again');
    } finally {
      await turn.release();
    }
  }

  /**
   * Starts span after span, up to SPANS_IN_FLIGHT at once, while the turn lasts and there is work and
   * share left; throws the first failure once the spans under way have ended.
   */
  private async backfillWhile(turn: WorkTurn): Promise<void> {
    const running = new Map<Promise<void>, number>();
    this.lastStored = performance.now();
    try {
      while (!this.stopped && turn.held()) {
        const reserved = [...running.values()].reduce((sum, requests) => sum + requests, 0);
        const span = await this.nextWork(reserved);
        if (span) {
          const work = this.store(span).finally(() => running.delete(work));
          // Handled here as well as where it is awaited: a span that fails while the loop waits on another is no unhandled rejection.
          work.catch(() => undefined);
          running.set(work, this.options.engine.requestsFor(span));
          // The first span teaches the density the others are planned from: they wait for it.
          if (running.size < SPANS_IN_FLIGHT && this.options.engine.informed) continue;
        } else if (running.size === 0) return;
        await Promise.race(running.keys());
      }
    } finally {
      await Promise.allSettled(running.keys());
    }
  }

  /** The next span to fetch, or null when there is none to start now (complete, circuit open, share spent, or all in flight). */
  private async nextWork(reserved: number): Promise<TimeRange[] | null> {
    const { engine, tier, logger, clock } = this.options;
    const missing = this.holdings.missingDays(this.now());
    if (missing.length === 0) {
      if (reserved === 0) this.notice('complete', () => logger.info(this.progress(), 'history mirror: complete'));
      return null;
    }
    if (engine.options.source.accepting?.() === false) return null;
    const left = tier.share.limit - tier.share.used - reserved;
    if (left <= 0) {
      if (reserved === 0) this.notice(`spent ${clock.at(this.now()).toISODate()}`, () => logger.info(this.progress(), 'history mirror: today\'s share of requests is spent; going on tomorrow'));
      return null;
    }
    const span = await nextSpan(missing, (day) => this.holdings.unheldWindows(day), engine);
    return span && engine.requestsFor(span) <= left ? span : null;
  }

  /** Fetches `span` as background work into the tier, lists the days it completes, and logs it. */
  private async store(span: readonly TimeRange[]): Promise<void> {
    const { engine, tier, logger, clock } = this.options;
    const share = countingSpends(tier.share);
    for (const window of span) this.holdings.fetching.add(windowKey(window));
    let windows: WindowData[];
    try {
      windows = [...(await engine.fetchInBackground(span, { share }, tier.sink(this.holdings.provisional))).values()];
    } finally {
      for (const window of span) this.holdings.fetching.delete(windowKey(window));
    }
    const requests = share.spent();
    this.learnPace(requests);
    this.stats.spans += 1;
    this.stats.requests += requests;
    this.stats.windows += windows.length;
    await this.holdings.recordHeld(windows.map((data) => data.window));
    this.lastNotice = '';
    logger.info(
      { span: { from: clock.iso(span[0]!.from), to: clock.iso(span.at(-1)!.to) }, requests, legs: windows.reduce((sum, data) => sum + data.columns.length, 0), ...this.progress() },
      'history mirror: stored a span',
    );
  }


  /**
   * Day roll-ups for days just held, so that a report over the history reads days, not legs (with day
   * windows a day is one window already). A failure costs only time: the first report makes them.
   */
  private async rollUp(held: readonly number[]): Promise<void> {
    const { tier, clock, windowSize, logger } = this.options;
    // Two spans in flight may both find a day complete: it is rolled up once.
    const days = held.filter((day) => !this.rolledUp.has(day));
    if (windowSize !== 'hour' || days.length === 0) return;
    for (const day of days) this.rolledUp.add(day);
    try {
      const made = await tier.rollUp(days.map((start) => {
        const day = dayAt(start, clock);
        return { day, windows: windowsCovering(day, clock, windowSize) };
      }));
      // Added after the await: two spans in flight may hold days at once.
      this.stats.rollups += made;
    } catch (error) {
      logger.warn({ err: messageOf(error), tier: tier.name }, 'history mirror: day roll-ups not stored; the first report over those days makes them');
    }
  }

  /**
   * Requests the mirror would need for `days` (any order), planned from the learned density in runs of
   * at most the longest request span; null while nothing is learned. Remembered until something changes.
   */
  private requestsFor(days: readonly number[]): number | null {
    const { engine, clock } = this.options;
    if (!engine.informed) return null;
    const sorted = [...days].sort((a, b) => a - b);
    const key = `${sorted.length}:${sorted[0]}:${sorted.at(-1)}:${this.stats.spans}`;
    if (this.estimate?.key === key) return this.estimate.requests;
    let requests = 0;
    let chunk: TimeRange | null = null;
    // Whole days tile the chunk: planned as one window, it is cut into as many requests as its windows would be.
    const flush = () => {
      if (chunk) requests += engine.requestsFor([chunk]);
    };
    for (const day of sorted) {
      const range = dayAt(day, clock);
      if (chunk?.to === range.from && range.to - chunk.from <= engine.options.maxRequestSpanMs) chunk = { from: chunk.from, to: range.to };
      else {
        flush();
        chunk = range;
      }
    }
    flush();
    this.estimate = { key, requests };
    return requests;
  }

  private pace(now: number) {
    const { share } = this.options.tier;
    return { now, usedToday: share.used, perDay: share.limit, secondsPerRequest: this.secondsPerRequest ?? HISTORY_DEFAULTS.assumedSecondsPerRequest };
  }

  /** A moving average of the time a request takes, answer read and stored included, measured between spans stored. */
  private learnPace(requests: number): void {
    const now = performance.now();
    const ms = now - this.lastStored;
    this.lastStored = now;
    if (requests === 0) return;
    const seconds = ms / 1000 / requests;
    this.secondsPerRequest = this.secondsPerRequest === null ? seconds : 0.8 * this.secondsPerRequest + 0.2 * seconds;
  }

  /** The figures every log line of the mirror carries. */
  private progress() {
    const status = this.status();
    const { clock } = this.options;
    return {
      tier: this.options.tier.name,
      daysHeld: status.heldDays,
      daysWanted: status.wantedDays,
      requestsToday: status.requestsToday,
      requestsPerDay: status.requestsPerDay,
      heldFrom: status.held ? clock.iso(status.held.from) : null,
      estimatedCompleteAt: status.estimatedCompleteAt === null ? null : clock.iso(status.estimatedCompleteAt),
    };
  }

  /** Logs once until the notice changes (a tick a minute must not repeat "complete"). */
  private notice(what: string, log: () => void): void {
    if (this.lastNotice === what) return;
    this.lastNotice = what;
    log();
  }
}

/** `share`, counting the requests spent through this view of it (one span's). */
function countingSpends(share: DailyBudget): DailyBudget & { spent(): number } {
  let spent = 0;
  return {
    limit: share.limit,
    get used() {
      return share.used;
    },
    spend: async () => {
      await share.spend();
      spent += 1;
    },
    spent: () => spent,
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
