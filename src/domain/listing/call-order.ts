import type { CallColumns } from '../columns/call-columns.js';
import type { LegList } from './leg-list.js';
import type { CallRecord } from '../model/call-record.js';
import { compareDateThenId } from '../model/call-id.js';
import { Decimal, type DecimalText } from '../model/decimal.js';
import { toMicros } from '../model/money.js';

export const CALL_ORDER_FIELDS = ['DATE', 'COST', 'DURATION'] as const;
export type CallOrderField = (typeof CALL_ORDER_FIELDS)[number];

export interface CallOrder {
  readonly field: CallOrderField;
  readonly descending: boolean;
}

export const DATE_ORDER: CallOrder = { field: 'DATE', descending: false };

/** Where a call sits in an order: what a cursor holds. `value` is the cost text or the duration (not for DATE). */
export interface CallPosition {
  readonly date: number;
  readonly id: string;
  readonly value?: DecimalText | number;
}

/** A filtered list in one order, as pages read it. */
export interface OrderedLegs {
  readonly length: number;
  recordAt(position: number): CallRecord;
  positionAt(position: number): CallPosition;
  /** Sign of (the call at `position` − `at`) in this order; `at` need not be a call of the list. */
  compareAt(position: number, at: CallPosition): number;
}

/**
 * `list` (in date, id order) in `order`: by date as it is, or by (cost or duration, date, id) through
 * a permutation sorted once per request. Descending is the exact reverse of ascending, so a cursor
 * means one place in either.
 *
 * The list is already in (date, id) order, so (value, position in the list) is the whole sort key: a
 * month of legs sorts as one typed array of numbers, and ids, texts and records are made for the
 * page's calls only (one object per leg took seconds and hundreds of MiB for a month of 600,000).
 */
export function orderedCalls(list: LegList, order: CallOrder): OrderedLegs {
  const sign = order.descending ? -1 : 1;
  if (order.field === 'DATE') {
    const at = (p: number) => (order.descending ? list.length - 1 - p : p);
    const positionAt = (p: number): CallPosition => ({ date: list.dateAt(at(p)), id: list.idAt(at(p)) });
    return {
      length: list.length,
      recordAt: (p) => list.recordAt(at(p)),
      positionAt,
      compareAt: (p, to) => sign * compareDateThenId(positionAt(p), to),
    };
  }
  const { number, text } = order.field === 'COST' ? COST : DURATION;
  const values = list.values(number);
  const textAt = (position: number) => {
    const [view, row] = list.locate(position);
    return text(view.columns, row);
  };
  const positions = sortedPositions(values, textAt);
  if (order.descending) positions.reverse();
  const keyAt = (position: number): Key => {
    const [view, row] = list.locate(position);
    return { date: view.columns.date[row]!, id: view.columns.id(row), value: { number: values[position]!, text: text(view.columns, row) } };
  };
  return {
    length: list.length,
    recordAt: (p) => list.recordAt(positions[p]!),
    positionAt: (p) => {
      const key = keyAt(positions[p]!);
      return { date: key.date, id: key.id, value: key.value.text };
    },
    compareAt: (p, to) => sign * compareKeys(keyAt(positions[p]!), { date: to.date, id: to.id, value: cursorValue(to.value) }),
  };
}

/**
 * List positions in ascending (value, position) order. When every value is an integer small enough,
 * value and position pack into one exact double and the native numeric sort does the work; otherwise
 * (a cost beyond micro-units, or very large) a comparator does, through Decimal where it must.
 */
function sortedPositions(values: Float64Array, textAt: (position: number) => DecimalText | number): Uint32Array {
  const n = values.length;
  const scale = 2 ** Math.max(1, Math.ceil(Math.log2(n + 1)));
  const packable = values.every((value) => Number.isInteger(value) && Math.abs(value) * scale + scale <= Number.MAX_SAFE_INTEGER);
  if (packable) {
    // Plain loops: typed arrays' map and from-with-a-function go through iterators, slower than the sort itself.
    const packed = new Float64Array(n);
    for (let position = 0; position < n; position += 1) packed[position] = values[position]! * scale + position;
    packed.sort();
    const positions = new Uint32Array(n);
    for (let k = 0; k < n; k += 1) positions[k] = packed[k]! - Math.floor(packed[k]! / scale) * scale;
    return positions;
  }
  const compare = (a: number, b: number) => {
    const x = values[a]!;
    const y = values[b]!;
    if (!Number.isNaN(x) && !Number.isNaN(y)) return x - y || a - b;
    return new Decimal(textAt(a)).comparedTo(textAt(b)) || a - b;
  };
  return Uint32Array.from({ length: n }, (_, position) => position).sort(compare);
}

/** A sort value: an exact integer to compare fast (seconds, or cost in micro-units; NaN when it does not fit), the text for cursors. */
interface Value {
  readonly number: number;
  readonly text: DecimalText | number;
}

interface Key {
  readonly date: number;
  readonly id: string;
  readonly value: Value;
}

/** How each order reads a leg: the number it sorts by, and the text its cursors carry. */
const COST = {
  number: (columns: CallColumns, row: number) => columns.costMicros[row]!,
  text: (columns: CallColumns, row: number): DecimalText | number => columns.cost(row),
};
const DURATION = {
  number: (columns: CallColumns, row: number) => columns.durationSeconds[row]!,
  text: (columns: CallColumns, row: number): DecimalText | number => columns.durationSeconds[row]!,
};

function cursorValue(value: DecimalText | number | undefined): Value {
  if (typeof value === 'number') return { number: value, text: value };
  const text = value ?? ('0' as DecimalText);
  return { number: toMicros(text), text };
}

function compareValues(a: Value, b: Value): number {
  // Durations and costs that fit micro-units are exact integers; the rare cost that does not goes through Decimal.
  if (!Number.isNaN(a.number) && !Number.isNaN(b.number)) return a.number - b.number;
  return new Decimal(a.text).comparedTo(b.text);
}

function compareKeys(a: Key, b: Key): number {
  return compareValues(a.value, b.value) || compareDateThenId(a, b);
}
