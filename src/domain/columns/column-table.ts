import type { DecimalText } from '../model/decimal.js';

/**
 * The columns a leg is stored in, listed once: CallColumns holds them, CallColumnsBuilder fills them,
 * a gather copies them and the stored form (store/window-codec.ts) writes them, each by going through
 * these lists rather than naming every column again (Apache Arrow's type table, for our one record).
 */

/** Numbers, each column a typed array. The stored form writes them in this order. */
export interface NumberColumns {
  readonly date: Float64Array;
  /** Cost in micro-units; NaN where it does not fit (then the exact text is kept: `ColumnParts.exactText`). */
  readonly costMicros: Float64Array;
  /** Billed minutes in micro-units; NaN where absent or where it does not fit (see `ColumnParts.exactText`). */
  readonly billedMicros: Float64Array;
  readonly durationSeconds: Uint32Array;
  /** Index of the call's InteractionType in INTERACTION_TYPES. */
  readonly type: Uint8Array;
}

export type NumberColumn = keyof NumberColumns;

/** How each number column is made for `length` legs. */
export const NUMBER_COLUMNS: { readonly [C in NumberColumn]: new (length: number) => NumberColumns[C] } = {
  date: Float64Array,
  costMicros: Float64Array,
  billedMicros: Float64Array,
  durationSeconds: Uint32Array,
  type: Uint8Array,
};

export const NUMBER_COLUMN_NAMES = Object.keys(NUMBER_COLUMNS) as NumberColumn[];

/** Text that seldom repeats from leg to leg, kept as it is. */
export interface TextColumns {
  readonly connId: readonly string[];
  readonly telephone: readonly (string | null)[];
  readonly customerId: readonly (string | null)[];
}

export type TextColumn = keyof TextColumns;

/** Text columns being written, a leg at a time. */
export type WritableTextColumns = { [C in TextColumn]: TextColumns[C][number][] };

const TEXT_COLUMN_SET: Readonly<Record<TextColumn, true>> = { connId: true, telephone: true, customerId: true };

export const TEXT_COLUMN_NAMES = Object.keys(TEXT_COLUMN_SET) as TextColumn[];

/** Text fields that repeat from leg to leg, kept dictionary-encoded. */
export const CATEGORICAL_FIELDS = [
  'agentId', 'agentName', 'campaignId', 'skillId', 'skillName', 'hangUp', 'codAct', 'codAct2',
  'descriptionCodAct', 'descriptionCodAct2', 'destiny', 'typeRaw', 'comment',
] as const;
export type CategoricalField = (typeof CATEGORICAL_FIELDS)[number];

/** A categorical field's codes, in the narrowest array its table allows (string-table.ts, packCodes). */
export type Codes = Uint8Array | Uint16Array | Uint32Array;

/** Everything a CallColumns holds, as plain arrays: what the durable tiers store (src/store/). */
export interface ColumnParts extends NumberColumns, TextColumns {
  readonly codes: Readonly<Record<CategoricalField, Codes>>;
  /** Each categorical field's distinct values; index 0 is null (see StringTable). */
  readonly tableValues: Readonly<Record<CategoricalField, readonly (string | null)[]>>;
  /** Decimals that do not fit micro-units, by `cost:<leg>` / `billed:<leg>`. */
  readonly exactText: ReadonlyMap<string, DecimalText>;
  /** Ids that are not the plain `<second>.<conn_id>` (legs sharing both), by leg. */
  readonly idOverrides: ReadonlyMap<number, string>;
}

/** Number columns for `length` legs, zeroed. */
export function numberColumns(length: number): NumberColumns {
  return Object.fromEntries(NUMBER_COLUMN_NAMES.map((column) => [column, new NUMBER_COLUMNS[column](length)])) as unknown as NumberColumns;
}

/** Text columns for `length` legs, to be written. */
export function textColumns(length: number): WritableTextColumns {
  return Object.fromEntries(TEXT_COLUMN_NAMES.map((column) => [column, new Array<string | null>(length)])) as unknown as WritableTextColumns;
}

/** The first `length` legs of each column: views of the number columns, copies of the text ones. */
export function firstLegs(numbers: NumberColumns, texts: TextColumns, length: number): NumberColumns & TextColumns {
  return {
    ...(Object.fromEntries(NUMBER_COLUMN_NAMES.map((column) => [column, numbers[column].subarray(0, length)])) as unknown as NumberColumns),
    ...(Object.fromEntries(TEXT_COLUMN_NAMES.map((column) => [column, texts[column].slice(0, length)])) as unknown as TextColumns),
  };
}

/** The text columns of `columns` (a CallColumns, say), as an object of their own. */
export function textsOf(columns: TextColumns): TextColumns {
  return Object.fromEntries(TEXT_COLUMN_NAMES.map((column) => [column, columns[column]])) as unknown as TextColumns;
}

/** The number and text columns of `columns`, as an object of their own. */
export function legColumns(columns: NumberColumns & TextColumns): NumberColumns & TextColumns {
  return { ...(Object.fromEntries(NUMBER_COLUMN_NAMES.map((column) => [column, columns[column]])) as unknown as NumberColumns), ...textsOf(columns) };
}

/** Every number and text column of `columns`, as one list (for moving legs in all of them). */
export function plainColumns(columns: NumberColumns & TextColumns): Record<number, unknown>[] {
  return [...NUMBER_COLUMN_NAMES.map((column) => columns[column]), ...TEXT_COLUMN_NAMES.map((column) => columns[column])];
}
