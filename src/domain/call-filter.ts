import type { CallRecord, InteractionType } from './call-record.js';

/** Which calls to keep; an absent or null list means "any". Lists within one filter are AND-ed. */
export interface CallFilter {
  readonly agentIds?: readonly string[] | null;
  readonly campaignIds?: readonly string[] | null;
  readonly skillIds?: readonly string[] | null;
  readonly types?: readonly InteractionType[] | null;
}

export function callMatcher(filter: CallFilter | null | undefined): (call: CallRecord) => boolean {
  const agents = asSet(filter?.agentIds);
  const campaigns = asSet(filter?.campaignIds);
  const skills = asSet(filter?.skillIds);
  const types = asSet(filter?.types);
  return (call) =>
    (!agents || (call.agentId !== null && agents.has(call.agentId))) &&
    (!campaigns || (call.campaignId !== null && campaigns.has(call.campaignId))) &&
    (!skills || (call.skillId !== null && skills.has(call.skillId))) &&
    (!types || types.has(call.type));
}

/** `filter` further limited to `scope` (e.g. a user's filter inside one agent's calls): the intersection. */
export function narrowFilter(filter: CallFilter | null | undefined, scope: CallFilter): CallFilter {
  return {
    agentIds: intersect(filter?.agentIds, scope.agentIds),
    campaignIds: intersect(filter?.campaignIds, scope.campaignIds),
    skillIds: intersect(filter?.skillIds, scope.skillIds),
    types: intersect(filter?.types, scope.types),
  };
}

/** A stable text form, equal for filters that select the same calls (used to pin cursors to their query). */
export function filterKey(filter: CallFilter | null | undefined): string {
  const part = (values: readonly string[] | null | undefined) => (values ? [...new Set(values)].sort().join(',') : '*');
  return [filter?.agentIds, filter?.campaignIds, filter?.skillIds, filter?.types].map(part).join('|');
}

function asSet<T>(values: readonly T[] | null | undefined): Set<T> | null {
  return values ? new Set(values) : null;
}

function intersect<T>(a: readonly T[] | null | undefined, b: readonly T[] | null | undefined): readonly T[] | null {
  if (!a) return b ?? null;
  if (!b) return a;
  const keep = new Set(b);
  return a.filter((value) => keep.has(value));
}
