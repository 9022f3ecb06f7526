import type { CallColumns, LegPick } from '../columns/call-columns.js';
import { CATEGORICAL_DIMENSIONS, dimensionCodes, type CategoricalDimension } from './dimensions.js';
import { groupId } from './group-id.js';
import { WindowGrouper } from './window-groups.js';

/** The dimensions in CATEGORICAL_DIMENSIONS' order, once each: [TYPE, AGENT] and [AGENT, TYPE] share one summary. */
export function canonicalDimensions(dimensions: Iterable<CategoricalDimension>): CategoricalDimension[] {
  const asked = new Set(dimensions);
  return CATEGORICAL_DIMENSIONS.filter((dimension) => asked.has(dimension));
}

/** One text per combination of values (null included), the same in every window. */
export const combinationKey = (values: readonly (string | null)[]): string => groupId(undefined, values);

/** The rows of some windows that share one value in each of some dimensions. */
export interface CombinationLegs {
  readonly values: readonly (string | null)[];
  readonly parts: LegPick[];
}

/**
 * Every row of `windows` by its combination of values of `dimensions` (by combinationKey). Within a
 * window rows are grouped by their dictionary codes (window-groups.ts, as a scan groups them), and
 * values are read once per combination, not per row.
 */
export function rowsByCombination(windows: readonly CallColumns[], dimensions: readonly CategoricalDimension[]): Map<string, CombinationLegs> {
  const combinations = new Map<string, CombinationLegs>();
  const grouper = new WindowGrouper();
  for (const columns of windows) {
    const codes = dimensions.map((dimension) => dimensionCodes(columns, dimension));
    const every = new Uint32Array(columns.length);
    for (let row = 0; row < every.length; row += 1) every[row] = row;
    const groups = grouper.groupByCodes(every, codes);
    for (let g = 0; g < groups.count; g += 1) {
      const values = codes.map((dimension, d) => dimension.valueOf(groups.codes[g * codes.length + d]!));
      const key = combinationKey(values);
      let combination = combinations.get(key);
      if (!combination) combinations.set(key, (combination = { values, parts: [] }));
      // The grouper reuses its arrays for the next window.
      combination.parts.push({ columns, rows: Array.from(groups.rows.subarray(groups.offsets[g], groups.offsets[g + 1])) });
    }
  }
  return combinations;
}
