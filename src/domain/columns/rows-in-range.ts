import type { CallColumns } from './call-columns.js';
import type { TimeRange } from '../time/time-range.js';
import { partitionPoint } from '../util/partition-point.js';

/**
 * A window's span and its columns: all that clipping it to a range reads. Windows at the edges of a
 * range reach outside it (they are aligned), so every reader of a range's windows clips them here.
 */
export interface WindowColumns {
  readonly window: TimeRange;
  readonly columns: CallColumns;
}

/** The window lies entirely inside `range`, so its summary speaks for the range. */
export function isWhollyIn(view: { readonly window: TimeRange }, range: TimeRange): boolean {
  return view.window.from >= range.from && view.window.to <= range.to;
}

/** Rows of `view` whose instant lies in `range` (all of them when the window is wholly inside), as [first, end). */
export function rowsIn(view: WindowColumns, range: TimeRange): [number, number] {
  if (isWhollyIn(view, range)) return [0, view.columns.length];
  const { date } = view.columns;
  return [lowerBound(date, range.from), lowerBound(date, range.to)];
}

function lowerBound(sorted: Float64Array, value: number): number {
  return partitionPoint(sorted.length, (i) => sorted[i]! < value);
}
