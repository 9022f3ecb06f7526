import type { CallColumns, CategoricalField } from './call-columns.js';
import { INTERACTION_TYPES } from './call-record.js';
import type { Bucket } from './zone-clock.js';

export const CALL_DIMENSIONS = ['AGENT', 'CAMPAIGN', 'SKILL', 'TYPE', 'HANG_UP', 'COD_ACT', 'DAY', 'HOUR', 'WEEK', 'MONTH'] as const;
export type CallDimension = (typeof CALL_DIMENSIONS)[number];

/** Dimensions with one value per call, which window summaries are kept by. */
export const CATEGORICAL_DIMENSIONS = ['AGENT', 'CAMPAIGN', 'SKILL', 'TYPE', 'HANG_UP', 'COD_ACT'] as const;
export type CategoricalDimension = (typeof CATEGORICAL_DIMENSIONS)[number];

/** Time dimensions, finest first. */
const TIME_BUCKETS: readonly (readonly [CallDimension, Bucket])[] = [['HOUR', 'hour'], ['DAY', 'day'], ['WEEK', 'week'], ['MONTH', 'month']];

export function isCategorical(dimension: CallDimension): dimension is CategoricalDimension {
  return (CATEGORICAL_DIMENSIONS as readonly string[]).includes(dimension);
}

/** The finest time bucket among `dimensions` (groups are per that bucket), or null. */
export function finestBucket(dimensions: readonly CallDimension[]): Bucket | null {
  return TIME_BUCKETS.find(([dimension]) => dimensions.includes(dimension))?.[1] ?? null;
}

const FIELD: Record<Exclude<CategoricalDimension, 'TYPE'>, CategoricalField> = {
  AGENT: 'agentId', CAMPAIGN: 'campaignId', SKILL: 'skillId', HANG_UP: 'hangUp', COD_ACT: 'codAct',
};

/** A dimension's values in one window as small integer codes, and the value of each code. */
export interface DimensionCodes {
  readonly codes: ArrayLike<number>;
  readonly distinct: number;
  valueOf(code: number): string | null;
}

export function dimensionCodes(columns: CallColumns, dimension: CategoricalDimension): DimensionCodes {
  if (dimension === 'TYPE') return { codes: columns.type, distinct: INTERACTION_TYPES.length, valueOf: (code) => INTERACTION_TYPES[code]! };
  const field = FIELD[dimension];
  const table = columns.tables[field];
  return { codes: columns.codes[field], distinct: table.values.length, valueOf: (code) => table.value(code) };
}
