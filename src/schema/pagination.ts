import { hash } from 'node:crypto';
import type { CallList } from '../domain/call-list.js';
import type { CallRecord } from '../domain/call-record.js';
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

interface Position {
  readonly date: number;
  readonly id: string;
}

const CURSOR_VERSION = 1;

/**
 * One page of `calls` (sorted by date, then id). A cursor holds the position of a call and a hash of
 * the query it came from (`scope`: range and filter), so it stays valid while the same query is asked
 * again, even after the data changed, and is refused, clearly, with any other query.
 */
export function paginate(calls: CallList, args: PageArgs, scope: string): CallPageData {
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
    const node = calls.recordAt(position);
    edges.push({ cursor: encodeCursor(node, scopeHash), node });
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

function encodeCursor(call: CallRecord, scopeHash: string): string {
  return Buffer.from(JSON.stringify([CURSOR_VERSION, scopeHash, call.date, call.id])).toString('base64url');
}

function decodeCursor(cursor: string, scopeHash: string, argument: string): Position {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (!Array.isArray(parsed) || parsed[0] !== CURSOR_VERSION || typeof parsed[2] !== 'number' || typeof parsed[3] !== 'string') {
    throw badUserInput(`${argument} is not a cursor this API issued; use a cursor from edges.cursor or pageInfo.`);
  }
  if (parsed[1] !== scopeHash) {
    throw badUserInput(`${argument} belongs to a different range or filter; cursors are valid only for the query that returned them.`);
  }
  return { date: parsed[2], id: parsed[3] };
}

function isBefore(calls: CallList, position: number, at: Position): boolean {
  const date = calls.dateAt(position);
  return date < at.date || (date === at.date && calls.idAt(position) < at.id);
}

/** Position of the first call strictly after `at`; `at` need not exist any more. */
function firstAfter(calls: CallList, at: Position): number {
  const i = firstAtOrAfter(calls, at);
  return i < calls.length && calls.dateAt(i) === at.date && calls.idAt(i) === at.id ? i + 1 : i;
}

function firstAtOrAfter(calls: CallList, at: Position): number {
  return partitionPoint(calls.length, (i) => isBefore(calls, i, at));
}
