import type { CallFilter } from '../filter/call-filter.js';
import { PreparedFilter } from '../filter/prepared-filter.js';
import { canonicalDimensions } from '../grouping/combination-rows.js';
import { isCategorical, type CallDimension, type CategoricalDimension } from '../grouping/dimensions.js';
import { timeKeyer, type TimeKeyer } from '../grouping/time-key.js';
import { MAX_COMBINED_DIMENSIONS } from '../summary/window-summary.js';
import type { TimeRange } from '../time/time-range.js';
import type { ZoneClock } from '../time/zone-clock.js';

export interface ReportQuery {
  readonly range: TimeRange;
  /** Prepared once per report unless it comes prepared (a PreparedFilter is used as it is). */
  readonly filter: CallFilter | PreparedFilter;
  readonly dimensions: readonly CallDimension[];
}

/** The summary table a query reads: its dimensions (canonical order), and where each grouped one sits in a cell. */
interface TableShape {
  readonly dimensions: readonly CategoricalDimension[];
  readonly grouped: readonly number[];
  /** The grouped dimensions, in the query's order. */
  readonly categorical: readonly CategoricalDimension[];
  /** Whether the groups are the table's cells: grouped by all its dimensions, in its order. */
  readonly asTable: boolean;
}

/** What a report works from, decided once before any window is read. */
export interface ReportPlan {
  readonly range: TimeRange;
  readonly filter: PreparedFilter;
  /** The dimensions asked, once each, in the order asked. */
  readonly dimensions: readonly CallDimension[];
  /** The categorical ones among them. */
  readonly categorical: readonly CategoricalDimension[];
  readonly time: TimeKeyer;
  readonly clock: ZoneClock;
  /** The summary table that answers both the grouping and the filter's lists. */
  readonly table: TableShape;
  /** Whether window summaries may answer (else every window is scanned). */
  readonly summarizable: boolean;
}

/**
 * A window's summary answers the query when the filter has only lists and the dimensions it groups by
 * and filters on are at most MAX_COMBINED_DIMENSIONS categorical ones (the table is derived on first
 * use, window-summary.ts); `strategy: 'scan'` forces the scan.
 */
export function planReport(query: ReportQuery, clock: ZoneClock, strategy: 'auto' | 'scan'): ReportPlan {
  const filter = PreparedFilter.of(query.filter);
  const dimensions = [...new Set(query.dimensions)];
  const categorical = dimensions.filter(isCategorical);
  // A summary's table over the grouped dimensions and those the filter's lists constrain answers both.
  const tableDimensions = canonicalDimensions([...categorical, ...filter.constrained]);
  const grouped = categorical.map((dimension) => tableDimensions.indexOf(dimension));
  return {
    range: query.range,
    filter,
    dimensions,
    categorical,
    time: timeKeyer(dimensions, clock),
    clock,
    table: { dimensions: tableDimensions, grouped, categorical, asTable: grouped.length === tableDimensions.length && grouped.every((d, k) => d === k) },
    summarizable: strategy === 'auto' && filter.summarizable && tableDimensions.length <= MAX_COMBINED_DIMENSIONS,
  };
}
