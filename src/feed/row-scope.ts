import { isWhollyIn, rowsIn } from '../domain/columns/rows-in-range.js';
import { filterKey, type CallFilter } from '../domain/filter/call-filter.js';
import { PreparedFilter } from '../domain/filter/prepared-filter.js';
import { Directory } from '../domain/summary/directory.js';
import type { WindowSummary } from '../domain/summary/window-summary.js';
import type { SummaryUnit, WindowView } from '../domain/summary/window-view.js';
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

/** Scopes whose directories one window keeps at most: a handful of principals' scopes at once. */
const SCOPES_PER_WINDOW = 16;

/**
 * Who appears in the in-scope calls of a range, for the lists, lookups and names a scoped principal
 * reads: as rangeDirectory, merged from each window's (or rolled-up day's) own directory, here one of
 * its calls in the scope, found by scanning them once and then kept beside the window (it goes when
 * the window leaves the cache). Names are those of the in-scope calls.
 */
export class ScopedDirectories {
  private readonly byWindow = new WeakMap<WindowSummary, BoundedMap<string, Directory>>();

  of(units: readonly SummaryUnit[], range: TimeRange, scope: RowScope): Directory {
    const key = filterKey(scope);
    const filter = PreparedFilter.of(scope);
    const directory = new Directory();
    for (const unit of units) {
      const { parts } = unit;
      // Never a roll-up read without its windows: a scoped feed reads windows (CallFeed.summariesIn).
      if (!parts) throw new Error('a scoped directory of a day roll-up without its windows');
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
