import { rowsIn } from '../columns/rows-in-range.js';
import type { PreparedFilter } from '../filter/prepared-filter.js';
import { dimensionCodes, type CategoricalDimension } from '../grouping/dimensions.js';
import { INTERACTION_TYPES } from '../model/call-record.js';
import { COUNTRY_VALUES } from '../model/phone-country.js';
import type { Directory } from '../summary/directory.js';
import type { WindowView } from '../summary/window-view.js';
import type { TimeRange } from '../time/time-range.js';
import { overlap, timeKeysIn } from './group-estimate.js';
import type { ReportPlan } from './report-plan.js';

/** The in-scope calls of one window (or one day read as its roll-up) within a range: how many, and how many values of some dimensions they hold. */
export interface UnitCounts {
  readonly window: TimeRange;
  readonly legs: number;
  readonly distinct: ReadonlyMap<CategoricalDimension, number>;
}

/** What a scoped principal's own calls tell, for its bound: each needed when `scopedBoundNeeds` says so. */
export interface ScopedFacts {
  /** Who appears in the in-scope calls of the range. */
  readonly directory?: Directory;
  /** The in-scope calls of each window or day of the range, counted by the dimensions `counted`. */
  readonly units?: readonly UnitCounts[];
}

/** The in-scope calls (those `scope` lets through) of `views` within `range`, and their distinct values of each of `dimensions`. */
export function countInScope(views: readonly WindowView[], range: TimeRange, scope: PreparedFilter, dimensions: readonly CategoricalDimension[]): Omit<UnitCounts, 'window'> {
  const values = dimensions.map(() => new Set<string | null>());
  let legs = 0;
  for (const view of views) {
    const [first, end] = rowsIn(view, range);
    if (end === first) continue;
    const codes = dimensions.map((dimension) => dimensionCodes(view.columns, dimension));
    const seen = codes.map((code) => new Uint8Array(code.distinct));
    for (const row of scope.selector().select(view.columns, first, end)) {
      legs += 1;
      for (let d = 0; d < codes.length; d += 1) seen[d]![codes[d]!.codes[row]!] = 1;
    }
    seen.forEach((marks, d) => marks.forEach((mark, code) => mark && values[d]!.add(codes[d]!.valueOf(code))));
  }
  return { legs, distinct: new Map(dimensions.map((dimension, d) => [dimension, values[d]!.size])) };
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

/** An enumeration this short bounds a unit well enough alone; a longer one (246 countries) is counted in each. */
const FEW_VALUES = 10;

/** A bound of a dimension's values in every unit alike, or null: counted unit by unit. */
function fixedBound(plan: ReportPlan, dimension: CategoricalDimension): number | null {
  const enumerated = ENUMERATED[dimension];
  return plan.filter.listed(dimension) ?? (enumerated !== undefined && enumerated <= FEW_VALUES ? enumerated : null);
}

/** What `scopedGroupBound` needs to know of the in-scope calls for `plan`: their directory, and the dimensions to count in each unit. */
export function scopedBoundNeeds(plan: ReportPlan): { directory: boolean; counted: CategoricalDimension[] } {
  const counted = plan.categorical.filter((dimension) => fixedBound(plan, dimension) === null);
  return { directory: counted.some((dimension) => IN_DIRECTORY[dimension]), counted };
}

/**
 * The groups a scoped principal's report may have, bounded from what it may know only. The estimate
 * is shown (`extensions.cost.estimatedGroups`, the complexity) and decides refusals, so for a principal
 * that reads part of the rows it must not come from the windows' dictionaries and leg counts
 * (estimateGroups), which hold every campaign's agents, destinations and calls: a brand's dashboard
 * would read there how many agents, or calls, the other brands have.
 *
 * The same bounds as estimateGroups, from the principal's own calls: over the range, each grouped
 * dimension's values are at most its filter list (the scope's campaigns, skills), its enumeration (4
 * types, 246 countries) or the values of the in-scope calls (agents, campaigns, skills: the scope's
 * directory); and unit by unit (an hour window, or a day), the groups are at most the unit's in-scope
 * calls, and at most its time keys times the values of each dimension its in-scope calls hold.
 */
export function scopedGroupBound(plan: ReportPlan, { directory, units }: ScopedFacts): number {
  // No call passes a list that lets nothing through (a filter on a campaign outside the scope).
  if (plan.dimensions.length === 0 || plan.filter.constrained.some((dimension) => plan.filter.listed(dimension) === 0)) return 0;
  const product = plan.categorical.reduce((total, dimension) => total * valuesBound(plan, dimension, directory), timeKeysIn(plan, plan.range));
  if (!units) return product;
  let legs = 0;
  let byUnit = 0;
  for (const unit of units) {
    legs += unit.legs;
    if (unit.legs === 0) continue;
    const combinations = plan.categorical.reduce((total, dimension) => total * (fixedBound(plan, dimension) ?? unit.distinct.get(dimension) ?? Infinity), timeKeysIn(plan, overlap(unit.window, plan.range)));
    byUnit += Math.min(unit.legs, combinations);
  }
  return Math.min(product, byUnit, legs);
}
