import { callId, compareDateThenId, disambiguatedCallId } from '../model/call-id.js';
import { INTERACTION_TYPES, type CallRecord } from '../model/call-record.js';
import type { DecimalText } from '../model/decimal.js';
import { toMicros } from '../model/money.js';
import { CallColumns, rowRange } from './call-columns.js';
import {
  CATEGORICAL_FIELDS, firstLegs, numberColumns, plainColumns, textColumns,
  type CategoricalField, type Codes, type NumberColumns, type WritableTextColumns,
} from './column-table.js';
import { packCodes, StringTable } from './string-table.js';

/** Columns of `records`, which must be in (date, id) order. */
export function columnsOf(records: readonly CallRecord[]): CallColumns {
  const builder = new CallColumnsBuilder(records.length);
  for (const record of records) builder.add(record, record.id);
  return builder.build();
}

/**
 * Columns built a leg at a time, in any order, with no object kept per leg: how an answer's rows
 * become columns as they are read. `build` puts them in (date, id) order.
 */
export class CallColumnsBuilder {
  private added = 0;
  private readonly numbers: NumberColumns;
  private readonly texts: WritableTextColumns;
  private readonly exactText = new Map<string, DecimalText>();
  private readonly idOverrides = new Map<number, string>();
  private readonly tables = CATEGORICAL_FIELDS.map(() => new StringTable());
  private readonly codes: Uint32Array[];

  /** `capacity`: the most legs that will be added. */
  constructor(capacity: number) {
    this.numbers = numberColumns(capacity);
    this.texts = textColumns(capacity);
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
    const { numbers, texts } = this;
    numbers.date[i] = call.date;
    const cost = toMicros(call.cost);
    numbers.costMicros[i] = cost;
    if (Number.isNaN(cost)) this.exactText.set(`cost:${i}`, call.cost);
    const billed = call.billedMinutes === null ? Number.NaN : toMicros(call.billedMinutes);
    numbers.billedMicros[i] = billed;
    if (call.billedMinutes !== null && Number.isNaN(billed)) this.exactText.set(`billed:${i}`, call.billedMinutes);
    numbers.durationSeconds[i] = call.durationSeconds;
    numbers.type[i] = INTERACTION_TYPES.indexOf(call.type);
    texts.connId[i] = call.connId;
    texts.telephone[i] = call.telephone;
    texts.customerId[i] = call.customerId;
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
    const { date } = this.numbers;
    const order = this.dateOrder();
    const addedInDateOrder = order.every((row, i) => row === i);
    for (let start = 0; start < n; ) {
      const second = Math.floor(date[order[start]!]! / 1000);
      let end = start + 1;
      while (end < n && Math.floor(date[order[end]!]! / 1000) === second) end += 1;
      if (end - start > 1) this.settleSecond(order, start, end, fingerprint);
      start = end;
    }
    // Added in date order (wolkvox's usual answer): only legs of one second may change places, here.
    if (addedInDateOrder) this.reorderWithin(order);
    const codes = Object.fromEntries(CATEGORICAL_FIELDS.map((field, f) => [field, packCodes(this.codes[f]!.subarray(0, n), this.tables[f]!.values.length)])) as Record<CategoricalField, Codes>;
    const tableValues = Object.fromEntries(CATEGORICAL_FIELDS.map((field, f) => [field, this.tables[f]!.values])) as Record<CategoricalField, (string | null)[]>;
    const added = CallColumns.fromParts({ ...firstLegs(this.numbers, this.texts, n), codes, tableValues, exactText: this.exactText, idOverrides: this.idOverrides });
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
    const move = <T>(column: Record<number, T>) => {
      const values = from.map((i) => column[i]!);
      values.forEach((value, j) => (column[start + j] = value));
    };
    for (const column of [...plainColumns({ ...this.numbers, ...this.texts }), ...this.codes]) move(column);
    for (const prefix of ['cost:', 'billed:']) {
      const texts = from.map((i) => this.exactText.get(`${prefix}${i}`));
      texts.forEach((text, j) => (text === undefined ? this.exactText.delete(`${prefix}${start + j}`) : this.exactText.set(`${prefix}${start + j}`, text)));
    }
    const ids = from.map((i) => this.idOverrides.get(i));
    ids.forEach((id, j) => (id === undefined ? this.idOverrides.delete(start + j) : this.idOverrides.set(start + j, id)));
  }

  /** Indices of the legs by date, ties in the order added (wolkvox sends them in date order: then no sort). */
  private dateOrder(): Uint32Array {
    const { date } = this.numbers;
    const order = rowRange(0, this.added);
    let sorted = true;
    for (let i = 1; i < this.added && sorted; i += 1) sorted = date[i - 1]! <= date[i]!;
    if (!sorted) order.sort((a, b) => date[a]! - date[b]! || a - b);
    return order;
  }

  /** Legs `order[start..end)` share a second: ids for those that share a plain one, then (date, id) order among them. */
  private settleSecond(order: Uint32Array, start: number, end: number, fingerprint?: (added: number) => string): void {
    const { date } = this.numbers;
    const { connId } = this.texts;
    const legs = Array.from(order.subarray(start, end));
    if (fingerprint) {
      const plain = (i: number) => callId(date[i]!, connId[i]!);
      const unnamed = legs.filter((i) => !this.idOverrides.has(i));
      const shared = new Set(unnamed.map(plain).filter((id, at, ids) => ids.indexOf(id) !== at));
      const occurrences = new Map<string, number>();
      for (const i of unnamed) {
        if (!shared.has(plain(i))) continue;
        const content = fingerprint(i);
        const seen = occurrences.get(content) ?? 0;
        occurrences.set(content, seen + 1);
        this.idOverrides.set(i, disambiguatedCallId(date[i]!, connId[i]!, content, seen));
      }
    }
    const keyed = legs.map((i) => ({ i, date: date[i]!, id: this.idOverrides.get(i) ?? callId(date[i]!, connId[i]!) }));
    keyed.sort(compareDateThenId);
    order.set(keyed.map(({ i }) => i), start);
  }
}
