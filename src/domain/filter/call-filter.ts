import type { InteractionType } from '../model/call-record.js';
import type { DecimalText } from '../model/decimal.js';

/** Inclusive bounds; an absent bound is open. */
export interface Bounds<T> {
  readonly min?: T | null;
  readonly max?: T | null;
}

/**
 * Which calls to keep; an absent or null field means "any". Fields within one filter are AND-ed;
 * `not` keeps the calls its filter would drop, `anyOf` the calls at least one of its filters keeps.
 */
export interface CallFilter {
  readonly agentIds?: readonly string[] | null;
  readonly campaignIds?: readonly string[] | null;
  readonly skillIds?: readonly string[] | null;
  readonly types?: readonly InteractionType[] | null;
  readonly hangUps?: readonly string[] | null;
  readonly codActs?: readonly string[] | null;
  readonly codActs2?: readonly string[] | null;
  readonly destinies?: readonly string[] | null;
  /** ISO 3166-1 alpha-2 codes, or UNKNOWN_COUNTRY (phone-country.ts). */
  readonly countries?: readonly string[] | null;
  readonly telephones?: readonly string[] | null;
  readonly telephonePrefixes?: readonly string[] | null;
  readonly customerIds?: readonly string[] | null;
  readonly connIds?: readonly string[] | null;
  readonly durationSeconds?: Bounds<number> | null;
  readonly cost?: Bounds<DecimalText> | null;
  readonly billedMinutes?: Bounds<DecimalText> | null;
  readonly not?: CallFilter | null;
  readonly anyOf?: readonly CallFilter[] | null;
}

/** The id lists a scope (one agent's, campaign's or skill's calls) can narrow. */
type ScopeList = 'agentIds' | 'campaignIds' | 'skillIds';

/** `filter` further limited to `scope` (e.g. a user's filter inside one agent's calls): the intersection. */
export function narrowFilter(filter: CallFilter | null | undefined, scope: Pick<CallFilter, ScopeList>): CallFilter {
  return {
    ...filter,
    agentIds: intersect(filter?.agentIds, scope.agentIds),
    campaignIds: intersect(filter?.campaignIds, scope.campaignIds),
    skillIds: intersect(filter?.skillIds, scope.skillIds),
  };
}

/** A stable text form, equal for filters that select the same calls the same way (pins cursors to their query). */
export function filterKey(filter: CallFilter | null | undefined): string {
  return JSON.stringify(canonicalFilter(filter ?? {}));
}

function canonicalFilter(filter: CallFilter): unknown {
  const entries = Object.entries(filter)
    .filter(([, value]) => value != null)
    .map(([field, value]): [string, unknown] => {
      if (field === 'not') return [field, canonicalFilter(value as CallFilter)];
      if (field === 'anyOf') return [field, (value as CallFilter[]).map((f) => JSON.stringify(canonicalFilter(f))).sort()];
      if (Array.isArray(value)) return [field, [...new Set(value.map(String))].sort()];
      const bounds = value as Bounds<unknown>;
      return [field, [bounds.min ?? null, bounds.max ?? null]];
    });
  return entries.sort(([a], [b]) => (a < b ? -1 : 1));
}

function intersect<T>(a: readonly T[] | null | undefined, b: readonly T[] | null | undefined): readonly T[] | null {
  if (!a) return b ?? null;
  if (!b) return a;
  const keep = new Set(b);
  return a.filter((value) => keep.has(value));
}
