import type { LegPick } from '../columns/call-columns.js';
import { rowsIn } from '../columns/rows-in-range.js';
import type { PreparedFilter } from '../filter/prepared-filter.js';
import type { RowSelector } from '../filter/row-selection.js';
import { dimensionCodes, type CategoricalDimension, type DimensionCodes } from '../grouping/dimensions.js';
import { groupId } from '../grouping/group-id.js';
import { LegSet } from '../stats/leg-set.js';
import type { TimeKeyer } from '../grouping/time-key.js';
import type { TimeRange } from '../time/time-range.js';
import { WindowGrouper } from '../grouping/window-groups.js';
import type { WindowView } from '../summary/window-view.js';
import type { Steps } from '../util/yielding.js';
import type { Bucket, ZoneClock } from '../time/zone-clock.js';

export interface ReportLegs {
  readonly total: LegSet;
  /** By group id (group-id.ts). */
  readonly byGroup: ReadonlyMap<string, LegSet>;
}

/**
 * The legs of every group of a report, found by one scan of its windows: what distributions and
 * distinct counts are computed from. Row positions only; no call is copied. A step per window.
 */
export function* collectLegs(
  views: readonly WindowView[],
  range: TimeRange,
  filter: PreparedFilter,
  categorical: readonly CategoricalDimension[],
  time: TimeKeyer,
  clock: ZoneClock,
): Steps<ReportLegs> {
  const all: LegPick[] = [];
  const byGroup = new Map<string, LegPick[]>();
  const selector = filter.selector();
  const grouper = new WindowGrouper();
  for (const view of views) {
    const { columns } = view;
    const codes = categorical.map((dimension) => dimensionCodes(columns, dimension));
    const local = groupRows(view, range, selector, grouper, codes, time.bucket, clock);
    for (const { start, codes: groupCodes, rows } of local) {
      // The total's legs are the groups' legs: the same row lists, not copies.
      all.push({ columns, rows });
      const id = groupId(start === undefined ? undefined : time.keyOf(start), categorical.map((_, d) => codes[d]!.valueOf(groupCodes[d]!)));
      let parts = byGroup.get(id);
      if (!parts) byGroup.set(id, (parts = []));
      parts.push({ columns, rows });
    }
    yield;
  }
  return { total: new LegSet(all), byGroup: new Map([...byGroup].map(([id, parts]) => [id, new LegSet(parts)])) };
}

/** Rows of one window that share a bucket start and a code in each dimension. */
interface LocalGroup {
  readonly start: number | undefined;
  readonly codes: readonly number[];
  readonly rows: number[];
}

/** The rows of `view` in `range` that `selector` keeps, grouped by bucket start and dimension codes, each group's rows its own. */
function groupRows(
  view: WindowView,
  range: TimeRange,
  selector: RowSelector,
  grouper: WindowGrouper,
  codes: readonly DimensionCodes[],
  bucket: Bucket | null,
  clock: ZoneClock,
): LocalGroup[] {
  const [first, end] = rowsIn(view, range);
  const groups = grouper.group(selector.select(view.columns, first, end), view.columns.date, codes, bucket, clock);
  const local: LocalGroup[] = [];
  for (let g = 0; g < groups.count; g += 1) {
    local.push({
      start: groups.starts[g],
      codes: groups.codes.slice(g * codes.length, (g + 1) * codes.length),
      rows: Array.from(groups.rows.subarray(groups.offsets[g], groups.offsets[g + 1])),
    });
  }
  return local;
}
