import { CATEGORICAL_DIMENSIONS, type CategoricalDimension } from '../grouping/dimensions.js';
import type { CallFilter } from './call-filter.js';
import { CodeTest, DecimalTest, PrefixTest, SecondsTest, TextTest, type RowTest } from './row-checks.js';
import { combine, RowSelector, type FilterTree } from './row-selection.js';

/** The filter list that constrains each categorical dimension. */
const LIST: Readonly<Record<CategoricalDimension, keyof CallFilter>> = {
  AGENT: 'agentIds',
  CAMPAIGN: 'campaignIds',
  SKILL: 'skillIds',
  TYPE: 'types',
  HANG_UP: 'hangUps',
  COD_ACT: 'codActs',
  COD_ACT_2: 'codActs2',
  DESTINY: 'destinies',
  COUNTRY: 'countries',
};

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
      const values = source[LIST[dimension]] as readonly string[] | null | undefined;
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

  /** How many values the filter's list for `dimension` lets through (null: no list, any value). */
  listed(dimension: CategoricalDimension): number | null {
    return this.wanted.get(dimension)?.size ?? null;
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
