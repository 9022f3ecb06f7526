import type { CallColumns, CategoricalField } from './call-columns.js';
import type { CallFilter } from './call-filter.js';
import { INTERACTION_TYPES, type InteractionType } from './call-record.js';
import { countryCodes } from './derived-columns.js';
import type { Bucket } from './zone-clock.js';

export const CALL_DIMENSIONS = [
  'AGENT', 'CAMPAIGN', 'SKILL', 'TYPE', 'HANG_UP', 'COD_ACT', 'COD_ACT_2', 'DESTINY', 'COUNTRY',
  'DAY', 'HOUR', 'WEEK', 'MONTH', 'WEEKDAY', 'HOUR_OF_DAY',
] as const;
export type CallDimension = (typeof CALL_DIMENSIONS)[number];

/** Dimensions with one value per call, which window summaries are kept by. */
export const CATEGORICAL_DIMENSIONS = ['AGENT', 'CAMPAIGN', 'SKILL', 'TYPE', 'HANG_UP', 'COD_ACT', 'COD_ACT_2', 'DESTINY', 'COUNTRY'] as const;
export type CategoricalDimension = (typeof CATEGORICAL_DIMENSIONS)[number];
export type TimeDimension = Exclude<CallDimension, CategoricalDimension>;

/** The values one report group shares; a dimension that is not grouped on is `undefined`. */
export interface CallGroupKey {
  readonly agentId?: string | null;
  readonly campaignId?: string | null;
  readonly skillId?: string | null;
  readonly type?: InteractionType;
  readonly hangUp?: string | null;
  readonly codAct?: string | null;
  readonly codAct2?: string | null;
  readonly destiny?: string | null;
  /** ISO 3166-1 alpha-2, or UNKNOWN_COUNTRY. */
  readonly country?: string;
  /** Start of the finest calendar bucket asked (HOUR, DAY, WEEK or MONTH), epoch ms. */
  readonly period?: number;
  /** ISO weekday, 1 (Monday) to 7, local. */
  readonly weekday?: number;
  /** Local hour of day, 0 to 23. */
  readonly hourOfDay?: number;
}

type ValueKey = Exclude<keyof CallGroupKey, 'period' | 'weekday' | 'hourOfDay'>;

/**
 * Each categorical dimension once: the group key field it fills, the filter list that constrains it,
 * and where a window keeps its values (a dictionary-encoded column; TYPE and COUNTRY have their own).
 */
export const CATEGORICAL: Readonly<Record<CategoricalDimension, { key: ValueKey; list: keyof CallFilter; column: CategoricalField | 'type' | 'country' }>> = {
  AGENT: { key: 'agentId', list: 'agentIds', column: 'agentId' },
  CAMPAIGN: { key: 'campaignId', list: 'campaignIds', column: 'campaignId' },
  SKILL: { key: 'skillId', list: 'skillIds', column: 'skillId' },
  TYPE: { key: 'type', list: 'types', column: 'type' },
  HANG_UP: { key: 'hangUp', list: 'hangUps', column: 'hangUp' },
  COD_ACT: { key: 'codAct', list: 'codActs', column: 'codAct' },
  COD_ACT_2: { key: 'codAct2', list: 'codActs2', column: 'codAct2' },
  DESTINY: { key: 'destiny', list: 'destinies', column: 'destiny' },
  COUNTRY: { key: 'country', list: 'countries', column: 'country' },
};

/**
 * Each time dimension: the local bucket a call's value is read from, and what of that bucket the
 * group keeps (its start, or its weekday or hour of day, which repeat from week to week).
 */
export const TIME: Readonly<Record<TimeDimension, { bucket: Bucket; key: 'period' | 'weekday' | 'hourOfDay' }>> = {
  HOUR: { bucket: 'hour', key: 'period' },
  DAY: { bucket: 'day', key: 'period' },
  WEEK: { bucket: 'week', key: 'period' },
  MONTH: { bucket: 'month', key: 'period' },
  WEEKDAY: { bucket: 'day', key: 'weekday' },
  HOUR_OF_DAY: { bucket: 'hour', key: 'hourOfDay' },
};

const BUCKETS_FINEST_FIRST: readonly Bucket[] = ['hour', 'day', 'week', 'month'];

export function isCategorical(dimension: CallDimension): dimension is CategoricalDimension {
  return (CATEGORICAL_DIMENSIONS as readonly string[]).includes(dimension);
}

/** The finest bucket any of `dimensions` reads (a call's whole time key follows from its start), or null. */
export function finestBucket(dimensions: readonly CallDimension[]): Bucket | null {
  const used = new Set(dimensions.filter((d): d is TimeDimension => !isCategorical(d)).map((d) => TIME[d].bucket));
  return BUCKETS_FINEST_FIRST.find((bucket) => used.has(bucket)) ?? null;
}

/** The finest calendar bucket asked (HOUR, DAY, WEEK, MONTH): what `period` is the start of. */
export function periodBucket(dimensions: readonly CallDimension[]): Bucket | null {
  const used = new Set(dimensions.filter((d): d is TimeDimension => !isCategorical(d) && TIME[d].key === 'period').map((d) => TIME[d].bucket));
  return BUCKETS_FINEST_FIRST.find((bucket) => used.has(bucket)) ?? null;
}

/** A dimension's values in one window as small integer codes, and the value of each code. */
export interface DimensionCodes {
  readonly codes: ArrayLike<number>;
  readonly distinct: number;
  valueOf(code: number): string | null;
}

export function dimensionCodes(columns: CallColumns, dimension: CategoricalDimension): DimensionCodes {
  const { column } = CATEGORICAL[dimension];
  if (column === 'type') return new TableCodes(columns.type, INTERACTION_TYPES);
  if (column === 'country') return countryCodes(columns);
  return new TableCodes(columns.codes[column], columns.tables[column].values);
}

/**
 * A dictionary-encoded column's codes. A class rather than an object with a closure: a scan asks
 * for these once per window and dimension, and a closure made per call is an allocation (and, as
 * tsx compiles it, a property definition) each time.
 */
class TableCodes implements DimensionCodes {
  readonly distinct: number;

  constructor(
    readonly codes: ArrayLike<number>,
    private readonly values: readonly (string | null)[],
  ) {
    this.distinct = values.length;
  }

  valueOf(code: number): string | null {
    return this.values[code] ?? null;
  }
}
