import type { InteractionType } from './call-record.js';
import type { DecimalText } from './decimal.js';
import { CATEGORICAL, CATEGORICAL_DIMENSIONS, type CategoricalDimension } from './dimensions.js';
import { CodeTest, DecimalTest, PrefixTest, SecondsTest, TextTest, type RowTest } from './row-checks.js';
import { combine, RowSelector, type FilterTree } from './row-selection.js';

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

/** Fields a window summary cannot answer: they test columns no summary is kept by, or compose filters. */
const SCAN_ONLY = ['telephones', 'telephonePrefixes', 'customerIds', 'connIds', 'durationSeconds', 'cost', 'billedMinutes', 'not', 'anyOf'] as const;

/**
 * A filter made ready to test calls: each list as a Set, each bound in the units rows are kept in,
 * built once and shared by every window it is tested on. A window's test then costs a mask over its
 * own dictionary, whatever the length of the lists, and a loop over typed arrays (row-selection.ts).
 * Filters on one categorical dimension can also be answered from window summaries (`allows`).
 */
export class PreparedFilter {
  /** The categorical dimensions the filter's lists constrain. */
  readonly constrained: readonly CategoricalDimension[];
  /** Whether window summaries can answer it: only categorical lists, no ranges, raw columns or composition. */
  readonly summarizable: boolean;
  private readonly wanted = new Map<CategoricalDimension, ReadonlySet<string>>();
  /** The tests of this filter's own fields (AND-ed), apart from `not` and `anyOf`. */
  private readonly tests: readonly RowTest[];
  private readonly not: PreparedFilter | null;
  private readonly anyOf: readonly PreparedFilter[] | null;
  private readonly tree: FilterTree;

  private constructor(readonly source: CallFilter) {
    for (const dimension of CATEGORICAL_DIMENSIONS) {
      const values = source[CATEGORICAL[dimension].list] as readonly string[] | null | undefined;
      if (values != null) this.wanted.set(dimension, new Set<string>(values));
    }
    this.constrained = [...this.wanted.keys()];
    this.summarizable = SCAN_ONLY.every((field) => source[field] == null);
    this.tests = [...[...this.wanted].map(([dimension, wanted]) => new CodeTest(dimension, wanted)), ...columnTests(source)];
    this.not = source.not ? new PreparedFilter(source.not) : null;
    this.anyOf = source.anyOf?.map((filter) => new PreparedFilter(filter)) ?? null;
    this.tree = this.treeOf(false);
  }

  /** `filter` ready to match (itself when it already is). */
  static of(filter: CallFilter | PreparedFilter): PreparedFilter {
    return filter instanceof PreparedFilter ? filter : new PreparedFilter(filter);
  }

  /** Whether a call whose `dimension` has `value` passes the filter's list for that dimension. */
  allows(dimension: CategoricalDimension, value: string | null): boolean {
    const wanted = this.wanted.get(dimension);
    return wanted === undefined || (value !== null && wanted.has(value));
  }

  /** A selector of the rows that pass, window by window (one per scan: it keeps its buffers). */
  selector(): RowSelector {
    return new RowSelector(this.tree);
  }

  /** The calls the filter keeps, or with `negated` those it drops, with `not` pushed down to the tests. */
  private treeOf(negated: boolean): FilterTree {
    const terms: FilterTree[] = this.tests.map((test) => ({ kind: 'test', test, negated }));
    // not(F) negated is F; anyOf negated is every alternative negated (De Morgan).
    if (this.not) terms.push(this.not.treeOf(!negated));
    if (this.anyOf) terms.push(combine(negated ? 'all' : 'any', this.anyOf.map((filter) => filter.treeOf(negated))));
    return combine(negated ? 'any' : 'all', terms);
  }
}

/** Tests of the columns no summary is kept by: raw text and bounds. */
function columnTests(filter: CallFilter): RowTest[] {
  const tests: RowTest[] = [];
  if (filter.telephones != null) tests.push(new TextTest('telephone', filter.telephones));
  if (filter.customerIds != null) tests.push(new TextTest('customerId', filter.customerIds));
  if (filter.connIds != null) tests.push(new TextTest('connId', filter.connIds));
  if (filter.telephonePrefixes != null) tests.push(new PrefixTest(filter.telephonePrefixes));
  if (filter.durationSeconds != null) tests.push(new SecondsTest(filter.durationSeconds));
  if (filter.cost != null) tests.push(new DecimalTest('cost', filter.cost));
  if (filter.billedMinutes != null) tests.push(new DecimalTest('billedMinutes', filter.billedMinutes));
  return tests;
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
