import type { WindowColumns } from '../columns/rows-in-range.js';
import type { TimeRange } from '../time/time-range.js';
import type { WindowSummary } from './window-summary.js';

/** One cached window as the domain reads it: its calls by column and their summary. */
export interface WindowView extends WindowColumns {
  readonly summary: WindowSummary;
}

/**
 * Adjacent windows taken together for their totals: a day rolled up from its hour windows, or a
 * single window. A report merges a unit's summary when it can and falls back to the unit's parts.
 */
export interface SummaryUnit {
  readonly window: TimeRange;
  readonly summary: WindowSummary;
  readonly parts: readonly WindowView[];
}

export const unitOf = (view: WindowView): SummaryUnit => ({ window: view.window, summary: view.summary, parts: [view] });
