import { hash } from 'node:crypto';
import type { CallPosition, OrderedCalls } from '../domain/call-order.js';
import type { CallRecord } from '../domain/call-record.js';
import { toDecimalText } from '../domain/decimal.js';
import { GRAPH_LIMITS } from './context.js';
import { badUserInput } from './errors.js';
import { checkedPageSize } from './page-size.js';
import { partitionPoint } from '../domain/partition-point.js';

export interface PageArgs {
  readonly first?: number | null;
  readonly after?: string | null;
  readonly last?: number | null;
  readonly before?: string | null;
}

export interface CallPageData {
  readonly edges: { cursor: string; node: CallRecord }[];
  readonly pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const CURSOR_VERSION = 1;

/**
 * One page of `calls`, in their order. A cursor holds the position of a call in that order (its
 * date and id, and its cost or duration when ordered so) and a hash of the query it came from
 * (`scope`: range, filter and order), so it stays valid while the same query is asked again, even
 * after the data changed, and is refused, clearly, with any other query.
 */
export function paginate(calls: OrderedCalls, args: PageArgs, scope: string): CallPageData {
  const { first, last } = args;
  if (first != null && last != null) throw badUserInput('Pass either first or last, not both.');
  checkedPageSize('first', first);
  checkedPageSize('last', last);
  const scopeHash = hashScope(scope);
  let start = 0;
  let end = calls.length;
  if (args.after != null) start = firstAfter(calls, decodeCursor(args.after, scopeHash, 'after'));
  if (args.before != null) end = Math.max(start, firstAtOrAfter(calls, decodeCursor(args.before, scopeHash, 'before')));
  if (last != null) start = Math.max(start, end - last);
  else end = Math.min(end, start + (first ?? GRAPH_LIMITS.defaultPageSize));

  const edges: CallPageData['edges'] = [];
  for (let position = start; position < end; position += 1) {
    edges.push({ cursor: encodeCursor(calls.positionAt(position), scopeHash), node: calls.recordAt(position) });
  }
  return {
    edges,
    pageInfo: {
      hasNextPage: end < calls.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

function hashScope(scope: string): string {
  return hash('sha1', scope, 'base64url').slice(0, 10);
}

function encodeCursor(at: CallPosition, scopeHash: string): string {
  const fields: unknown[] = [CURSOR_VERSION, scopeHash, at.date, at.id];
  if (at.value !== undefined) fields.push(at.value);
  return Buffer.from(JSON.stringify(fields)).toString('base64url');
}

function decodeCursor(cursor: string, scopeHash: string, argument: string): CallPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const value = Array.isArray(parsed) ? parsed[4] : undefined;
  if (
    !Array.isArray(parsed) || parsed[0] !== CURSOR_VERSION || typeof parsed[2] !== 'number' || typeof parsed[3] !== 'string' ||
    !(value === undefined || typeof value === 'number' || (typeof value === 'string' && toDecimalText(value) === value))
  ) {
    throw badUserInput(`${argument} is not a cursor this API issued; use a cursor from edges.cursor or pageInfo.`);
  }
  if (parsed[1] !== scopeHash) {
    throw badUserInput(`${argument} belongs to a different range, filter or order; cursors are valid only for the query that returned them.`);
  }
  return value === undefined ? { date: parsed[2], id: parsed[3] } : { date: parsed[2], id: parsed[3], value: value as CallPosition['value'] & {} };
}

/** Position of the first call strictly after `at`; `at` need not exist any more. */
function firstAfter(calls: OrderedCalls, at: CallPosition): number {
  const i = firstAtOrAfter(calls, at);
  return i < calls.length && calls.compareAt(i, at) === 0 ? i + 1 : i;
}

function firstAtOrAfter(calls: OrderedCalls, at: CallPosition): number {
  return partitionPoint(calls.length, (i) => calls.compareAt(i, at) < 0);
}
