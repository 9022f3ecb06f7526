import { cursorScope, decodeCursor, encodeCursor, firstAfter, firstAtOrAfter } from '../../domain/listing/call-cursor.js';
import type { CallPosition, OrderedLegs } from '../../domain/listing/call-order.js';
import type { CallRecord } from '../../domain/model/call-record.js';
import { GRAPH_LIMITS } from '../core/limits.js';
import { badUserInput } from '../core/errors.js';
import { checkedPageSize } from '../inputs/page-size.js';

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

/**
 * One page of `calls`, in their order. A cursor holds the position of a call in that order (its
 * date and id, and its cost or duration when ordered so) and a hash of the query it came from
 * (`scope`: range, filter and order), so it stays valid while the same query is asked again, even
 * after the data changed, and is refused, clearly, with any other query.
 */
export function paginate(calls: OrderedLegs, args: PageArgs, scope: string): CallPageData {
  const { first, last } = args;
  if (first != null && last != null) throw badUserInput('Pass either first or last, not both.');
  checkedPageSize('first', first);
  checkedPageSize('last', last);
  const scopeHash = cursorScope(scope);
  let start = 0;
  let end = calls.length;
  if (args.after != null) start = firstAfter(calls, positionOf(args.after, scopeHash, 'after'));
  if (args.before != null) end = Math.max(start, firstAtOrAfter(calls, positionOf(args.before, scopeHash, 'before')));
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

/** The position a client's cursor names, or a BAD_USER_INPUT that says what is wrong with it. */
function positionOf(cursor: string, scope: string, argument: string): CallPosition {
  const decoded = decodeCursor(cursor, scope);
  if (decoded.kind === 'not-ours') throw badUserInput(`${argument} is not a cursor this API issued; use a cursor from edges.cursor or pageInfo.`);
  if (decoded.kind === 'other-query') {
    throw badUserInput(`${argument} belongs to a different range, filter or order; cursors are valid only for the query that returned them.`);
  }
  return decoded.at;
}
