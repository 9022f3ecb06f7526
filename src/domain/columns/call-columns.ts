import { callId, compareDateThenId, disambiguatedCallId } from '../model/call-id.js';
import { INTERACTION_TYPES, type CallRecord, type InteractionType } from '../model/call-record.js';
import type { DecimalText } from '../model/decimal.js';
import { microsToText, toMicros } from '../model/money.js';
import { partitionPoint } from '../util/partition-point.js';
import { packCodes, StringTable } from './string-table.js';

/** Text fields that repeat from row to row, kept dictionary-encoded. */
export const CATEGORICAL_FIELDS = [
  'agentId', 'agentName', 'campaignId', 'skillId', 'skillName', 'hangUp', 'codAct', 'codAct2',
  'descriptionCodAct', 'descriptionCodAct2', 'destiny', 'typeRaw', 'comment',
] as const;
export type CategoricalField = (typeof CATEGORICAL_FIELDS)[number];

type Codes = Uint8Array | Uint16Array | Uint32Array;

/** Some legs of a CallColumns (a window's, an answer's), by row number, in the order wanted. */
export interface LegPick {
  readonly columns: CallColumns;
  readonly rows: ArrayLike<number> & Iterable<number>;
}

/** Per categorical field, the code each source code got in the tables being built, valid where its stamp is the gather's. */
interface Recoding {
  stamp: number;
  readonly fields: readonly { readonly codes: Uint32Array; readonly stamps: Uint32Array }[];
}

/** The indices `[from, to)`. */
export function rowRange(from: number, to: number): Uint32Array {
  const rows = new Uint32Array(Math.max(0, to - from));
  for (let i = 0; i < rows.length; i += 1) rows[i] = from + i;
  return rows;
}

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
  /** Scratch of `gather` when these columns are gathered from (an answer cut into windows). */
  private recoding: Recoding | undefined;

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
    const builder = new CallColumnsBuilder(records.length);
    for (const record of records) builder.add(record, record.id);
    return builder.build();
  }

  /**
   * The rows each pick lists, in that order, as columns of their own: text re-coded into tables of
   * just the values these rows use (a window keeps its own small dictionaries, not its answer's), and
   * only as many hashes as there are distinct values per pick.
   */
  static gather(picks: readonly LegPick[]): CallColumns {
    let n = 0;
    for (const pick of picks) n += pick.rows.length;
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
    const tables = CATEGORICAL_FIELDS.map(() => new StringTable());
    const gathered = CATEGORICAL_FIELDS.map(() => new Uint32Array(n));
    let k = 0;
    for (const { columns, rows } of picks) {
      const sourceCodes = CATEGORICAL_FIELDS.map((field) => columns.codes[field]);
      const sourceValues = CATEGORICAL_FIELDS.map((field) => columns.tables[field].values);
      const recoding = columns.recodingFor();
      const exact = columns.exactText.size > 0;
      const overridden = columns.idOverrides.size > 0;
      for (let r = 0; r < rows.length; r += 1, k += 1) {
        const i = rows[r]!;
        date[k] = columns.date[i]!;
        durationSeconds[k] = columns.durationSeconds[i]!;
        costMicros[k] = columns.costMicros[i]!;
        billedMicros[k] = columns.billedMicros[i]!;
        type[k] = columns.type[i]!;
        connId[k] = columns.connId[i]!;
        telephone[k] = columns.telephone[i]!;
        customerId[k] = columns.customerId[i]!;
        if (exact) {
          const cost = columns.exactText.get(`cost:${i}`);
          if (cost !== undefined) exactText.set(`cost:${k}`, cost);
          const billed = columns.exactText.get(`billed:${i}`);
          if (billed !== undefined) exactText.set(`billed:${k}`, billed);
        }
        if (overridden) {
          const id = columns.idOverrides.get(i);
          if (id !== undefined) idOverrides.set(k, id);
        }
        for (let f = 0; f < CATEGORICAL_FIELDS.length; f += 1) {
          const code = sourceCodes[f]![i]!;
          const { codes, stamps } = recoding.fields[f]!;
          if (stamps[code] !== recoding.stamp) {
            stamps[code] = recoding.stamp;
            codes[code] = tables[f]!.code(sourceValues[f]![code]!);
          }
          gathered[f]![k] = codes[code]!;
        }
      }
    }
    const codes = Object.fromEntries(CATEGORICAL_FIELDS.map((field, f) => [field, packCodes(gathered[f]!, tables[f]!.values.length)])) as Record<CategoricalField, Codes>;
    const tableValues = Object.fromEntries(CATEGORICAL_FIELDS.map((field, f) => [field, tables[f]!.values])) as Record<CategoricalField, (string | null)[]>;
    return new CallColumns({ date, durationSeconds, costMicros, billedMicros, type, connId, telephone, customerId, codes, tableValues, exactText, idOverrides });
  }

  /**
   * Where one gather notes the code each of these columns' codes gets in the tables it builds: kept
   * with these columns and told apart by a stamp per gather, so that cutting an answer into windows
   * costs no allocation per window the size of the answer's dictionaries (free-text comments can make
   * them as long as the answer).
   */
  private recodingFor(): Recoding {
    const recoding = (this.recoding ??= {
      stamp: 0,
      fields: CATEGORICAL_FIELDS.map((field) => ({ codes: new Uint32Array(this.tables[field].values.length), stamps: new Uint32Array(this.tables[field].values.length) })),
    });
    recoding.stamp += 1;
    return recoding;
  }

  /** Rows `[from, to)` as columns of their own (a window's share of a longer answer). */
  slice(from: number, to: number): CallColumns {
    return CallColumns.gather([{ columns: this, rows: rowRange(from, to) }]);
  }

  /** Index of the first row at or after `instant` (rows are in date order). */
  rowAt(instant: number): number {
    return partitionPoint(this.length, (i) => this.date[i]! < instant);
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

/**
 * Columns built a leg at a time, in any order, with no object kept per leg: how an answer's rows
 * become columns as they are read. `build` puts them in (date, id) order.
 */
export class CallColumnsBuilder {
  private added = 0;
  private readonly date: Float64Array;
  private readonly durationSeconds: Uint32Array;
  private readonly costMicros: Float64Array;
  private readonly billedMicros: Float64Array;
  private readonly type: Uint8Array;
  private readonly connId: string[];
  private readonly telephone: (string | null)[];
  private readonly customerId: (string | null)[];
  private readonly exactText = new Map<string, DecimalText>();
  private readonly idOverrides = new Map<number, string>();
  private readonly tables = CATEGORICAL_FIELDS.map(() => new StringTable());
  private readonly codes: Uint32Array[];

  /** `capacity`: the most legs that will be added. */
  constructor(capacity: number) {
    this.date = new Float64Array(capacity);
    this.durationSeconds = new Uint32Array(capacity);
    this.costMicros = new Float64Array(capacity);
    this.billedMicros = new Float64Array(capacity);
    this.type = new Uint8Array(capacity);
    this.connId = new Array<string>(capacity);
    this.telephone = new Array<string | null>(capacity);
    this.customerId = new Array<string | null>(capacity);
    this.codes = CATEGORICAL_FIELDS.map(() => new Uint32Array(capacity));
  }

  /** Legs added so far. */
  get length(): number {
    return this.added;
  }

  /** `id`: when the leg has one already; else it gets the plain one, or one from its content where legs share that (see `build`). */
  add(call: Omit<CallRecord, 'id'>, id?: string): void {
    const i = this.added;
    this.added += 1;
    this.date[i] = call.date;
    this.durationSeconds[i] = call.durationSeconds;
    const cost = toMicros(call.cost);
    this.costMicros[i] = cost;
    if (Number.isNaN(cost)) this.exactText.set(`cost:${i}`, call.cost);
    const billed = call.billedMinutes === null ? Number.NaN : toMicros(call.billedMinutes);
    this.billedMicros[i] = billed;
    if (call.billedMinutes !== null && Number.isNaN(billed)) this.exactText.set(`billed:${i}`, call.billedMinutes);
    this.type[i] = INTERACTION_TYPES.indexOf(call.type);
    this.connId[i] = call.connId;
    this.telephone[i] = call.telephone;
    this.customerId[i] = call.customerId;
    if (id !== undefined && id !== callId(call.date, call.connId)) this.idOverrides.set(i, id);
    for (let f = 0; f < CATEGORICAL_FIELDS.length; f += 1) this.codes[f]![i] = this.tables[f]!.code(call[CATEGORICAL_FIELDS[f]!]);
  }

  /**
   * The legs added, in (date, id) order. With `fingerprint` (the leg added `n`-th, every field as
   * text), legs added without an id that share their plain one (instant and conn_id) get ids from
   * their content (call-id.ts); without it, ids are as given.
   */
  build(fingerprint?: (added: number) => string): CallColumns {
    const n = this.added;
    const order = this.dateOrder();
    const addedInDateOrder = order.every((row, i) => row === i);
    for (let start = 0; start < n; ) {
      const second = Math.floor(this.date[order[start]!]! / 1000);
      let end = start + 1;
      while (end < n && Math.floor(this.date[order[end]!]! / 1000) === second) end += 1;
      if (end - start > 1) this.settleSecond(order, start, end, fingerprint);
      start = end;
    }
    // Added in date order (wolkvox's usual answer): only legs of one second may change places, here.
    if (addedInDateOrder) this.reorderWithin(order);
    const codes = Object.fromEntries(CATEGORICAL_FIELDS.map((field, f) => [field, packCodes(this.codes[f]!.subarray(0, n), this.tables[f]!.values.length)])) as Record<CategoricalField, Codes>;
    const tableValues = Object.fromEntries(CATEGORICAL_FIELDS.map((field, f) => [field, this.tables[f]!.values])) as Record<CategoricalField, (string | null)[]>;
    const added = CallColumns.fromParts({
      date: this.date.subarray(0, n), durationSeconds: this.durationSeconds.subarray(0, n), costMicros: this.costMicros.subarray(0, n),
      billedMicros: this.billedMicros.subarray(0, n), type: this.type.subarray(0, n), connId: this.connId.slice(0, n), telephone: this.telephone.slice(0, n),
      customerId: this.customerId.slice(0, n), codes, tableValues, exactText: this.exactText, idOverrides: this.idOverrides,
    });
    return addedInDateOrder ? added : CallColumns.gather([{ columns: added, rows: order }]);
  }

  /**
   * Puts the legs in `order` where it only exchanges legs within short runs (those of one second),
   * moving just those, rather than copying every column.
   */
  private reorderWithin(order: Uint32Array): void {
    for (let start = 0; start < order.length; start += 1) {
      if (order[start] === start) continue;
      let end = start + 1;
      for (let highest = order[start]!; highest >= end; end += 1) highest = Math.max(highest, order[end]!);
      this.moveRun(start, Array.from(order.subarray(start, end)));
      start = end - 1;
    }
  }

  /** Legs `from[j]` go to `start + j` (`from` a permutation of the run's own positions). */
  private moveRun(start: number, from: readonly number[]): void {
    const move = <T>(column: { [i: number]: T }) => {
      const values = from.map((i) => column[i]!);
      values.forEach((value, j) => (column[start + j] = value));
    };
    for (const column of [this.date, this.durationSeconds, this.costMicros, this.billedMicros, this.type, ...this.codes]) move(column);
    for (const column of [this.connId, this.telephone, this.customerId]) move(column);
    for (const prefix of ['cost:', 'billed:']) {
      const texts = from.map((i) => this.exactText.get(`${prefix}${i}`));
      texts.forEach((text, j) => (text === undefined ? this.exactText.delete(`${prefix}${start + j}`) : this.exactText.set(`${prefix}${start + j}`, text)));
    }
    const ids = from.map((i) => this.idOverrides.get(i));
    ids.forEach((id, j) => (id === undefined ? this.idOverrides.delete(start + j) : this.idOverrides.set(start + j, id)));
  }

  /** Indices of the legs by date, ties in the order added (wolkvox sends them in date order: then no sort). */
  private dateOrder(): Uint32Array {
    const order = rowRange(0, this.added);
    let sorted = true;
    for (let i = 1; i < this.added && sorted; i += 1) sorted = this.date[i - 1]! <= this.date[i]!;
    if (!sorted) order.sort((a, b) => this.date[a]! - this.date[b]! || a - b);
    return order;
  }

  /** Legs `order[start..end)` share a second: ids for those that share a plain one, then (date, id) order among them. */
  private settleSecond(order: Uint32Array, start: number, end: number, fingerprint?: (added: number) => string): void {
    const legs = Array.from(order.subarray(start, end));
    if (fingerprint) {
      const plain = (i: number) => callId(this.date[i]!, this.connId[i]!);
      const unnamed = legs.filter((i) => !this.idOverrides.has(i));
      const shared = new Set(unnamed.map(plain).filter((id, at, ids) => ids.indexOf(id) !== at));
      const occurrences = new Map<string, number>();
      for (const i of unnamed) {
        if (!shared.has(plain(i))) continue;
        const content = fingerprint(i);
        const seen = occurrences.get(content) ?? 0;
        occurrences.set(content, seen + 1);
        this.idOverrides.set(i, disambiguatedCallId(this.date[i]!, this.connId[i]!, content, seen));
      }
    }
    const keyed = legs.map((i) => ({ i, date: this.date[i]!, id: this.idOverrides.get(i) ?? callId(this.date[i]!, this.connId[i]!) }));
    keyed.sort(compareDateThenId);
    order.set(keyed.map(({ i }) => i), start);
  }
}
