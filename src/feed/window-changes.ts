import type { TimeRange } from '../domain/time/time-range.js';
import type { WindowData } from './window-store.js';

/**
 * What one background refresh found: the windows whose rows changed, and the ids of the legs that are new
 * in them. Plain JSON (instants and ids, never rows), so that it travels to every replica through Redis;
 * each replica reads the rows from its own tiers.
 */
export interface WindowChange {
  readonly windows: readonly TimeRange[];
  readonly addedCallIds: readonly string[];
}

/**
 * The change between the copies of `windows` held before a refresh and those it returned: a window
 * changed when a leg appeared or went; a window held for the first time brings all its legs. Windows
 * the refresh could not load (errors) and copies it left as they were are no change. Null when nothing changed.
 */
export function changeBetween(windows: readonly TimeRange[], before: readonly (WindowData | undefined)[], after: readonly (WindowData | Error)[]): WindowChange | null {
  const changed: TimeRange[] = [];
  const addedCallIds: string[] = [];
  windows.forEach((window, i) => {
    const old = before[i];
    const now = after[i];
    if (now === undefined || now instanceof Error || now === old) return;
    const known = new Set(old ? idsOf(old) : []);
    const current = idsOf(now);
    const added = current.filter((id) => !known.has(id));
    if (added.length === 0 && current.length === known.size) return;
    changed.push({ from: window.from, to: window.to });
    addedCallIds.push(...added);
  });
  return changed.length === 0 ? null : { windows: changed, addedCallIds };
}

function idsOf(data: WindowData): string[] {
  const ids: string[] = [];
  for (let i = 0; i < data.columns.length; i += 1) ids.push(data.columns.id(i));
  return ids;
}

/** Whether any window of a change overlaps `range` (half-open). */
export function touches(change: WindowChange, range: TimeRange): boolean {
  return change.windows.some((window) => window.from < range.to && window.to > range.from);
}

/** The smallest range that holds every window of a change. */
export function spanOf(change: WindowChange): TimeRange {
  return { from: Math.min(...change.windows.map((w) => w.from)), to: Math.max(...change.windows.map((w) => w.to)) };
}
