import { CATEGORICAL_DIMENSIONS } from '../domain/grouping/dimensions.js';
import type { SummaryUnit } from '../domain/summary/window-view.js';
import { DAY_MS, type TimeRange } from '../domain/time/time-range.js';
import { inTurn } from '../domain/util/yielding.js';
import type { DayRollups, RangeSegment } from './day-rollups.js';
import type { WindowEngine } from './window-engine.js';
import type { DayRollup, WindowData } from './window-store.js';

/**
 * The roll-ups of settled days that have none yet, made from their windows a chunk at a time (the
 * days one request may span, so that what wolkvox is asked for is coalesced as callsIn would). A final
 * one is summarized by every dimension at once (it is stored, and read for as long as the history is
 * kept) and joins `found`, its windows let go; a day whose windows are not all final is returned as
 * a unit with them.
 */
export async function rollUpChunks(
  days: readonly RangeSegment[],
  found: Map<number, DayRollup>,
  shared: { readonly engine: WindowEngine; readonly rollups: DayRollups },
  /** Straight from the engine, not the operation's loader, whose cache would keep every chunk's legs to its end. */
  loadViews: (windows: readonly TimeRange[]) => Promise<WindowData[]>,
): Promise<Map<number, SummaryUnit>> {
  const { engine, rollups } = shared;
  const made = new Map<number, SummaryUnit>();
  const chunkDays = Math.max(1, Math.floor(engine.options.maxRequestSpanMs / DAY_MS));
  const chunks: (readonly RangeSegment[])[] = [];
  for (let i = 0; i < days.length; i += chunkDays) chunks.push(days.slice(i, i + chunkDays));
  const loading = (chunk: readonly RangeSegment[]) => {
    const views = loadViews(chunk.flatMap((segment) => segment.windows()));
    // Awaited a chunk later; a failure meanwhile (the allowance spent) is not unhandled.
    views.catch(() => undefined);
    return views;
  };
  let current = chunks.length > 0 ? loading(chunks[0]!) : null;
  for (const [c, chunk] of chunks.entries()) {
    const following = chunks[c + 1];
    // The next chunk is asked for while this one is fetched and summarized, so that the operation
    // keeps a request queued for the token and background work (the history mirror) takes none in
    // between; once the density is known, so that it is planned (and refused, past the allowance) from it.
    const ahead = following && engine.informed ? loading(following) : null;
    const views = await current!;
    current = ahead ?? (following ? loading(following) : null);
    let next = 0;
    for (const segment of chunk) {
      const day = views.slice(next, (next += segment.windows().length));
      // A day in a turn of the event loop (yielding.ts): summarizing it by every dimension is tens of
      // milliseconds at 20,000 legs, and nothing else may touch the cache (and evict its windows) meanwhile.
      await inTurn(() => {
        const unit = rollups.dayUnit(day);
        if (!engine.store.dayRollup(unit.window)) return void made.set(segment.day!.from, unit);
        for (const dimension of CATEGORICAL_DIMENSIONS) unit.summary.by(dimension);
        found.set(segment.day!.from, rollupOf(unit));
      });
    }
  }
  return made;
}

/** What a freshly made roll-up unit says of its day, as a held roll-up would. */
function rollupOf(unit: SummaryUnit): DayRollup {
  const parts = unit.parts as readonly WindowData[];
  return {
    window: unit.window,
    windows: unit.windows,
    fetchedAt: Math.min(...parts.map((part) => part.fetchedAt)),
    unreadable: parts.flatMap((part) => part.unreadable),
    summary: unit.summary,
  };
}
