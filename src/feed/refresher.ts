import type { ZoneClock } from '../domain/time/zone-clock.js';
import type { Logger } from '../logger.js';
import { inSpan } from '../tracing/spans.js';
import type { WindowEngine } from './window-engine.js';
import { changeBetween, type WindowChange } from './window-changes.js';
import { windowsCovering, type WindowSize } from './windows.js';

/**
 * Ticks come this long after the freshness interval: a refresh stamps its copies when its request starts, a
 * little after its own tick, so a tick exactly one interval later would find them still fresh and skip a
 * round (today's windows were then refreshed every other interval).
 */
export const TICK_MARGIN_MS = 1_000;

/**
 * Keeps today's windows warm: on each tick (every freshness interval and a second) it asks the engine for
 * every window of the local day so far, which refetches only those whose cached copy went stale (one
 * request per tick, coalesced). User queries on recent data then rarely wait for wolkvox. What a tick finds
 * (windows whose legs changed, and the new legs) is published for subscriptions: they hear of new data
 * at this cadence and never ask wolkvox themselves. The first refresh only fills the cache: what it finds is
 * today so far, not news, and whether a subscriber heard it would depend on how soon it connected.
 */
export class WindowRefresher {
  private timer: NodeJS.Timeout | undefined;
  /** Whether a refresh has run (the first publishes nothing). */
  private primed = false;

  constructor(
    private readonly engine: WindowEngine,
    private readonly clock: ZoneClock,
    private readonly windowSize: WindowSize,
    private readonly intervalMs: number,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
    /** With replicas: whether this replica refreshes on this tick (one of them per interval does). */
    private readonly myTurn: () => Promise<boolean> = () => Promise.resolve(true),
    /** Where the changes a tick finds go (subscriptions listen there). */
    private readonly publish: (change: WindowChange) => void = () => undefined,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.tickInBackground(), this.intervalMs + TICK_MARGIN_MS);
    this.timer.unref();
    this.tickInBackground();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  tick(): Promise<void> {
    return inSpan('cdr background refresh', {}, () => this.refresh());
  }

  /** A tick nobody waits for: what it throws is logged, and the next tick tries again. */
  private tickInBackground(): void {
    void this.tick().catch((error: unknown) =>
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'background refresh failed; will try again'),
    );
  }

  private async refresh(): Promise<void> {
    if (!(await this.myTurn())) return;
    const now = this.now();
    const today = windowsCovering({ from: this.clock.startOf('day', now), to: now + 1 }, this.clock, this.windowSize);
    const before = today.map((window) => this.engine.store.get(window));
    const results = await this.engine.load(today);
    const change = changeBetween(today, before, results);
    if (change && this.primed) this.publish(change);
    this.primed = true;
    const failure = results.find((result) => result instanceof Error);
    if (failure) this.logger.warn({ err: failure.message }, 'background refresh of today\'s windows failed; will try again');
  }
}
