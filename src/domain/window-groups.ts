import type { DimensionCodes } from './dimensions.js';
import { partitionPoint } from './partition-point.js';
import type { RowSelector } from './row-selection.js';
import type { TimeRange } from './time-range.js';
import { rowsIn, type WindowView } from './window-view.js';
import type { Bucket, ZoneClock } from './zone-clock.js';

/** The local groups of one window's selected rows: those that share a bucket start and a code in each dimension. */
export interface WindowGroups {
  readonly count: number;
  /** Each selected row's group, by the row's position in the selection. */
  readonly groupOf: Uint32Array;
  /** Each group's bucket start (undefined when no time dimension is asked). */
  readonly starts: readonly (number | undefined)[];
  /** Each group's code in each dimension. */
  readonly codes: readonly (readonly number[])[];
}

/** Key spaces up to this size are looked up in an array; beyond (many dimensions, many values) in a Map. */
const TABLE_KEYS = 1 << 16;

/**
 * Numbers the local groups of a window's selected rows. A row's key is its codes in mixed radix,
 * after its bucket's rank in the window: a number, looked up in an array, never text built per row
 * (a month's scan meets hundreds of thousands of rows). Keeps its buffers from window to window.
 */
export class WindowGrouper {
  private groupOf = new Uint32Array(0);
  /** By key: its group, or −1. Entries are set back to −1 after each window. */
  private table = new Int32Array(0);

  group(rows: Uint32Array, date: Float64Array, codes: readonly DimensionCodes[], bucket: Bucket | null, clock: ZoneClock): WindowGroups {
    if (this.groupOf.length < rows.length) this.groupOf = new Uint32Array(rows.length);
    const runs = bucket ? bucketRuns(rows, date, bucket, clock) : [{ end: rows.length, start: undefined }];
    const combinations = codes.reduce((product, dimension) => product * dimension.distinct, 1);
    const groups = { count: 0, groupOf: this.groupOf, starts: [] as (number | undefined)[], codes: [] as number[][] };
    const open = (start: number | undefined, row: number): number => {
      groups.starts.push(start);
      groups.codes.push(codes.map((dimension) => dimension.codes[row]!));
      return groups.count++;
    };
    if (runs.length * combinations <= TABLE_KEYS) this.groupByTable(rows, codes, runs, combinations, open);
    else groupByMap(rows, codes, runs, this.groupOf, open);
    return groups;
  }

  private groupByTable(rows: Uint32Array, codes: readonly DimensionCodes[], runs: readonly BucketRun[], combinations: number, open: (start: number | undefined, row: number) => number): void {
    const keys = runs.length * combinations;
    if (this.table.length < keys) this.table = new Int32Array(keys).fill(-1);
    const { table, groupOf } = this;
    const used: number[] = [];
    let j = 0;
    runs.forEach(({ end, start }, rank) => {
      for (; j < end; j += 1) {
        const row = rows[j]!;
        let key = 0;
        for (const dimension of codes) key = key * dimension.distinct + dimension.codes[row]!;
        key += rank * combinations;
        let group = table[key]!;
        if (group < 0) {
          table[key] = group = open(start, row);
          used.push(key);
        }
        groupOf[j] = group;
      }
    });
    for (const key of used) table[key] = -1;
  }
}

/** Rows of one bucket: those before position `end` of the selection (after the previous run's end). */
interface BucketRun {
  readonly end: number;
  readonly start: number | undefined;
}

/**
 * The selection cut into runs of one bucket start. Rows are in date order and a bucket start never
 * decreases with the date, so a run ends where a binary search finds the next start: the clock is
 * asked a few times per window, not once per row.
 */
function bucketRuns(rows: Uint32Array, date: Float64Array, bucket: Bucket, clock: ZoneClock): BucketRun[] {
  const runs: BucketRun[] = [];
  const startAt = (j: number) => clock.startOf(bucket, date[rows[j]!]!);
  for (let j = 0; j < rows.length; ) {
    const start = startAt(j);
    const end = startAt(rows.length - 1) === start ? rows.length : j + partitionPoint(rows.length - j, (p) => startAt(j + p) === start);
    runs.push({ end, start });
    j = end;
  }
  return runs;
}

/** The same numbering with keys in a Map: as numbers while every combination fits a double exactly, as text beyond. */
function groupByMap(rows: Uint32Array, codes: readonly DimensionCodes[], runs: readonly BucketRun[], groupOf: Uint32Array, open: (start: number | undefined, row: number) => number): void {
  const combinations = codes.reduce((product, dimension) => product * dimension.distinct, 1);
  const keyOf: (row: number) => number | string =
    combinations > Number.MAX_SAFE_INTEGER
      ? (row) => codes.map((dimension) => dimension.codes[row]!).join('|')
      : (row) => codes.reduce((key, dimension) => key * dimension.distinct + dimension.codes[row]!, 0);
  let j = 0;
  for (const { end, start } of runs) {
    const byKey = new Map<number | string, number>();
    for (; j < end; j += 1) {
      const row = rows[j]!;
      const key = keyOf(row);
      let group = byKey.get(key);
      if (group === undefined) byKey.set(key, (group = open(start, row)));
      groupOf[j] = group;
    }
  }
}

/** Rows of one window that share a bucket start and a code in each dimension. */
export interface LocalGroup {
  readonly start: number | undefined;
  readonly codes: readonly number[];
  readonly rows: number[];
}

/** The rows of `view` in `range` that `selector` keeps, grouped by bucket start and dimension codes, each group's rows its own. */
export function groupRows(
  view: WindowView,
  range: TimeRange,
  selector: RowSelector,
  grouper: WindowGrouper,
  codes: readonly DimensionCodes[],
  bucket: Bucket | null,
  clock: ZoneClock,
): LocalGroup[] {
  const [first, end] = rowsIn(view, range);
  const rows = selector.select(view.columns, first, end);
  const groups = grouper.group(rows, view.columns.date, codes, bucket, clock);
  const local = groups.starts.map((start, g): LocalGroup => ({ start, codes: groups.codes[g]!, rows: [] }));
  for (let j = 0; j < rows.length; j += 1) local[groups.groupOf[j]!]!.rows.push(rows[j]!);
  return local;
}
