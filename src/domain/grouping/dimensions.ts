import type { CallColumns } from '../columns/call-columns.js';
import type { CategoricalField } from '../columns/column-table.js';
import { INTERACTION_TYPES, type InteractionType } from '../model/call-record.js';
import { countryCodes } from '../columns/derived-columns.js';
import type { Bucket } from '../time/zone-clock.js';

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
 * Each categorical dimension once: the group key field it fills, and where a window keeps its values
 * (a dictionary-encoded column; TYPE and COUNTRY have their own). The filter list that constrains it
 * is the filter's to know (prepared-filter.ts).
 */
export const CATEGORICAL: Readonly<Record<CategoricalDimension, { key: ValueKey; column: CategoricalField | 'type' | 'country' }>> = {
  AGENT: { key: 'agentId', column: 'agentId' },
  CAMPAIGN: { key: 'campaignId', column: 'campaignId' },
  SKILL: { key: 'skillId', column: 'skillId' },
  TYPE: { key: 'type', column: 'type' },
  HANG_UP: { key: 'hangUp', column: 'hangUp' },
  COD_ACT: { key: 'codAct', column: 'codAct' },
  COD_ACT_2: { key: 'codAct2', column: 'codAct2' },
  DESTINY: { key: 'destiny', column: 'destiny' },
  COUNTRY: { key: 'country', column: 'country' },
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
