import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { GraphQLError, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export interface OperationLimits {
  readonly complexity: number;
  readonly depth: number;
  readonly aliases: number;
  readonly tokens: number;
  /** MAX_RANGE_DAYS: days one range may span. */
  readonly longestRangeDays: number;
  /** MAX_OPERATION_RANGE_DAYS: days of calls one operation may ask for, over all its distinct ranges. */
  readonly rangeDays: number;
  /** Groups one report may have (estimated before it is computed, counted while it is). */
  readonly reportGroups: number;
  /** Bytes of one answer's data (each event's, for a subscription). */
  readonly responseBytes: number;
  /** Milliseconds an operation may compute (each event of a subscription, its own). */
  readonly operationMs: number;
}

/** Directives one operation may use; not configurable (the schema defines none a client needs many of). */
const MAX_DIRECTIVES = 20;

/**
 * Limits on the shape of an operation, checked before anything runs (GraphQL Armor): depth, aliases
 * (`__typename` ones too: each is a field to answer), tokens, directives; the cost, which depends on
 * ranges and page sizes, is the complexity plugin's (schema/core/complexity.ts). Every refusal has
 * the shape of the cost and range-days ones: BAD_USER_INPUT with
 * `limit`, `measured` and `max`, and a message that names the setting.
 */
export function operationLimitPlugins(limits: OperationLimits): Plugin[] {
  return [
    maxDepthPlugin({ n: limits.depth, flattenFragments: true, propagateOnRejection: false, onReject: [report('depth', limits.depth, 'MAX_QUERY_DEPTH')] }),
    maxAliasesPlugin({ n: limits.aliases, allowList: [], propagateOnRejection: false, onReject: [report('aliases', limits.aliases, 'MAX_ALIASES')] }),
    maxDirectivesPlugin({ n: MAX_DIRECTIVES, propagateOnRejection: false, onReject: [report('directives', MAX_DIRECTIVES, 'a fixed limit')] }),
    // The token count is taken while parsing, where there is no validation context to report to.
    maxTokensPlugin({ n: limits.tokens, propagateOnRejection: false, onReject: [(_context, error) => { throw limitExceeded('tokens', limits.tokens, 'MAX_TOKENS', error); }] }),
  ];
}

function report(limit: string, max: number, setting: string) {
  return (context: ValidationContext | null, error: GraphQLError) => context?.reportError(limitExceeded(limit, max, setting, error));
}

/** Armor's own error says "Syntax Error: … limit of N exceeded, found M."; the count is all we keep of it. */
function limitExceeded(limit: string, max: number, setting: string, armorError: GraphQLError): GraphQLError {
  const measured = Number(/found (\d+)/.exec(armorError.message)?.[1] ?? Number.NaN);
  const found = Number.isNaN(measured) ? 'over the limit' : measured;
  return new GraphQLError(`Operation refused: its ${limit} is ${found}, the limit is ${max} (${setting}). Simplify the operation or split it.`, {
    extensions: { code: 'BAD_USER_INPUT', limit, ...(Number.isNaN(measured) ? {} : { measured }), max },
  });
}
