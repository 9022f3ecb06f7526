import type { CallColumns } from './call-columns.js';
import { CATEGORICAL_DIMENSIONS, dimensionCodes, type CategoricalDimension } from './dimensions.js';
import { groupId } from './group-id.js';
import type { RowsOf } from './leg-set.js';

/** The dimensions in CATEGORICAL_DIMENSIONS' order, once each: [TYPE, AGENT] and [AGENT, TYPE] share one summary. */
export function canonicalDimensions(dimensions: Iterable<CategoricalDimension>): CategoricalDimension[] {
  const asked = new Set(dimensions);
  return CATEGORICAL_DIMENSIONS.filter((dimension) => asked.has(dimension));
}

/** One text per combination of values (null included), the same in every window. */
export const combinationKey = (values: readonly (string | null)[]): string => groupId(undefined, values);

/** The rows of some windows that share one value in each of some dimensions. */
export interface CombinationRows {
  readonly values: readonly (string | null)[];
  readonly parts: RowsOf[];
}

/**
 * Every row of `windows` by its combination of values of `dimensions` (by combinationKey). Within a
 * window rows are told apart by their dictionary codes (one number in mixed radix while every
 * combination fits a double exactly, as a few dimensions always do), and values are read once per
 * combination, not per row.
 */
export function rowsByCombination(windows: readonly CallColumns[], dimensions: readonly CategoricalDimension[]): Map<string, CombinationRows> {
  const combinations = new Map<string, CombinationRows>();
  for (const columns of windows) {
    const codes = dimensions.map((dimension) => dimensionCodes(columns, dimension));
    const local = new Map<number | string, { first: number; rows: number[] }>();
    const fits = codes.reduce((product, dimension) => product * dimension.distinct, 1) <= Number.MAX_SAFE_INTEGER;
    const codeOf = fits
      ? (i: number) => codes.reduce((code, dimension) => code * dimension.distinct + dimension.codes[i]!, 0)
      : (i: number) => codes.map((dimension) => dimension.codes[i]!).join();
    for (let i = 0; i < columns.length; i += 1) {
      const code = codeOf(i);
      const rows = local.get(code);
      if (rows) rows.rows.push(i);
      else local.set(code, { first: i, rows: [i] });
    }
    for (const { first, rows } of local.values()) {
      const values = codes.map((dimension) => dimension.valueOf(dimension.codes[first]!));
      const key = combinationKey(values);
      let combination = combinations.get(key);
      if (!combination) combinations.set(key, (combination = { values, parts: [] }));
      combination.parts.push({ columns, rows });
    }
  }
  return combinations;
}
