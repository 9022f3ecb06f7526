import DataLoader from 'dataloader';
import { Directory } from '../domain/directory.js';
import type { TimeRange } from '../domain/time-range.js';
import { unitOf, type SummaryUnit, type WindowView } from '../domain/window-view.js';
import { DayRollups } from './day-rollups.js';
import type { ZoneClock } from '../domain/zone-clock.js';
import { rangeFreshness, type RangeFreshness } from './range-freshness.js';
import { RequestAllowance } from './request-allowance.js';
import type { WindowEngine } from './window-engine.js';
import type { UnreadableRow, WindowData } from './window-store.js';
import { windowKey, windowsCovering, type Window, type WindowSize } from './windows.js';

/** The windows that cover a range, in order, and every row of theirs that could not be read. */
export interface CallSet {
  readonly range: TimeRange;
  /** Edge windows may reach outside `range`: readers keep to it (domain/window-view.ts). */
  readonly views: readonly WindowView[];
  /** The same windows with whole days rolled up, for reports. */
  readonly units: readonly SummaryUnit[];
  readonly unreadable: readonly UnreadableRow[];
  /** Who appears in the range, worked out once per set however many fields ask (names, lists, lookups). */
  directory(): Directory;
  /** How fresh its windows are (as of loading them). */
  readonly freshness: RangeFreshness;
}

/** What every operation's feed shares: the engine, the zone, the window size and the day roll-ups. */
export interface SharedFeed {
  readonly engine: WindowEngine;
  readonly clock: ZoneClock;
  readonly windowSize: WindowSize;
  readonly rollups: DayRollups;
  /** Upstream requests one operation may cause. */
  readonly maxRequestsPerOperation: number;
  /** The aligned windows covering a range; remembered, since dashboards ask the same ranges again and again. */
  windowsOf(range: TimeRange): readonly Window[];
}

/** Windows remembered over all ranges (about 40 bytes each): a quarter of hours is 2,208. */
const REMEMBERED_WINDOWS = 25_000;

export function sharedFeed(engine: WindowEngine, clock: ZoneClock, windowSize: WindowSize, maxRequestsPerOperation = 20): SharedFeed {
  const coverings = new Map<string, readonly Window[]>();
  let remembered = 0;
  return {
    engine,
    clock,
    windowSize,
    maxRequestsPerOperation,
    rollups: new DayRollups(clock, engine.store),
    windowsOf: (range) => {
      const key = `${range.from}:${range.to}`;
      let windows = coverings.get(key);
      if (!windows) {
        windows = windowsCovering(range, clock, windowSize);
        for (const [oldest, covering] of coverings) {
          if (remembered + windows.length <= REMEMBERED_WINDOWS) break;
          coverings.delete(oldest);
          remembered -= covering.length;
        }
        coverings.set(key, windows);
        remembered += windows.length;
      }
      return windows;
    },
  };
}

/** What resolvers read rows through: every call of a range. */
export interface RangeFeed {
  callsIn(range: TimeRange): Promise<CallSet>;
}

/**
 * The rows behind one GraphQL operation. Resolvers ask for ranges; the feed turns each into aligned
 * windows and asks a per-operation DataLoader for them, so that all the windows the resolvers of one
 * tick need reach the engine as one batch (which it coalesces into few upstream requests).
 */
export class CallFeed implements RangeFeed {
  private readonly loader: DataLoader<Window, WindowData, number>;
  private readonly sets = new Map<string, Promise<CallSet>>();

  constructor(private readonly shared: SharedFeed) {
    const allowance = new RequestAllowance(shared.maxRequestsPerOperation);
    this.loader = new DataLoader((windows) => shared.engine.load(windows, allowance), { cacheKeyFn: windowKey });
  }

  callsIn(range: TimeRange): Promise<CallSet> {
    const key = `${range.from}:${range.to}`;
    let set = this.sets.get(key);
    if (!set) {
      set = this.load(range);
      this.sets.set(key, set);
    }
    return set;
  }

  private async load(range: TimeRange): Promise<CallSet> {
    const { engine, windowSize, rollups } = this.shared;
    const needed = this.shared.windowsOf(range);
    const loaded = engine.cachedFresh(needed) ?? (await this.loader.loadMany(needed));
    const failure = loaded.find((data): data is Error => data instanceof Error);
    if (failure) throw failure;
    const windows = loaded as WindowData[];
    const units = windowSize === 'hour' ? rollups.unitsOf(windows) : windows.map(unitOf);
    let directory: Directory | undefined;
    const { freshness, now } = engine.options;
    return {
      freshness: rangeFreshness(windows, freshness, (now ?? Date.now)()),
      range,
      views: windows,
      units,
      unreadable: windows.flatMap((data) => data.unreadable),
      directory: () => (directory ??= Directory.of(units, range)),
    };
  }
}
