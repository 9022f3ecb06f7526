import { GraphQLError, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { httpError } from './routes.js';

/** GET parameters that carry JSON (GraphQL over HTTP): a bad one is the client's mistake, said by name. */
const JSON_PARAMETERS = ['variables', 'extensions'] as const;

/**
 * Refuses, as the client's mistakes and before anything runs, the requests yoga and graphql-jit would
 * otherwise answer with a 500: a GET whose `variables` or `extensions` is not JSON (400 naming the
 * parameter), and an operation type the schema has no root for (`mutation`; `subscription` has one,
 * src/schema/live/live.ts), which graphql-js leaves to execution and graphql-jit throws on.
 */
export function useRequestShapeChecks(): Plugin {
  return {
    onRequestParse({ request, url }) {
      if (request.method !== 'GET') return;
      for (const name of JSON_PARAMETERS) {
        const text = url.searchParams.get(name);
        if (text === null || text === '') continue;
        try {
          JSON.parse(text);
        } catch {
          throw httpError(400, 'BAD_REQUEST', `The query parameter \`${name}\` must be JSON (URL-encoded), e.g. ${name}=%7B%7D.`);
        }
      }
    },
    onValidate({ addValidationRule }) {
      addValidationRule(operationTypeSupported);
    },
  };
}

const operationTypeSupported: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (context.getSchema().getRootType(node.operation)) return;
    context.reportError(new GraphQLError(`This API does not support ${node.operation} operations; it answers queries and subscriptions.`, { nodes: [node] }));
  },
});
