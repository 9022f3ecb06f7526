import type { FreshnessPolicy } from './freshness.js';
import type { WindowData } from './window-store.js';
import type { TimeRange } from '../domain/time/time-range.js';

/** How fresh the windows behind one answer are, so that a dashboard can say "as of 10:35, today still open". */
export interface RangeFreshness {
  /** The oldest fetch among the windows used that had begun; null when none had. */
  readonly asOf: number | null;
  /** Every window is final: settled when fetched, read whole, and none served past its freshness. */
  readonly complete: boolean;
  /** Windows that were not settled when fetched (today's, or not begun yet): their calls may still grow. */
  readonly open: readonly WindowFreshness[];
  /** Windows served from an out-of-date copy because wolkvox could not be asked again (down, circuit open). */
  readonly stale: readonly WindowFreshness[];
  /** Windows with rows that could not be read, to be asked for again (freshness.ts): some of their calls are missing. */
  readonly missing: readonly WindowFreshness[];
}

export interface WindowFreshness {
  readonly window: TimeRange;
  /** When the copy used was fetched; null for a window that had not begun (nothing to fetch). */
  readonly fetchedAt: number | null;
}

/**
 * Classifies the windows of an answer by the same policy the engine serves them by (`finalDays`: the
 * days answered by stored roll-ups instead of their windows). A window that
 * could not be had at all is not here: it fails the field with UPSTREAM_UNAVAILABLE instead.
 */
export function rangeFreshness(windows: readonly Pick<WindowData, 'window' | 'fetchedAt' | 'provisional'>[], policy: FreshnessPolicy, now: number, finalDays: readonly Pick<WindowData, 'fetchedAt'>[] = []): RangeFreshness {
  const open: WindowFreshness[] = [];
  const stale: WindowFreshness[] = [];
  const missing: WindowFreshness[] = [];
  // Days answered by their final roll-ups (every window settled and whole): they count by their oldest fetch only.
  let asOf: number | null = finalDays.length === 0 ? null : Math.min(...finalDays.map((day) => day.fetchedAt));
  for (const data of windows) {
    const { window, fetchedAt, provisional } = data;
    if (window.from >= now) {
      open.push({ window, fetchedAt: null });
      continue;
    }
    asOf = asOf === null ? fetchedAt : Math.min(asOf, fetchedAt);
    const entry = { window, fetchedAt };
    if (provisional) missing.push(entry);
    if (!policy.isFresh(window, fetchedAt, now, provisional)) stale.push(entry);
    else if (!policy.isStable(window, fetchedAt, provisional) && !provisional) open.push(entry);
  }
  return { asOf, complete: open.length + stale.length + missing.length === 0, open, stale, missing };
}
