import type { CallColumns } from '../columns/call-columns.js';
import type { CallFilter } from '../filter/call-filter.js';
import { PreparedFilter } from '../filter/prepared-filter.js';
import type { CallRecord } from '../model/call-record.js';
import type { TimeRange } from '../time/time-range.js';
import { rowsIn } from '../columns/rows-in-range.js';
import type { WindowView } from '../summary/window-view.js';
import { partitionPoint } from '../util/partition-point.js';

/**
 * The calls of some windows that lie in a range and pass a filter, in (date, id) order, as row
 * positions: a page builds CallRecords for its own calls only.
 */
export class LegList {
  private readonly parts: { view: WindowView; rows: Uint32Array }[] = [];
  /** offsets[p] is the list position of parts[p]'s first row. */
  private readonly offsets: number[] = [];
  readonly length: number;

  constructor(views: readonly WindowView[], range: TimeRange, filter: CallFilter | PreparedFilter) {
    let length = 0;
    const selector = PreparedFilter.of(filter).selector();
    for (const view of views) {
      const [first, end] = rowsIn(view, range);
      const rows = selector.select(view.columns, first, end);
      if (rows.length === 0) continue;
      this.offsets.push(length);
      // The selector reuses its array for the next window.
      this.parts.push({ view, rows: rows.slice() });
      length += rows.length;
    }
    this.length = length;
  }

  dateAt(position: number): number {
    const [view, row] = this.locate(position);
    return view.columns.date[row]!;
  }

  idAt(position: number): string {
    const [view, row] = this.locate(position);
    return view.columns.id(row);
  }

  recordAt(position: number): CallRecord {
    const [view, row] = this.locate(position);
    return view.columns.record(row);
  }

  /** `read` of every call, in list order: a sort key per position, without locating each. */
  values(read: (columns: CallColumns, row: number) => number): Float64Array {
    const values = new Float64Array(this.length);
    let position = 0;
    for (const { view, rows } of this.parts) for (const row of rows) values[position++] = read(view.columns, row);
    return values;
  }

  /** The window and row of the call at `position`. */
  locate(position: number): [WindowView, number] {
    // The last part that starts at or before `position`.
    const low = Math.max(0, partitionPoint(this.offsets.length, (i) => this.offsets[i]! <= position) - 1);
    const part = this.parts[low]!;
    return [part.view, part.rows[position - this.offsets[low]!]!];
  }
}
