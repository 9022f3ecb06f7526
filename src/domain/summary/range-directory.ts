import { isWhollyIn, rowsIn } from '../columns/rows-in-range.js';
import type { TimeRange } from '../time/time-range.js';
import { Directory } from './directory.js';
import type { SummaryUnit } from './window-view.js';

/**
 * Who appears in the calls of `range`: from each unit's own directory (a day rolled up, a window) where
 * it lies wholly in the range, from its windows' or calls otherwise; `units` in order.
 */
export function rangeDirectory(units: readonly SummaryUnit[], range: TimeRange): Directory {
  const directory = new Directory();
  for (const unit of units) {
    if (isWhollyIn(unit, range)) {
      directory.merge(unit.summary.directory);
      continue;
    }
    if (!unit.parts) throw new Error('a day roll-up without its windows reaches past the range');
    for (const view of unit.parts) {
      if (isWhollyIn(view, range)) directory.merge(view.summary.directory);
      else {
        const [first, end] = rowsIn(view, range);
        for (let i = first; i < end; i += 1) directory.addRow(view.columns, i);
      }
    }
  }
  return directory;
}
