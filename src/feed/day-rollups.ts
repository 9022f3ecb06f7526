import { CATEGORICAL_DIMENSIONS } from '../domain/grouping/dimensions.js';
import type { SummaryUnit } from '../domain/summary/window-view.js';
import { WindowSummary } from '../domain/summary/window-summary.js';
import type { TimeRange } from '../domain/time/time-range.js';
import { windowsCovering } from './windows.js';
import { inTurn } from '../domain/util/yielding.js';
import type { ZoneClock } from '../domain/time/zone-clock.js';
import type { FreshnessPolicy } from './freshness.js';
import type { DayRollup, WindowData, WindowStore } from './window-store.js';

/** Part of a range's windows: a whole local day inside it, or windows that are not one (the range's edges). */
export interface RangeSegment {
  /** The local day, when the segment is one whole day inside the range. */
  readonly day: TimeRange | null;
  /** Its hour windows, worked out when first asked (a year's report from roll-ups never asks). */
  readonly windows: () => readonly TimeRange[];
}

/**
 * Day summaries rolled up from hour windows: a month-long report then merges 30 summaries instead of
 * 720. The roll-ups live in the window store, within its budget; a final one (every window settled) is
 * also stored in the durable tier, so that a long report reads days, not legs (store/rollup-codec.ts).
 */
export class DayRollups {
  constructor(
    private readonly clock: ZoneClock,
    private readonly store: WindowStore,
    private readonly freshness: FreshnessPolicy,
  ) {}

  /** `views` (adjacent, in order) grouped into whole-day units where a day is complete, single windows elsewhere. */
  unitsOf(views: readonly WindowData[]): SummaryUnit[] {
    const units: SummaryUnit[] = [];
    for (let i = 0; i < views.length; ) {
      const dayStart = this.clock.startOf('day', views[i]!.window.from);
      let end = i;
      while (end < views.length && this.clock.startOf('day', views[end]!.window.from) === dayStart) end += 1;
      const day = views.slice(i, end);
      // Complete: it starts at the day's start and its last window ends where the next day starts.
      const last = day.at(-1)!.window.to;
      const complete = day.length > 1 && day[0]!.window.from === dayStart && this.clock.startOf('day', last) === last;
      if (complete) units.push(this.dayUnit(day));
      else units.push(...day.map((view) => ({ window: view.window, summary: view.summary, parts: [view], windows: 1 })));
      i = end;
    }
    return units;
  }

  /** The unit of one complete day's windows; `adopt`: the day's stored roll-up a report already holds, attached to them. */
  dayUnit(day: readonly WindowData[], adopt?: WindowSummary): SummaryUnit {
    const final = day.every((view) => this.freshness.isStable(view.window, view.fetchedAt, view.provisional));
    const window = { from: day[0]!.window.from, to: day.at(-1)!.window.to };
    return { window, summary: this.store.rollup(day, final, adopt), parts: day, windows: day.length };
  }

  /** The final roll-up held for `day` (in memory, or in the durable tier behind it). */
  held(day: TimeRange): DayRollup | undefined {
    return this.store.dayRollup(day);
  }

  /**
   * `range` cut into the whole local days inside it and what is left at its edges, in order. Days are
   * found a day at a time and their hours only when asked: finding the local start of each of a year's
   * 8,760 hours costs the zone's rules a second on a cold process.
   */
  segments(range: TimeRange): RangeSegment[] {
    const segments: RangeSegment[] = [];
    const edge = (from: number, to: number) => {
      const windows = lazily(() => windowsCovering({ from, to }, this.clock, 'hour'));
      const previous = segments.at(-1);
      if (previous?.day === null) {
        const before = previous.windows;
        segments[segments.length - 1] = { day: null, windows: lazily(() => [...before(), ...windows()]) };
      } else segments.push({ day: null, windows });
    };
    for (const day of windowsCovering(range, this.clock, 'day')) {
      if (day.from >= range.from && day.to <= range.to) segments.push({ day, windows: lazily(() => windowsCovering(day, this.clock, 'hour')) });
      else edge(Math.max(day.from, range.from), Math.min(day.to, range.to));
    }
    return segments;
  }
}

/**
 * The final roll-up of a settled day made from its windows apart from the cache (what the history
 * mirror stored), summarized by every dimension as a report's are (CallFeed.rollUp): it is stored, and
 * read for as long as the history is kept. The summary is no window's in the cache: nothing detaches it meanwhile.
 */
export async function rollupOfDay(day: readonly WindowData[]): Promise<DayRollup> {
  const summary = WindowSummary.merged(day.map((data) => data.summary));
  // A dimension per turn of the event loop (yielding.ts): operations are not held behind background work.
  for (const dimension of CATEGORICAL_DIMENSIONS) await inTurn(() => summary.by(dimension));
  return {
    window: { from: day[0]!.window.from, to: day.at(-1)!.window.to },
    windows: day.length,
    fetchedAt: Math.min(...day.map((data) => data.fetchedAt)),
    unreadable: day.flatMap((data) => data.unreadable),
    summary,
  };
}

function lazily<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
