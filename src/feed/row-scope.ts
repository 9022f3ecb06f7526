import type { CallFilter } from '../domain/filter/call-filter.js';
import { buildReport } from '../domain/report/call-report.js';
import { Directory } from '../domain/summary/directory.js';
import { rangeDirectory } from '../domain/summary/range-directory.js';
import type { SummaryUnit } from '../domain/summary/window-view.js';
import type { TimeRange } from '../domain/time/time-range.js';
import type { ZoneClock } from '../domain/time/zone-clock.js';
import type { RangeFreshness } from './range-freshness.js';
import type { UnreadableRow } from './window-store.js';

/**
 * The rows one principal may read: its campaigns and skills (null or absent: all). It is a filter of
 * two lists, AND-ed into every filter read through a feed (narrowFilter), so a scoped report stays
 * on the summary path: a scope is one more list filter on dimensions the summaries are kept by.
 */
export type RowScope = Pick<CallFilter, 'campaignIds' | 'skillIds'>;

export const everyRow = (scope: RowScope): boolean => scope.campaignIds == null && scope.skillIds == null;

/**
 * Who appears in the in-scope calls of a range: the agents, campaigns and skills of the groups of a
 * report by all three, narrowed by the scope (window summaries answer it), named as the whole range
 * names them (an agent's or skill's latest name; the agent or skill itself is in scope).
 */
export function scopedDirectory(units: readonly SummaryUnit[], range: TimeRange, scope: RowScope, clock: ZoneClock): Directory {
  const { groups } = buildReport(units, { range, filter: scope, dimensions: ['AGENT', 'CAMPAIGN', 'SKILL'] }, clock);
  const names = rangeDirectory(units, range);
  const directory = new Directory();
  for (const { key } of groups) {
    if (key.agentId != null) directory.agents.set(key.agentId, names.agents.get(key.agentId) ?? null);
    if (key.campaignId != null) directory.campaigns.set(key.campaignId, null);
    if (key.skillId != null) directory.skills.set(key.skillId, names.skills.get(key.skillId) ?? null);
  }
  return directory;
}

/**
 * The unreadable rows a scope may see: those whose raw `campaign_id` and `skill_id` (as wolkvox sent
 * them) are in it. A row whose campaign or skill cannot be read is nobody's to see but an unrestricted
 * principal's: it could be any campaign's.
 */
export function scopedUnreadable(rows: readonly UnreadableRow[], scope: RowScope): UnreadableRow[] {
  const campaigns = scope.campaignIds == null ? null : new Set(scope.campaignIds);
  const skills = scope.skillIds == null ? null : new Set(scope.skillIds);
  const admits = (allowed: ReadonlySet<string> | null, value: unknown) => allowed === null || (typeof value === 'string' && allowed.has(value.trim()));
  return rows.filter(({ row }) => {
    const raw = typeof row === 'object' && row !== null ? (row as Record<string, unknown>) : {};
    return admits(campaigns, raw.campaign_id) && admits(skills, raw.skill_id);
  });
}

/**
 * Freshness as a scope sees it: a window is missing rows for it only when one of its own unreadable
 * rows came with the window's answer (an out-of-scope unreadable row is no gap in its calls).
 */
export function scopedFreshness(freshness: RangeFreshness, unreadable: readonly UnreadableRow[]): RangeFreshness {
  const missing = freshness.missing.filter(({ window }) => unreadable.some((row) => row.window.from < window.to && row.window.to > window.from));
  if (missing.length === freshness.missing.length) return freshness;
  return { ...freshness, missing, complete: freshness.open.length + freshness.stale.length + missing.length === 0 };
}
