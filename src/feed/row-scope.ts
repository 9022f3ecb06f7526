import { isWhollyIn, rowsIn } from '../domain/columns/rows-in-range.js';
import { filterKey, type CallFilter } from '../domain/filter/call-filter.js';
import { PreparedFilter } from '../domain/filter/prepared-filter.js';
import { Directory } from '../domain/summary/directory.js';
import type { WindowSummary } from '../domain/summary/window-summary.js';
import type { SummaryUnit, WindowView } from '../domain/summary/window-view.js';
import { inTurn } from '../domain/util/yielding.js';
import type { TimeRange } from '../domain/time/time-range.js';
import { BoundedMap } from '../domain/util/bounded-map.js';
import type { RangeFreshness } from './range-freshness.js';
import type { UnreadableRow } from './window-store.js';

/**
 * The rows one principal may read: its campaigns and skills (null or absent: all). It is a filter of
 * two lists, AND-ed into every filter read through a feed (narrowFilter), so a scoped report stays
 * on the summary path: a scope is one more list filter on dimensions the summaries are kept by.
 */
export type RowScope = Pick<CallFilter, 'campaignIds' | 'skillIds'>;

export const everyRow = (scope: RowScope): boolean => scope.campaignIds == null && scope.skillIds == null;

/** The windows of a settled day, for what a scope sees of it. */
export type DayReader = (day: TimeRange) => readonly WindowView[] | Promise<readonly WindowView[]>;

/** Scopes whose directories one window keeps at most: a handful of principals' scopes at once. */
const SCOPES_PER_WINDOW = 16;

/**
 * Who appears in the in-scope calls of a range, for the lists, lookups and names a scoped principal
 * reads: as rangeDirectory, merged from each window's (or rolled-up day's) own directory, here one of
 * its calls in the scope, found by scanning them once and then kept beside the window or the day's
 * roll-up (it goes when they leave the cache). Names are those of the in-scope calls.
 *
 * A day read as its roll-up alone (no legs: what a scoped report reads, as an unrestricted one does)
 * has its windows read (`readDay`) for this the first time its scope asks: a day at a time, each in a
 * turn of the event loop (domain/util/yielding.ts) and stopped with the operation (`signal`), so that a
 * year's never holds the loop nor more than a day of legs. Afterwards the day's answer is kept beside
 * its roll-up, and the directory comes without waiting.
 */
export class ScopedDirectories {
  private readonly byWindow = new WeakMap<WindowSummary, BoundedMap<string, Directory>>();

  of(units: readonly SummaryUnit[], range: TimeRange, scope: RowScope, readDay: DayReader, signal?: AbortSignal): Directory | Promise<Directory> {
    const key = filterKey(scope);
    const filter = PreparedFilter.of(scope);
    /** What each day read without its windows answers, where it is known. */
    const days = new Map<WindowSummary, Directory | undefined>();
    for (const unit of units) if (!unit.parts) days.set(unit.summary, this.byWindow.get(unit.summary)?.get(key));
    const unknown = units.filter((unit) => !unit.parts && days.get(unit.summary) === undefined);
    if (unknown.length === 0) return this.merged(units, range, key, filter, days);
    return (async () => {
      for (const unit of unknown) {
        if (!isWhollyIn(unit, range)) throw new Error('a day roll-up without its windows reaches past the range');
        signal?.throwIfAborted();
        const views = await inTurn(() => readDay(unit.window));
        days.set(unit.summary, await inTurn(() => this.ofWindows(unit.summary, views, key, filter)));
      }
      return this.merged(units, range, key, filter, days);
    })();
  }

  /** Keeps the scoped directory of the windows a summary speaks for, read for something else (ScopedCounts): each day's windows are then read once for both. */
  noteWindows(summary: WindowSummary, views: readonly WindowView[], scope: RowScope): void {
    this.ofWindows(summary, views, filterKey(scope), PreparedFilter.of(scope));
  }

  /** The scoped directory of `units`, given what each roll-up among them without its windows answers. */
  private merged(units: readonly SummaryUnit[], range: TimeRange, key: string, filter: PreparedFilter, days: ReadonlyMap<WindowSummary, Directory | undefined>): Directory {
    const directory = new Directory();
    for (const unit of units) {
      const { parts } = unit;
      if (!parts) {
        directory.merge(days.get(unit.summary)!);
        continue;
      }
      if (isWhollyIn(unit, range)) {
        directory.merge(this.ofWindows(unit.summary, parts, key, filter));
        continue;
      }
      for (const view of parts) {
        if (isWhollyIn(view, range)) directory.merge(this.ofWindows(view.summary, [view], key, filter));
        else addRows(directory, view, rowsIn(view, range), filter);
      }
    }
    return directory;
  }

  /** The scoped directory of the windows a summary speaks for, kept with it. */
  private ofWindows(summary: WindowSummary, views: readonly WindowView[], key: string, filter: PreparedFilter): Directory {
    let kept = this.byWindow.get(summary);
    if (!kept) this.byWindow.set(summary, (kept = new BoundedMap(SCOPES_PER_WINDOW)));
    let directory = kept.get(key);
    if (!directory) {
      directory = new Directory();
      for (const view of views) addRows(directory, view, [0, view.columns.length], filter);
      kept.set(key, directory);
    }
    return directory;
  }
}

/** Who appears in the in-scope calls of `views` within `range`, found by scanning them (a worker's windows, kept nowhere). */
export function scopedDirectory(views: readonly WindowView[], range: TimeRange, scope: RowScope): Directory {
  const directory = new Directory();
  const filter = PreparedFilter.of(scope);
  for (const view of views) addRows(directory, view, rowsIn(view, range), filter);
  return directory;
}

/** The rows of `view` in [first, end) that pass `filter`, added in date order. */
function addRows(directory: Directory, view: WindowView, [first, end]: [number, number], filter: PreparedFilter): void {
  for (const row of filter.selector().select(view.columns, first, end)) directory.addRow(view.columns, row);
}

/**
 * The unreadable rows a scope may see: those whose raw `campaign_id` and `skill_id` (as wolkvox sent
 * them) are in it. A row whose campaign or skill cannot be read is nobody's to see but an unrestricted
 * principal's: it could be any campaign's.
 */
export function scopedUnreadable(rows: readonly UnreadableRow[], scope: RowScope): UnreadableRow[] {
  const campaigns = scope.campaignIds == null ? null : new Set(scope.campaignIds);
  const skills = scope.skillIds == null ? null : new Set(scope.skillIds);
  const admits = (allowed: ReadonlySet<string> | null, value: unknown) => allowed === null || (typeof value === 'string' && allowed.has(value.trim()));
  return rows.filter(({ row }) => {
    const raw = typeof row === 'object' && row !== null ? (row as Record<string, unknown>) : {};
    return admits(campaigns, raw.campaign_id) && admits(skills, raw.skill_id);
  });
}

/**
 * Freshness as a scope sees it: a window is missing rows for it only when one of its own unreadable
 * rows came with the window's answer (an out-of-scope unreadable row is no gap in its calls).
 */
export function scopedFreshness(freshness: RangeFreshness, unreadable: readonly UnreadableRow[]): RangeFreshness {
  const missing = freshness.missing.filter(({ window }) => unreadable.some((row) => row.window.from < window.to && row.window.to > window.from));
  if (missing.length === freshness.missing.length) return freshness;
  return { ...freshness, missing, complete: freshness.open.length + freshness.stale.length + missing.length === 0 };
}
