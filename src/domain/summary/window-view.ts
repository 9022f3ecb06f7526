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
  /** Its windows; null for a day roll-up read without them (from the durable tier), which `load` brings. */
  readonly parts: readonly WindowView[] | null;
  /** How many windows it speaks for. */
  readonly windows: number;
  /** For a unit without its windows: the same unit with them, its summary attached to them (able to derive again). */
  readonly load?: () => Promise<SummaryUnit>;
}

export const unitOf = (view: WindowView): SummaryUnit => ({ window: view.window, summary: view.summary, parts: [view], windows: 1 });

/** The windows of a unit that came with them (what callsIn loads); a day roll-up read without them is a mistake here. */
export function heldParts(unit: SummaryUnit): readonly WindowView[] {
  if (!unit.parts) throw new Error('a day roll-up without its windows where windows are read: load it first (partsOf)');
  return unit.parts;
}

/** The unit's windows, loaded first when it came without them. */
export async function partsOf(unit: SummaryUnit): Promise<readonly WindowView[]> {
  if (unit.parts) return unit.parts;
  if (!unit.load) throw new Error('a unit without its windows and no way to load them');
  return (await unit.load()).parts!;
}
