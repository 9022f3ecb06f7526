import { rowsIn } from '../columns/rows-in-range.js';
import type { PreparedFilter } from '../filter/prepared-filter.js';
import type { RowSelector } from '../filter/row-selection.js';
import { dimensionCodes, type CategoricalDimension, type DimensionCodes } from '../grouping/dimensions.js';
import { groupId } from '../grouping/group-id.js';
import type { TimeKeyer } from '../grouping/time-key.js';
import { WindowGrouper } from '../grouping/window-groups.js';
import type { WindowView } from '../summary/window-view.js';
import type { TimeRange } from '../time/time-range.js';
import type { ZoneClock } from '../time/zone-clock.js';
import { groupKey, type Groups } from './report-groups.js';
import { ScanTotals } from './scan-totals.js';

/**
 * The windows of a report that summaries cannot answer, scanned row by row: each window's rows
 * selected (row-selection.ts), numbered into local groups (window-groups.ts) and added to typed
 * totals per report group (scan-totals.ts); the report's groups receive those totals once, at the end.
 */
export class ReportScan {
  private readonly selector: RowSelector;
  private readonly grouper = new WindowGrouper();
  private readonly totals: ScanTotals;

  constructor(
    filter: PreparedFilter,
    private readonly categorical: readonly CategoricalDimension[],
    private readonly time: TimeKeyer,
    private readonly clock: ZoneClock,
  ) {
    this.selector = filter.selector();
    this.totals = new ScanTotals(categorical.length);
  }

  /** Report groups met so far. */
  get groupCount(): number {
    return this.totals.groupCount;
  }

  add(view: WindowView, range: TimeRange): void {
    const { columns } = view;
    const codes: DimensionCodes[] = [];
    for (const dimension of this.categorical) codes.push(dimensionCodes(columns, dimension));
    const [first, end] = rowsIn(view, range);
    const rows = this.selector.select(columns, first, end);
    this.totals.add(columns, this.grouper.group(rows, columns.date, codes, this.time.bucket, this.clock), codes);
  }

  mergeInto(groups: Groups): void {
    for (const { start, values, totals } of this.totals.results()) {
      const key = start === undefined ? undefined : this.time.keyOf(start);
      groups.merge(groupId(key, values), () => groupKey(key, this.categorical, values), totals);
    }
  }
}
