import { WindowSummary } from '../domain/window-summary.js';
import { unitOf, type SummaryUnit, type WindowView } from '../domain/window-view.js';
import type { ZoneClock } from '../domain/zone-clock.js';

/**
 * Day summaries rolled up from hour windows, shared by all requests: a month-long report then merges
 * 30 summaries instead of 720. A roll-up is reused while the day's windows are the very same cached
 * objects; a refreshed window is a new object, and the day is rolled up again.
 */
export class DayRollups {
  private readonly days = new Map<number, SummaryUnit>();

  constructor(
    private readonly clock: ZoneClock,
    private readonly maxDays = 4000,
  ) {}

  /** `views` (adjacent, in order) grouped into whole-day units where a day is complete, single windows elsewhere. */
  unitsOf(views: readonly WindowView[]): SummaryUnit[] {
    const units: SummaryUnit[] = [];
    for (let i = 0; i < views.length; ) {
      const dayStart = this.clock.startOf('day', views[i]!.window.from);
      let end = i;
      while (end < views.length && this.clock.startOf('day', views[end]!.window.from) === dayStart) end += 1;
      const day = views.slice(i, end);
      // Complete: it starts at the day's start and its last window ends where the next day starts.
      const last = day.at(-1)!.window.to;
      const complete = day.length > 1 && day[0]!.window.from === dayStart && this.clock.startOf('day', last) === last;
      if (complete) units.push(this.rollup(dayStart, day));
      else units.push(...day.map(unitOf));
      i = end;
    }
    return units;
  }

  private rollup(dayStart: number, parts: readonly WindowView[]): SummaryUnit {
    const cached = this.days.get(dayStart);
    if (cached && cached.parts.length === parts.length && cached.parts.every((part, i) => part === parts[i])) return cached;
    if (this.days.size >= this.maxDays) this.days.delete(this.days.keys().next().value!);
    const unit = {
      window: { from: parts[0]!.window.from, to: parts.at(-1)!.window.to },
      summary: WindowSummary.merged(parts.map((part) => part.summary)),
      parts,
    };
    this.days.set(dayStart, unit);
    return unit;
  }
}
