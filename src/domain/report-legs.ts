import type { PreparedFilter } from './call-filter.js';
import { dimensionCodes, type CategoricalDimension } from './dimensions.js';
import { groupId } from './group-id.js';
import { LegSet, type RowsOf } from './leg-set.js';
import type { TimeKeyer } from './time-key.js';
import type { TimeRange } from './time-range.js';
import { groupRows, WindowGrouper } from './window-groups.js';
import type { WindowView } from './window-view.js';
import type { Steps } from './yielding.js';
import type { ZoneClock } from './zone-clock.js';

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
  const all: RowsOf[] = [];
  const byGroup = new Map<string, RowsOf[]>();
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
