import DataLoader from 'dataloader';
import type { TimeRange } from '../domain/time-range.js';
import type { WindowView } from '../domain/window-view.js';
import type { ZoneClock } from '../domain/zone-clock.js';
import type { WindowEngine } from './window-engine.js';
import type { UnreadableRow, WindowData } from './window-store.js';
import { windowKey, windowsCovering, type Window, type WindowSize } from './windows.js';

/** The windows that cover a range, in order, and every row of theirs that could not be read. */
export interface CallSet {
  readonly range: TimeRange;
  /** Edge windows may reach outside `range`: readers keep to it (domain/window-view.ts). */
  readonly views: readonly WindowView[];
  readonly unreadable: readonly UnreadableRow[];
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
  private readonly loader: DataLoader<Window, WindowData, string>;
  private readonly sets = new Map<string, Promise<CallSet>>();

  constructor(
    engine: WindowEngine,
    private readonly clock: ZoneClock,
    private readonly windowSize: WindowSize,
  ) {
    this.loader = new DataLoader((windows) => engine.load(windows), { cacheKeyFn: windowKey });
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
    const loaded = await this.loader.loadMany(windowsCovering(range, this.clock, this.windowSize));
    const failure = loaded.find((data): data is Error => data instanceof Error);
    if (failure) throw failure;
    const windows = loaded as WindowData[];
    return { range, views: windows, unreadable: windows.flatMap((data) => data.unreadable) };
  }
}
