import { callId } from './call-id.js';
import { INTERACTION_TYPES, type CallRecord, type InteractionType } from './call-record.js';
import type { DecimalText } from './decimal.js';
import { microsToText, toMicros } from './money.js';
import { packCodes, StringTable } from './string-table.js';

/** Text fields that repeat from row to row, kept dictionary-encoded. */
export const CATEGORICAL_FIELDS = [
  'agentId', 'agentName', 'campaignId', 'skillId', 'skillName', 'hangUp', 'codAct', 'codAct2',
  'descriptionCodAct', 'descriptionCodAct2', 'destiny', 'typeRaw', 'comment',
] as const;
export type CategoricalField = (typeof CATEGORICAL_FIELDS)[number];

type Codes = Uint8Array | Uint16Array | Uint32Array;

/** Everything a CallColumns holds, as plain arrays: what the durable tiers store (src/store/). */
export interface ColumnParts {
  readonly date: Float64Array;
  readonly durationSeconds: Uint32Array;
  readonly costMicros: Float64Array;
  readonly billedMicros: Float64Array;
  readonly type: Uint8Array;
  readonly connId: readonly string[];
  readonly telephone: readonly (string | null)[];
  readonly customerId: readonly (string | null)[];
  readonly codes: Readonly<Record<CategoricalField, Codes>>;
  /** Each categorical field's distinct values; index 0 is null (see StringTable). */
  readonly tableValues: Readonly<Record<CategoricalField, readonly (string | null)[]>>;
  readonly exactText: ReadonlyMap<string, DecimalText>;
  readonly idOverrides: ReadonlyMap<number, string>;
}

/**
 * One window's calls, stored by column: numbers in typed arrays, repeated text as dictionary codes,
 * ids derived from the instant and `conn_id`. About a quarter of the memory of one object per call
 * (see `npm run bench`), and scans read only the columns they need. Rows are in (date, id) order.
 * A CallRecord is built only for a call that is actually returned.
 */
export class CallColumns {
  readonly length: number;
  readonly date: Float64Array;
  readonly durationSeconds: Uint32Array;
  /** Cost in micro-units; NaN where it does not fit (then `exactText` has it). */
  readonly costMicros: Float64Array;
  /** Billed minutes in micro-units; NaN where absent or where it does not fit (see `exactText`). */
  readonly billedMicros: Float64Array;
  /** Index of the call's InteractionType in INTERACTION_TYPES. */
  readonly type: Uint8Array;
  readonly connId: readonly string[];
  readonly telephone: readonly (string | null)[];
  readonly customerId: readonly (string | null)[];
  readonly codes: Readonly<Record<CategoricalField, Codes>>;
  readonly tables: Readonly<Record<CategoricalField, StringTable>>;
  /** Decimals that do not fit micro-units, by `cost:<row>` / `billed:<row>`. */
  private readonly exactText: ReadonlyMap<string, DecimalText>;
  /** Ids that are not the plain `<second>.<conn_id>` (legs sharing both), by row. */
  private readonly idOverrides: ReadonlyMap<number, string>;

  private constructor(parts: ColumnParts) {
    this.length = parts.date.length;
    this.date = parts.date;
    this.durationSeconds = parts.durationSeconds;
    this.costMicros = parts.costMicros;
    this.billedMicros = parts.billedMicros;
    this.type = parts.type;
    this.connId = parts.connId;
    this.telephone = parts.telephone;
    this.customerId = parts.customerId;
    this.codes = parts.codes;
    this.tables = Object.fromEntries(CATEGORICAL_FIELDS.map((field) => [field, StringTable.of(parts.tableValues[field])])) as Record<CategoricalField, StringTable>;
    this.exactText = parts.exactText;
    this.idOverrides = parts.idOverrides;
  }

  /** `records` must be in (date, id) order. */
  static from(records: readonly CallRecord[]): CallColumns {
    const n = records.length;
    const date = new Float64Array(n);
    const durationSeconds = new Uint32Array(n);
    const costMicros = new Float64Array(n);
    const billedMicros = new Float64Array(n);
    const type = new Uint8Array(n);
    const connId: string[] = new Array(n);
    const telephone: (string | null)[] = new Array(n);
    const customerId: (string | null)[] = new Array(n);
    const exactText = new Map<string, DecimalText>();
    const idOverrides = new Map<number, string>();
    const tables = Object.fromEntries(CATEGORICAL_FIELDS.map((field) => [field, new StringTable()])) as Record<CategoricalField, StringTable>;
    const rawCodes = Object.fromEntries(CATEGORICAL_FIELDS.map((field) => [field, new Array<number>(n)])) as Record<CategoricalField, number[]>;

    records.forEach((call, i) => {
      date[i] = call.date;
      durationSeconds[i] = call.durationSeconds;
      costMicros[i] = toMicros(call.cost);
      if (Number.isNaN(costMicros[i])) exactText.set(`cost:${i}`, call.cost);
      billedMicros[i] = call.billedMinutes === null ? Number.NaN : toMicros(call.billedMinutes);
      if (call.billedMinutes !== null && Number.isNaN(billedMicros[i])) exactText.set(`billed:${i}`, call.billedMinutes);
      type[i] = INTERACTION_TYPES.indexOf(call.type);
      connId[i] = call.connId;
      telephone[i] = call.telephone;
      customerId[i] = call.customerId;
      if (call.id !== callId(call.date, call.connId)) idOverrides.set(i, call.id);
      for (const field of CATEGORICAL_FIELDS) rawCodes[field][i] = tables[field].code(call[field]);
    });
    const codes = Object.fromEntries(
      CATEGORICAL_FIELDS.map((field) => [field, packCodes(rawCodes[field], tables[field].values.length)]),
    ) as Record<CategoricalField, Codes>;
    const tableValues = Object.fromEntries(CATEGORICAL_FIELDS.map((field) => [field, tables[field].values])) as Record<CategoricalField, (string | null)[]>;
    return new CallColumns({ date, durationSeconds, costMicros, billedMicros, type, connId, telephone, customerId, codes, tableValues, exactText, idOverrides });
  }

  /** Columns stored earlier (parts as `parts()` gave them); trusted as they are, the store having checked them. */
  static fromParts(parts: ColumnParts): CallColumns {
    return new CallColumns(parts);
  }

  parts(): ColumnParts {
    const tableValues = Object.fromEntries(CATEGORICAL_FIELDS.map((field) => [field, this.tables[field].values])) as Record<CategoricalField, (string | null)[]>;
    const { date, durationSeconds, costMicros, billedMicros, type, connId, telephone, customerId, codes, exactText, idOverrides } = this;
    return { date, durationSeconds, costMicros, billedMicros, type, connId, telephone, customerId, codes, tableValues, exactText, idOverrides };
  }

  id(i: number): string {
    return this.idOverrides.get(i) ?? callId(this.date[i]!, this.connId[i]!);
  }

  text(field: CategoricalField, i: number): string | null {
    return this.tables[field].value(this.codes[field][i]!);
  }

  interactionType(i: number): InteractionType {
    return INTERACTION_TYPES[this.type[i]!]!;
  }

  /** The exact cost text of a row whose cost does not fit micro-units. */
  exactCost(i: number): DecimalText {
    return this.exactText.get(`cost:${i}`)!;
  }

  /** The exact billed minutes of a row, or null when wolkvox sent none. */
  billedMinutes(i: number): DecimalText | null {
    const micros = this.billedMicros[i]!;
    return Number.isNaN(micros) ? (this.exactText.get(`billed:${i}`) ?? null) : microsToText(micros);
  }

  cost(i: number): DecimalText {
    const micros = this.costMicros[i]!;
    return Number.isNaN(micros) ? this.exactCost(i) : microsToText(micros);
  }

  record(i: number): CallRecord {
    return {
      id: this.id(i),
      connId: this.connId[i]!,
      date: this.date[i]!,
      destiny: this.text('destiny', i),
      telephone: this.telephone[i]!,
      cost: this.cost(i),
      durationSeconds: this.durationSeconds[i]!,
      billedMinutes: this.billedMinutes(i),
      codAct: this.text('codAct', i),
      codAct2: this.text('codAct2', i),
      descriptionCodAct: this.text('descriptionCodAct', i),
      descriptionCodAct2: this.text('descriptionCodAct2', i),
      type: this.interactionType(i),
      typeRaw: this.text('typeRaw', i) ?? '',
      customerId: this.customerId[i]!,
      hangUp: this.text('hangUp', i),
      comment: this.text('comment', i),
      agentId: this.text('agentId', i),
      agentName: this.text('agentName', i),
      campaignId: this.text('campaignId', i),
      skillId: this.text('skillId', i),
      skillName: this.text('skillName', i),
    };
  }
}
