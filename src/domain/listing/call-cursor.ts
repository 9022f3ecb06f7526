import { hash } from 'node:crypto';
import type { CallPosition, OrderedLegs } from './call-order.js';
import { toDecimalText } from '../model/decimal.js';
import { partitionPoint } from '../util/partition-point.js';

const CURSOR_VERSION = 1;

/** What a cursor a client sent back says: a position in the query it came from, or why it is not one. */
export type DecodedCursor = { readonly kind: 'position'; readonly at: CallPosition } | { readonly kind: 'not-ours' } | { readonly kind: 'other-query' };

/** A short hash of the query a cursor belongs to (range, filter and order), so that it is refused with any other. */
export function cursorScope(query: string): string {
  return hash('sha1', query, 'base64url').slice(0, 10);
}

/** The position of a call in its order (date and id, and its cost or duration when ordered so) as opaque text. */
export function encodeCursor(at: CallPosition, scope: string): string {
  const fields: unknown[] = [CURSOR_VERSION, scope, at.date, at.id];
  if (at.value !== undefined) fields.push(at.value);
  return Buffer.from(JSON.stringify(fields)).toString('base64url');
}

export function decodeCursor(cursor: string, scope: string): DecodedCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const value: unknown = Array.isArray(parsed) ? parsed[4] : undefined;
  if (
    !Array.isArray(parsed) || parsed[0] !== CURSOR_VERSION || typeof parsed[2] !== 'number' || typeof parsed[3] !== 'string' ||
    !(value === undefined || typeof value === 'number' || (typeof value === 'string' && toDecimalText(value) === value))
  ) {
    return { kind: 'not-ours' };
  }
  if (parsed[1] !== scope) return { kind: 'other-query' };
  const at: CallPosition = value === undefined ? { date: parsed[2], id: parsed[3] } : { date: parsed[2], id: parsed[3], value: value as CallPosition['value'] & {} };
  return { kind: 'position', at };
}

/** Position of the first call strictly after `at`; `at` need not exist any more. */
export function firstAfter(calls: OrderedLegs, at: CallPosition): number {
  const i = firstAtOrAfter(calls, at);
  return i < calls.length && calls.compareAt(i, at) === 0 ? i + 1 : i;
}

export function firstAtOrAfter(calls: OrderedLegs, at: CallPosition): number {
  return partitionPoint(calls.length, (i) => calls.compareAt(i, at) < 0);
}
