import { useGraphQlJit } from '@envelop/graphql-jit';
import { getOperationAST, getVariableValues, OperationTypeNode, type ExecutionArgs } from 'graphql';
import { takesRecursiveInput } from './recursive-inputs.js';
import type { Plugin } from 'graphql-yoga';

/**
 * Executes operations with graphql-jit, which compiles each document once and then runs it several
 * times faster than graphql-js: a month report has hundreds of groups, thousands of fields. Operations
 * whose variables do not coerce run on graphql-js, whose messages say exactly what is wrong with them;
 * so do subscriptions, whose events graphql-jit resolves with the variables coerced a second time
 * (a DateTime, already an instant, is then refused), and operations with a variable of a recursive input type (CallFilter's `not`/`anyOf`), which
 * graphql-jit 0.8 cannot compile (zalando-incubator/graphql-jit#81: its variable parser recurses forever).
 */
export function compiledExecution(): Plugin {
  return useGraphQlJit({}, { enableIf: variablesCoerce }) as Plugin;
}

function variablesCoerce({ schema, document, operationName, variableValues }: ExecutionArgs): boolean {
  const operation = getOperationAST(document, operationName);
  if (!operation || operation.operation === OperationTypeNode.SUBSCRIPTION || takesRecursiveInput(schema, operation)) return false;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variableValues ?? {}, { maxErrors: 1 });
  return coerced.errors === undefined;
}
