import type { CallColumns, CategoricalField } from './call-columns.js';
import { INTERACTION_TYPES, type InteractionType } from './call-record.js';
import type { CategoricalDimension } from './dimensions.js';

/** Which calls to keep; an absent or null list means "any". Lists within one filter are AND-ed. */
export interface CallFilter {
  readonly agentIds?: readonly string[] | null;
  readonly campaignIds?: readonly string[] | null;
  readonly skillIds?: readonly string[] | null;
  readonly types?: readonly InteractionType[] | null;
}

/** Each list: the dimension it constrains, and the dictionary-encoded column it is tested on (types have their own). */
const LISTS = [
  ['AGENT', 'agentIds', 'agentId'],
  ['CAMPAIGN', 'campaignIds', 'campaignId'],
  ['SKILL', 'skillIds', 'skillId'],
  ['TYPE', 'types', null],
] as const satisfies readonly (readonly [CategoricalDimension, keyof CallFilter, CategoricalField | null])[];

/**
 * A filter made ready to test calls: each list as a Set (or, for types, a flag per type), built once
 * and shared by every window it is tested on. A window's test then costs a mask over its own
 * dictionary, whatever the length of the lists.
 */
export class PreparedFilter implements CallFilter {
  readonly agentIds: readonly string[] | null;
  readonly campaignIds: readonly string[] | null;
  readonly skillIds: readonly string[] | null;
  readonly types: readonly InteractionType[] | null;
  /** The dimensions the filter constrains. */
  readonly constrained: readonly CategoricalDimension[];
  private readonly wanted = new Map<CategoricalDimension, ReadonlySet<string>>();
  private readonly wantedTypes: readonly boolean[] | null;

  private constructor(filter: CallFilter) {
    this.agentIds = filter.agentIds ?? null;
    this.campaignIds = filter.campaignIds ?? null;
    this.skillIds = filter.skillIds ?? null;
    this.types = filter.types ?? null;
    for (const [dimension, list] of LISTS) {
      const values = filter[list];
      if (values != null) this.wanted.set(dimension, new Set<string>(values));
    }
    this.constrained = [...this.wanted.keys()];
    this.wantedTypes = this.types && INTERACTION_TYPES.map((type) => this.types!.includes(type));
  }

  /** `filter` ready to match (itself when it already is). */
  static of(filter: CallFilter): PreparedFilter {
    return filter instanceof PreparedFilter ? filter : new PreparedFilter(filter);
  }

  /** Whether a call whose `dimension` has `value` passes the filter's list for that dimension. */
  allows(dimension: CategoricalDimension, value: string | null): boolean {
    const wanted = this.wanted.get(dimension);
    return wanted === undefined || (value !== null && wanted.has(value));
  }

  /** A test of one window's rows, on dictionary codes (no text compared per row). */
  rowMatcher(columns: CallColumns): (i: number) => boolean {
    const checks: ((i: number) => boolean)[] = [];
    for (const [dimension, , field] of LISTS) {
      const wanted = this.wanted.get(dimension);
      if (wanted === undefined || field === null) continue;
      const mask = columns.tables[field].mask(wanted);
      const codes = columns.codes[field];
      checks.push((i) => mask[codes[i]!] === 1);
    }
    const types = this.wantedTypes;
    if (types) checks.push((i) => types[columns.type[i]!]!);
    if (checks.length === 0) return () => true;
    if (checks.length === 1) return checks[0]!;
    return (i) => checks.every((check) => check(i));
  }
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
