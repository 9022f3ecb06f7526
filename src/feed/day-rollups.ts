import { unitOf, type SummaryUnit, type WindowView } from '../domain/summary/window-view.js';
import type { ZoneClock } from '../domain/time/zone-clock.js';
import type { WindowStore } from './window-store.js';

/**
 * Day summaries rolled up from hour windows: a month-long report then merges 30 summaries instead of
 * 720. The roll-ups live in the window store, within its budget, and go when any of their hours does.
 */
export class DayRollups {
  constructor(
    private readonly clock: ZoneClock,
    private readonly store: WindowStore,
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
      if (complete) units.push({ window: { from: dayStart, to: last }, summary: this.store.rollup(day), parts: day });
      else units.push(...day.map(unitOf));
      i = end;
    }
    return units;
  }
}
