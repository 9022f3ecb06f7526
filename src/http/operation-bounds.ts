import { GraphQLError, type ExecutionResult } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { GraphContext } from '../schema/core/context.js';

/**
 * What one answer may weigh, and the end of an operation's clock. An answer's data is at most
 * MAX_RESPONSE_BYTES of JSON (each event of a subscription on its own): a larger one is replaced by a
 * BAD_USER_INPUT with the limit, before it is turned into text (a result of hundreds of megabytes made
 * V8 throw `RangeError: Invalid string length`, a 500). The reports' estimates (schema/reports/report-cost.ts)
 * refuse most such operations before they compute; this bounds the rest (long pages of long texts).
 * Once an operation has answered, its deadline (MAX_OPERATION_SECONDS) is cleared.
 */
export function useOperationBounds(maxResponseBytes: number): Plugin<GraphContext> {
  const bounded = (result: ExecutionResult, setResult: (result: ExecutionResult) => void) => {
    if (result.data == null || !longerThan(result.data, maxResponseBytes)) return;
    setResult({ data: null, errors: [responseTooLarge(maxResponseBytes)], ...(result.extensions && { extensions: result.extensions }) });
  };
  return {
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          args.contextValue.work.end();
          if (!isAsyncIterable(result)) bounded(result, setResult);
        },
      };
    },
    onSubscribe() {
      return {
        onSubscribeResult() {
          return { onNext: ({ result, setResult }) => bounded(result, setResult) };
        },
      };
    },
  };
}

/**
 * Whether `data` written as JSON is longer than `max` characters, found by walking it (no text is built)
 * and stopping once it is: a bounded look at an unbounded answer. Escapes are not counted, so the figure
 * is at most the text's length.
 */
function longerThan(data: unknown, max: number): boolean {
  let length = 0;
  const pending: unknown[] = [data];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') length += value.length + 2;
    else if (typeof value === 'number' || typeof value === 'boolean') length += String(value).length;
    else if (value === null || value === undefined) length += 4;
    else if (Array.isArray(value)) {
      length += 1 + value.length;
      for (const item of value) pending.push(item);
    } else if (typeof value === 'object') {
      length += 1;
      for (const [key, item] of Object.entries(value)) {
        length += key.length + 4;
        pending.push(item);
      }
    }
    if (length > max) return true;
  }
  return false;
}

function responseTooLarge(max: number): GraphQLError {
  return new GraphQLError(
    `The answer is larger than ${max} bytes, the limit (MAX_RESPONSE_BYTES), and was not sent. Ask for fewer groups, figures or legs at once (\`limit\`, smaller pages, shorter ranges), or split the operation.`,
    { extensions: { code: 'BAD_USER_INPUT', limit: 'responseBytes', max } },
  );
}
