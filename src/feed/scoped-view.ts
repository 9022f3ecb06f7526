import type { CategoricalDimension } from '../domain/grouping/dimensions.js';
import type { UnitCounts } from '../domain/report/scoped-group-bound.js';
import type { Directory } from '../domain/summary/directory.js';
import { rangeDirectory } from '../domain/summary/range-directory.js';
import type { SummaryUnit } from '../domain/summary/window-view.js';
import type { TimeRange } from '../domain/time/time-range.js';
import type { RangeFreshness } from './range-freshness.js';
import { everyRow, scopedFreshness, scopedUnreadable, type DayReader, type RowScope, type ScopedDirectories } from './row-scope.js';
import type { ScopedCounts } from './scoped-counts.js';
import type { UnreadableRow } from './window-store.js';

/** What a principal sees of a range besides its units: its freshness, its unreadable rows and who appears in it. */
export interface ScopedView {
  readonly freshness: RangeFreshness;
  readonly unreadable: readonly UnreadableRow[];
  /** Worked out once however many fields ask; stopped with the operation (`signal`) while it reads days. */
  directory(signal?: AbortSignal): Directory | Promise<Directory>;
  /** For a scoped principal: its calls in each hour window (`byWindow`) or day of the range, counted by `dimensions` (scoped-counts.ts). */
  countsIn?(dimensions: readonly CategoricalDimension[], byWindow: boolean, signal?: AbortSignal): UnitCounts[] | Promise<UnitCounts[]>;
}

/** What `scope` sees of a range whose every row gives `whole`. */
export function scopedView(
  whole: Pick<ScopedView, 'freshness' | 'unreadable'>,
  { units, range, scope, directories, counts, readDay }: { units: readonly SummaryUnit[]; range: TimeRange; scope: RowScope; directories: ScopedDirectories; counts: ScopedCounts; readDay: DayReader },
): ScopedView {
  let directory: Directory | Promise<Directory> | undefined;
  if (everyRow(scope)) return { ...whole, directory: () => (directory ??= rangeDirectory(units, range)) };
  const unreadable = scopedUnreadable(whole.unreadable, scope);
  return {
    freshness: scopedFreshness(whole.freshness, unreadable),
    unreadable,
    countsIn: (dimensions, byWindow, signal) => counts.of(units, range, scope, dimensions, { byWindow, readDay, signal }),
    directory: (signal) => {
      if (directory === undefined) {
        const found = directories.of(units, range, scope, readDay, signal);
        // Once known, it comes without waiting; a failure (the operation stopped) is not kept.
        directory = !(found instanceof Promise) ? found : found.then(
          (known) => (directory = known),
          (error: unknown) => {
            directory = undefined;
            throw error;
          },
        );
      }
      return directory;
    },
  };
}
