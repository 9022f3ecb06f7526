import type { CallColumns } from './call-columns.js';
import { INTERACTION_TYPES, type InteractionType } from './call-record.js';
import type { CategoricalDimension } from './dimensions.js';

/** Which calls to keep; an absent or null list means "any". Lists within one filter are AND-ed. */
export interface CallFilter {
  readonly agentIds?: readonly string[] | null;
  readonly campaignIds?: readonly string[] | null;
  readonly skillIds?: readonly string[] | null;
  readonly types?: readonly InteractionType[] | null;
}

const LISTS = [
  ['AGENT', 'agentIds'],
  ['CAMPAIGN', 'campaignIds'],
  ['SKILL', 'skillIds'],
  ['TYPE', 'types'],
] as const satisfies readonly (readonly [CategoricalDimension, keyof CallFilter])[];

/** The dimensions `filter` constrains. */
export function constrainedDimensions(filter: CallFilter): CategoricalDimension[] {
  return LISTS.filter(([, list]) => filter[list] != null).map(([dimension]) => dimension);
}

/** Whether a call whose `dimension` has `value` passes `filter`'s list for that dimension. */
export function allows(filter: CallFilter, dimension: CategoricalDimension, value: string | null): boolean {
  const list = LISTS.find(([d]) => d === dimension)?.[1];
  const values = list ? (filter[list] as readonly string[] | null | undefined) : null;
  return values == null || (value !== null && values.includes(value));
}

/** A test of one window's rows against `filter`, on dictionary codes (no text compared per row). */
export function rowMatcher(columns: CallColumns, filter: CallFilter): (i: number) => boolean {
  const checks: ((i: number) => boolean)[] = [];
  const byCode = (field: 'agentId' | 'campaignId' | 'skillId', values: readonly string[] | null | undefined) => {
    if (values == null) return;
    const mask = columns.tables[field].mask(new Set(values));
    const codes = columns.codes[field];
    checks.push((i) => mask[codes[i]!] === 1);
  };
  byCode('agentId', filter.agentIds);
  byCode('campaignId', filter.campaignIds);
  byCode('skillId', filter.skillIds);
  if (filter.types != null) {
    const wanted = INTERACTION_TYPES.map((type) => filter.types!.includes(type));
    checks.push((i) => wanted[columns.type[i]!]!);
  }
  if (checks.length === 0) return () => true;
  if (checks.length === 1) return checks[0]!;
  return (i) => checks.every((check) => check(i));
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

function intersect<T>(a: readonly T[] | null | undefined, b: readonly T[] | null | undefined): readonly T[] | null {
  if (!a) return b ?? null;
  if (!b) return a;
  const keep = new Set(b);
  return a.filter((value) => keep.has(value));
}
