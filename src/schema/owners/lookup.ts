import type { Directory } from '../../domain/summary/directory.js';
import type { GraphContext } from '../core/context.js';
import { GRAPH_LIMITS } from '../core/limits.js';
import { HOUR_MS, type TimeRange } from '../../domain/time/time-range.js';


/** Who appears in the calls of a range. */
export async function directoryOf(ctx: GraphContext, range: TimeRange): Promise<Directory> {
  return (await ctx.feed.summariesIn(range)).directory(ctx.work.reportOptions().signal);
}

/**
 * Who appears in the last `GRAPH_LIMITS.lookupDays` days: how `agent(id)`, `campaign(id)`, `skill(id)` and
 * names reached without a range are found. The range ends at the next whole hour, so that operations
 * within the same hour ask for the same range.
 */
export function recentDirectory(ctx: GraphContext): Promise<Directory> {
  const to = Math.ceil(ctx.now / HOUR_MS) * HOUR_MS;
  return directoryOf(ctx, { from: to - GRAPH_LIMITS.lookupDays * 24 * HOUR_MS, to });
}

/** One collator for every sort: `localeCompare` with options builds a new one per comparison (most of a 40-agent list's time). */
const ID_ORDER = new Intl.Collator('en', { numeric: true });

/** Ids in numeric order where they are numbers (wolkvox's are), text order otherwise. */
export const byId = (a: { id: string }, b: { id: string }) => ID_ORDER.compare(a.id, b.id);
