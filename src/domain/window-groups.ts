import type { DimensionCodes } from './dimensions.js';
import type { TimeRange } from './time-range.js';
import { rowsIn, type WindowView } from './window-view.js';
import type { Bucket, ZoneClock } from './zone-clock.js';

/** Rows of one window that share a bucket start and a code in each dimension. */
export interface LocalGroup {
  readonly start: number | undefined;
  readonly codes: readonly number[];
  readonly rows: number[];
}

/**
 * The rows of `view` in `range` that `matches` keeps, grouped by bucket start and dimension codes.
 * Keys are numbers (the codes in mixed radix), never text built per row: a month's scan meets
 * hundreds of thousands of rows, and per-row strings and arrays were most of its time.
 */
export function groupRows(
  view: WindowView,
  range: TimeRange,
  matches: (i: number) => boolean,
  codes: readonly DimensionCodes[],
  bucket: Bucket | null,
  clock: ZoneClock,
): LocalGroup[] {
  const { columns } = view;
  const byStart = new Map<number | undefined, Map<number | string, LocalGroup>>();
  const keyOf = rowKey(codes);
  const [first, end] = rowsIn(view, range);
  for (let i = first; i < end; i += 1) {
    if (!matches(i)) continue;
    const start = bucket ? clock.startOf(bucket, columns.date[i]!) : undefined;
    const key = keyOf(i);
    let groups = byStart.get(start);
    if (!groups) byStart.set(start, (groups = new Map()));
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { start, codes: codes.map((dimension) => dimension.codes[i]!), rows: [] }));
    group.rows.push(i);
  }
  return [...byStart.values()].flatMap((groups) => [...groups.values()]);
}

/** A row's codes as one number in mixed radix while every combination fits a double exactly; as text beyond (many dimensions). */
function rowKey(codes: readonly DimensionCodes[]): (i: number) => number | string {
  const combinations = codes.reduce((product, dimension) => product * dimension.distinct, 1);
  if (combinations > Number.MAX_SAFE_INTEGER) return (i) => codes.map((dimension) => dimension.codes[i]!).join('|');
  return (i) => {
    let key = 0;
    for (const dimension of codes) key = key * dimension.distinct + dimension.codes[i]!;
    return key;
  };
}
