import type { CallColumns } from './call-columns.js';
import type { TimeRange } from './time-range.js';
import type { WindowSummary } from './window-summary.js';
import { partitionPoint } from './partition-point.js';

/** One cached window as the domain reads it: its calls by column and their summary. */
export interface WindowView {
  readonly window: TimeRange;
  readonly columns: CallColumns;
  readonly summary: WindowSummary;
}

/** The window lies entirely inside `range`, so its summary speaks for the range. */
export function isWhollyIn(view: Pick<WindowView, 'window'>, range: TimeRange): boolean {
  return view.window.from >= range.from && view.window.to <= range.to;
}

/** Rows of `view` whose instant lies in `range` (all of them when the window is wholly inside), as [first, end). */
export function rowsIn(view: WindowView, range: TimeRange): [number, number] {
  if (isWhollyIn(view, range)) return [0, view.columns.length];
  const { date } = view.columns;
  return [lowerBound(date, range.from), lowerBound(date, range.to)];
}

function lowerBound(sorted: Float64Array, value: number): number {
  return partitionPoint(sorted.length, (i) => sorted[i]! < value);
}

/**
 * Adjacent windows taken together for their totals: a day rolled up from its hour windows, or a
 * single window. A report merges a unit's summary when it can and falls back to the unit's parts.
 */
export interface SummaryUnit {
  readonly window: TimeRange;
  readonly summary: WindowSummary;
  readonly parts: readonly WindowView[];
}

export const unitOf = (view: WindowView): SummaryUnit => ({ window: view.window, summary: view.summary, parts: [view] });
