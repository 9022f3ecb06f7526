import { isWhollyIn } from '../domain/columns/rows-in-range.js';
import { filterKey, type CallFilter } from '../domain/filter/call-filter.js';
import { PreparedFilter } from '../domain/filter/prepared-filter.js';
import type { CategoricalDimension } from '../domain/grouping/dimensions.js';
import { overlap } from '../domain/report/group-estimate.js';
import { countInScope, type UnitCounts } from '../domain/report/scoped-group-bound.js';
import type { WindowSummary } from '../domain/summary/window-summary.js';
import type { SummaryUnit, WindowView } from '../domain/summary/window-view.js';
import type { TimeRange } from '../domain/time/time-range.js';
import { BoundedMap } from '../domain/util/bounded-map.js';
import { inTurn } from '../domain/util/yielding.js';
import type { DayReader, ScopedDirectories } from './row-scope.js';

type Counted = Omit<UnitCounts, 'window'>;

/** Scopes whose counts one window keeps at most, as ScopedDirectories keeps directories. */
const SCOPES_PER_WINDOW = 16;

/** A part of the range to count: a window (or a day) wholly inside it, kept; or the range's rows of an edge window, counted each time. */
interface Part {
  readonly window: TimeRange;
  readonly summary: WindowSummary | null;
  readonly views: readonly WindowView[] | null;
}

/**
 * The in-scope calls of each window or day of a range, counted by some dimensions, for a scoped
 * principal's group bound (domain/report/scoped-group-bound.ts): scanned once per window (or day read
 * as its roll-up) and scope, then kept beside it as ScopedDirectories keeps directories. A day read as
 * its roll-up alone has its windows read (`readDay`) a day per turn of the event loop, stopped with the
 * operation; once every part is known, the counts come without waiting.
 */
export class ScopedCounts {
  private readonly bySummary = new WeakMap<WindowSummary, BoundedMap<string, Counted>>();

  constructor(
    /** Given the scope's directory of every window or day counted here, so that a day's windows are read once for both. */
    private readonly directories: ScopedDirectories,
  ) {}

  of(
    units: readonly SummaryUnit[],
    range: TimeRange,
    scope: CallFilter,
    dimensions: readonly CategoricalDimension[],
    { byWindow, readDay, signal }: { byWindow: boolean; readDay: DayReader; signal?: AbortSignal | undefined },
  ): UnitCounts[] | Promise<UnitCounts[]> {
    const key = filterKey(scope);
    const filter = PreparedFilter.of(scope);
    const parts = partsOf(units, range, byWindow);
    const count = (part: Part, views: readonly WindowView[]): UnitCounts => {
      const counted = countInScope(views, range, filter, dimensions);
      if (part.summary) {
        this.keep(part.summary, key, counted);
        this.directories.noteWindows(part.summary, views, scope);
      }
      return { window: overlap(part.window, range), ...counted };
    };
    const known = parts.map((part) => (part.summary ? this.known(part.summary, key, dimensions) : undefined));
    // Edge windows are counted each time: a few hours' calls at most.
    if (parts.every((part, p) => known[p] !== undefined || !part.summary)) return parts.map((part, p) => (known[p] ? { window: part.window, ...known[p] } : count(part, part.views!)));
    return (async () => {
      const counts: UnitCounts[] = [];
      for (const [p, part] of parts.entries()) {
        const held = known[p];
        if (held) {
          counts.push({ window: part.window, ...held });
          continue;
        }
        signal?.throwIfAborted();
        const views = part.views ?? (await inTurn(() => readDay(part.window)));
        counts.push(await inTurn(() => count(part, views)));
      }
      return counts;
    })();
  }

  /** What was counted of `summary`'s calls in `key`'s scope, if it holds every dimension asked. */
  private known(summary: WindowSummary, key: string, dimensions: readonly CategoricalDimension[]): Counted | undefined {
    const counted = this.bySummary.get(summary)?.get(key);
    return counted && dimensions.every((dimension) => counted.distinct.has(dimension)) ? counted : undefined;
  }

  private keep(summary: WindowSummary, key: string, counted: Counted): void {
    let kept = this.bySummary.get(summary);
    if (!kept) this.bySummary.set(summary, (kept = new BoundedMap(SCOPES_PER_WINDOW)));
    const earlier = kept.get(key);
    kept.set(key, earlier ? { legs: counted.legs, distinct: new Map([...earlier.distinct, ...counted.distinct]) } : counted);
  }
}

/** The parts `units` are counted in: hour windows where `byWindow` (the report's time keys are hours), whole days otherwise, edges by their rows in range. */
function partsOf(units: readonly SummaryUnit[], range: TimeRange, byWindow: boolean): Part[] {
  const parts: Part[] = [];
  for (const unit of units) {
    const whole = isWhollyIn(unit, range);
    if (!unit.parts) {
      if (!whole) throw new Error('a day roll-up without its windows reaches past the range');
      parts.push({ window: unit.window, summary: unit.summary, views: null });
    } else if (whole && !byWindow) parts.push({ window: unit.window, summary: unit.summary, views: unit.parts });
    else for (const view of unit.parts) parts.push({ window: view.window, summary: isWhollyIn(view, range) ? view.summary : null, views: [view] });
  }
  return parts;
}
