import type { DimensionCodes } from './dimensions.js';
import { partitionPoint } from '../util/partition-point.js';
import type { Bucket, ZoneClock } from '../time/zone-clock.js';

/**
 * The local groups of one window's selected rows (rows that share a bucket start and a code in each
 * dimension), with the rows laid out group after group: group g's rows are `rows[offsets[g]..offsets[g + 1])`,
 * ascending. A scan then adds up each group in a tight loop of its own.
 */
export interface WindowGroups {
  readonly count: number;
  readonly rows: Uint32Array;
  readonly offsets: Uint32Array;
  /** Each group's bucket start (undefined when no time dimension is asked). */
  readonly starts: readonly (number | undefined)[];
  /** Group g's code in dimension d, at g × dimensions + d. */
  readonly codes: readonly number[];
}

/** Key spaces up to this size are looked up in an array; beyond (many dimensions, many values) in a Map. */
const TABLE_KEYS = 1 << 16;

/**
 * Numbers the local groups of a window's selected rows and lays the rows out by group (a counting
 * sort). A row's key is its codes in mixed radix after its bucket's rank in the window: a number,
 * looked up in an array, never text built per row. Keeps its buffers from window to window (one
 * grouper per scan), so a window costs no allocation but its groups' notes.
 */
export class WindowGrouper implements WindowGroups {
  count = 0;
  rows = new Uint32Array(0);
  offsets = new Uint32Array(1);
  readonly starts: (number | undefined)[] = [];
  readonly codes: number[] = [];
  /** By position in the selection: the row's group. */
  private groupOf = new Uint32Array(0);
  /** By key: its group, or −1. Entries are set back to −1 after each window. */
  private table = new Int32Array(0);
  private readonly used: number[] = [];
  /** Where each bucket's rows end in the selection, and its start. */
  private readonly runEnds: number[] = [];
  private readonly runStarts: (number | undefined)[] = [];

  group(selection: Uint32Array, date: Float64Array, codes: readonly DimensionCodes[], bucket: Bucket | null, clock: ZoneClock): WindowGroups {
    this.findRuns(selection, date, bucket, clock);
    return this.number(selection, codes);
  }

  /** The same without time: rows grouped by their codes alone (a window summary's tables). */
  groupByCodes(selection: Uint32Array, codes: readonly DimensionCodes[]): WindowGroups {
    this.oneRun(selection.length);
    return this.number(selection, codes);
  }

  /** One run of every selected row, with no bucket start. */
  private oneRun(rows: number): void {
    this.runEnds.length = 0;
    this.runStarts.length = 0;
    this.runEnds.push(rows);
    this.runStarts.push(undefined);
  }

  /** Numbers the groups of the runs found, and lays the rows out by group. */
  private number(selection: Uint32Array, codes: readonly DimensionCodes[]): WindowGroups {
    const n = selection.length;
    if (this.groupOf.length < n) {
      this.groupOf = new Uint32Array(n);
      this.rows = new Uint32Array(n);
    }
    this.count = 0;
    this.starts.length = 0;
    this.codes.length = 0;
    const combinations = codes.reduce((product, dimension) => product * dimension.distinct, 1);
    if (this.runEnds.length * combinations <= TABLE_KEYS) this.numberByTable(selection, codes, combinations);
    else this.numberByMap(selection, codes);
    this.layOut(selection);
    return this;
  }

  private findRuns(selection: Uint32Array, date: Float64Array, bucket: Bucket | null, clock: ZoneClock): void {
    if (!bucket) {
      this.oneRun(selection.length);
      return;
    }
    this.runEnds.length = 0;
    this.runStarts.length = 0;
    // Rows are in date order and a bucket start never decreases with the date: a run ends where a
    // binary search finds the next start, so the clock is asked a few times per window, not per row.
    const startAt = (j: number) => clock.startOf(bucket, date[selection[j]!]!);
    const n = selection.length;
    for (let j = 0; j < n; ) {
      const start = startAt(j);
      const end = startAt(n - 1) === start ? n : j + partitionPoint(n - j, (p) => startAt(j + p) === start);
      this.runEnds.push(end);
      this.runStarts.push(start);
      j = end;
    }
  }

  private numberByTable(selection: Uint32Array, codes: readonly DimensionCodes[], combinations: number): void {
    const keys = this.runEnds.length * combinations;
    if (this.table.length < keys) this.table = new Int32Array(keys).fill(-1);
    const { table, groupOf, used } = this;
    const [first, second] = codes;
    let j = 0;
    for (let run = 0; run < this.runEnds.length; run += 1) {
      const base = run * combinations;
      const end = this.runEnds[run]!;
      for (; j < end; j += 1) {
        const row = selection[j]!;
        // One and two dimensions, the common reports, without a loop over dimensions per row.
        const key =
          codes.length === 0 ? base
          : codes.length === 1 ? base + first!.codes[row]!
          : codes.length === 2 ? base + first!.codes[row]! * second!.distinct + second!.codes[row]!
          : base + mixedRadix(codes, row);
        let group = table[key]!;
        if (group < 0) {
          table[key] = group = this.open(this.runStarts[run], codes, row);
          used.push(key);
        }
        groupOf[j] = group;
      }
    }
    for (const key of used) table[key] = -1;
    used.length = 0;
  }

  /** The same numbering with keys in a Map: as numbers while every combination fits a double exactly, as text beyond. */
  private numberByMap(selection: Uint32Array, codes: readonly DimensionCodes[]): void {
    const combinations = codes.reduce((product, dimension) => product * dimension.distinct, 1);
    const exact = combinations <= Number.MAX_SAFE_INTEGER;
    let j = 0;
    for (let run = 0; run < this.runEnds.length; run += 1) {
      const byKey = new Map<number | string, number>();
      for (const end = this.runEnds[run]!; j < end; j += 1) {
        const row = selection[j]!;
        const key = exact ? mixedRadix(codes, row) : codes.map((dimension) => dimension.codes[row]!).join('|');
        let group = byKey.get(key);
        if (group === undefined) byKey.set(key, (group = this.open(this.runStarts[run], codes, row)));
        this.groupOf[j] = group;
      }
    }
  }

  private open(start: number | undefined, codes: readonly DimensionCodes[], row: number): number {
    this.starts.push(start);
    for (const dimension of codes) this.codes.push(dimension.codes[row]!);
    return this.count++;
  }

  /** The selection's rows group after group (a counting sort; each group keeps the selection's order). */
  private layOut(selection: Uint32Array): void {
    if (this.offsets.length < this.count + 1) this.offsets = new Uint32Array(2 * (this.count + 1));
    const { offsets, groupOf, rows } = this;
    offsets.fill(0, 0, this.count + 1);
    for (let j = 0; j < selection.length; j += 1) offsets[groupOf[j]! + 1]! += 1;
    for (let g = 0; g < this.count; g += 1) offsets[g + 1]! += offsets[g]!;
    // Each group's offset walks to its end as its rows are placed; shifted back, the ends are the next groups' starts.
    for (let j = 0; j < selection.length; j += 1) {
      const group = groupOf[j]!;
      rows[offsets[group]!] = selection[j]!;
      offsets[group]! += 1;
    }
    for (let g = this.count; g > 0; g -= 1) offsets[g] = offsets[g - 1]!;
    offsets[0] = 0;
  }
}

function mixedRadix(codes: readonly DimensionCodes[], row: number): number {
  let key = 0;
  for (const dimension of codes) key = key * dimension.distinct + dimension.codes[row]!;
  return key;
}
