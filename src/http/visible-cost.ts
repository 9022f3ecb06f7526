import { complexityFromQuery } from '@pothos/plugin-complexity';
import { getOperationAST, Kind, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { GraphContext } from '../schema/core/context.js';

/** What `extensions.cost` of a response says (like Shopify's and Saleor's cost extensions). */
export interface OperationCost {
  /**
   * The operation's complexity: as the complexity plugin measures it before running it (schema/core/complexity.ts),
   * with each report's lists counted at the groups estimated from its windows once they were loaded
   * (schema/reports/report-cost.ts).
   */
  readonly complexity: number;
  /** Groups the operation's reports were estimated to have, before they were computed (0 without groupBy). */
  readonly estimatedGroups: number;
  readonly depth: number;
  /** MAX_QUERY_COMPLEXITY and MAX_QUERY_DEPTH: above either the operation is refused. */
  readonly maxComplexity: number;
  readonly maxDepth: number;
  /** wolkvox requests the operation sent (0 when every window it needed was cached). */
  readonly upstreamRequests?: number;
  /** MAX_UPSTREAM_REQUESTS_PER_OPERATION. */
  readonly maxUpstreamRequests?: number;
  /** What the operation's long scans read, when one streamed its windows in worker threads (feed/long-scan.ts). */
  readonly scans?: {
    readonly passes: number;
    readonly windowsFromDisk: number;
    readonly windowsFromMemory: number;
    readonly legsRead: number;
    readonly workerTasks: number;
  };
}

/**
 * Every executed operation's response carries `extensions.cost`, so that a client sees how close it is to
 * the limits before it meets them, and what it cost wolkvox. The complexity starts as the Pothos complexity
 * plugin's own measure (the function that enforces the limit, over the same field costs), and each report
 * corrects it with its estimated groups before it computes (schema/core/operation-work.ts keeps both), so
 * the figure a client sees is the one it is refused on; a refused operation carries it too. The requests
 * are those the operation's allowance paid for (feed/request-allowance.ts), read once its fields have all
 * resolved. A subscription's measure is taken too (its events are charged against it), but its events
 * carry no cost.
 */
export function useVisibleCost(): Plugin<GraphContext> {
  return {
    onSubscribe({ args }) {
      const measured = measure(args, args.contextValue);
      if (measured) args.contextValue.work.measuredComplexity = measured.complexity;
    },
    onExecute({ args }) {
      const ctx = args.contextValue;
      const measured = measure(args, ctx);
      if (measured === null) return undefined;
      ctx.work.measuredComplexity = measured.complexity;
      const addCost = (result: ExecutionResult): ExecutionResult => {
        const { allowance, scans } = ctx.feed;
        const cost: OperationCost = {
          complexity: ctx.work.complexity,
          estimatedGroups: ctx.work.estimatedGroups,
          depth: measured.depth,
          maxComplexity: ctx.limits.complexity,
          maxDepth: ctx.limits.depth,
          ...(allowance && { upstreamRequests: allowance.spent, maxUpstreamRequests: allowance.limit }),
          ...(scans && scans.passes > 0 && { scans: { ...scans } }),
        };
        return { ...result, extensions: { ...result.extensions, cost } };
      };
      return {
        onExecuteDone({ result, setResult }) {
          if (!isAsyncIterable(result)) setResult(addCost(result));
        },
      };
    },
  };
}

/**
 * The complexity of the operation that runs: `complexityFromQuery` measures a document's first operation,
 * so it is given that one alone, with the fragments. Null when its variables do not coerce (graphql-js
 * then refuses the operation with its own message, and nothing runs).
 */
function measure({ schema, document, operationName, variableValues }: ExecutionArgs, ctx: GraphContext): { complexity: number; depth: number } | null {
  const operation = getOperationAST(document, operationName);
  if (!operation) return null;
  const alone: DocumentNode = { ...document, definitions: [operation, ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)] };
  try {
    const { complexity, depth } = complexityFromQuery(alone, { schema, ctx, variables: variableValues ?? {} });
    return { complexity, depth };
  } catch {
    return null;
  }
}
