import type { CategoricalDimension } from '../grouping/dimensions.js';
import { INTERACTION_TYPES } from '../model/call-record.js';
import { COUNTRY_VALUES } from '../model/phone-country.js';
import type { Directory } from '../summary/directory.js';
import { timeKeysIn } from './group-estimate.js';
import type { ReportPlan } from './report-plan.js';

/** What a scoped principal's own calls tell, for its bound. */
export interface ScopedFacts {
  /** Who appears in the in-scope calls of the range: needed when `scopedBoundNeeds` says so. */
  readonly directory?: Directory;
  /** The calls of the report's range that pass its filter and scope: needed when `scopedBoundNeeds` says so. */
  readonly legs?: number;
}

/** Values a dimension takes whatever the calls are. */
const ENUMERATED: Partial<Record<CategoricalDimension, number>> = { TYPE: INTERACTION_TYPES.length, COUNTRY: COUNTRY_VALUES };

/** Values of a dimension among the in-scope calls, from their directory, and the calls without one. */
const IN_DIRECTORY: Partial<Record<CategoricalDimension, (directory: Directory) => number>> = {
  AGENT: (directory) => directory.agents.size + 1,
  CAMPAIGN: (directory) => directory.campaigns.size + 1,
  SKILL: (directory) => directory.skills.size + 1,
};

function valuesBound(plan: ReportPlan, dimension: CategoricalDimension, directory: Directory | undefined): number {
  const listed = plan.filter.listed(dimension);
  if (listed !== null) return listed;
  const enumerated = ENUMERATED[dimension];
  if (enumerated !== undefined) return enumerated;
  const inDirectory = IN_DIRECTORY[dimension];
  return inDirectory && directory ? inDirectory(directory) : Infinity;
}

/** An enumeration this short bounds a report well enough alone; a longer one (246 countries) is tightened by the legs. */
const FEW_VALUES = 10;

/** What `scopedGroupBound` needs to know of the in-scope calls for `plan`. */
export function scopedBoundNeeds(plan: ReportPlan): { directory: boolean; legs: boolean } {
  const unlisted = plan.categorical.filter((dimension) => plan.filter.listed(dimension) === null);
  return {
    directory: unlisted.some((dimension) => IN_DIRECTORY[dimension]),
    legs: unlisted.some((dimension) => !IN_DIRECTORY[dimension] && (ENUMERATED[dimension] ?? Infinity) > FEW_VALUES),
  };
}

/**
 * The groups a scoped principal's report may have, bounded from what it may know only. The estimate
 * is shown (`extensions.cost.estimatedGroups`, the complexity) and decides refusals, so for a principal
 * that reads part of the rows it must not come from the windows' dictionaries and leg counts
 * (estimateGroups), which hold every campaign's agents, destinations and calls: a brand's dashboard
 * would read there how many agents, or calls, the other brands have.
 *
 * Each grouped dimension is bounded by its filter list (the scope's campaigns, skills), by its
 * enumeration (TYPE, COUNTRY), or by the values of the in-scope calls (agents, campaigns, skills: the scope's
 * directory); a dimension with none of these (destinations, activity codes, who hung up) leaves the
 * in-scope legs as the bound.
 */
export function scopedGroupBound(plan: ReportPlan, { directory, legs }: ScopedFacts): number {
  // No call passes a list that lets nothing through (a filter on a campaign outside the scope).
  if (plan.dimensions.length === 0 || plan.filter.constrained.some((dimension) => plan.filter.listed(dimension) === 0)) return 0;
  const product = plan.categorical.reduce((total, dimension) => total * valuesBound(plan, dimension, directory), timeKeysIn(plan, plan.range));
  return Math.min(product, legs ?? Infinity);
}
