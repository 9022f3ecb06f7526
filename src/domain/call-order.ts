import type { CallColumns } from './call-columns.js';
import type { CallList } from './call-list.js';
import type { CallRecord } from './call-record.js';
import { Decimal, type DecimalText } from './decimal.js';
import { toMicros } from './money.js';

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
export interface OrderedCalls {
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
 */
export function orderedCalls(list: CallList, order: CallOrder): OrderedCalls {
  const sign = order.descending ? -1 : 1;
  if (order.field === 'DATE') {
    const at = (p: number) => (order.descending ? list.length - 1 - p : p);
    const positionAt = (p: number): CallPosition => ({ date: list.dateAt(at(p)), id: list.idAt(at(p)) });
    return {
      length: list.length,
      recordAt: (p) => list.recordAt(at(p)),
      positionAt,
      compareAt: (p, to) => sign * compareDateId(positionAt(p), to),
    };
  }
  const valueOf = order.field === 'COST' ? costOf : durationOf;
  const positions = Array.from({ length: list.length }, (_, p) => p);
  const keys = positions.map((p) => {
    const [view, row] = list.locate(p);
    return { date: view.columns.date[row]!, id: view.columns.id(row), value: valueOf(view.columns, row) };
  });
  positions.sort((a, b) => compareKeys(keys[a]!, keys[b]!));
  if (order.descending) positions.reverse();
  return {
    length: list.length,
    recordAt: (p) => list.recordAt(positions[p]!),
    positionAt: (p) => {
      const key = keys[positions[p]!]!;
      return { date: key.date, id: key.id, value: key.value.text };
    },
    compareAt: (p, to) => sign * compareKeys(keys[positions[p]!]!, { date: to.date, id: to.id, value: cursorValue(to.value) }),
  };
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

const costOf = (columns: CallColumns, row: number): Value => ({ number: columns.costMicros[row]!, text: columns.cost(row) });
const durationOf = (columns: CallColumns, row: number): Value => ({ number: columns.durationSeconds[row]!, text: columns.durationSeconds[row]! });

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
  return compareValues(a.value, b.value) || compareDateId(a, b);
}

function compareDateId(a: { date: number; id: string }, b: { date: number; id: string }): number {
  return a.date - b.date || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
