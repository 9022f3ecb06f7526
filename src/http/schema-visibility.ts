import { GraphQLError, NoSchemaIntrospectionCustomRule, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { ApiKeys } from './api-keys.js';

/** graphql-js appends its suggestions to a message last: ` Did you mean "calls"?`, ` Did you mean the enum value "AGENT"?`. */
const SUGGESTION = / Did you mean [^]*\?$/;

/**
 * INTROSPECTION=false: the schema is not shown to callers, through any of the three ways GraphQL
 * has of showing it — introspection (`__schema`, `__type`), federation's `_service { sdl }`, and the
 * "Did you mean …?" suggestions of error messages, which let a prober spell the schema out a field
 * at a time. The gateways named by GATEWAY_KEYS still see it all: a gateway that composes at start-up
 * (IntrospectAndCompose) reads `_service { sdl }`.
 */
export function useSchemaVisibility(gateways: ApiKeys): Plugin {
  const shown = (request: Request) => gateways.required && gateways.accepts(request.headers.get('authorization') ?? undefined);
  return {
    onValidate({ addValidationRule, context }) {
      if (shown((context as { request: Request }).request)) return;
      addValidationRule(NoSchemaIntrospectionCustomRule);
      addValidationRule(NoServiceSdl);
    },
    onResultProcess({ request, result, setResult }) {
      if (shown(request) || Array.isArray(result) || !('errors' in result) || !result.errors?.length) return;
      setResult({ ...result, errors: result.errors.map(withoutSuggestion) });
    },
  };
}

const NoServiceSdl: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value === '_service' && context.getParentType() === context.getSchema().getQueryType()) {
      context.reportError(new GraphQLError('GraphQL introspection has been disabled, but the requested query contained the field "_service".', { nodes: node }));
    }
  },
});

function withoutSuggestion<E>(error: E): E {
  if (!(error instanceof GraphQLError) || !SUGGESTION.test(error.message)) return error;
  const { nodes, source, positions, path, originalError, extensions } = error;
  return new GraphQLError(error.message.replace(SUGGESTION, ''), { nodes, source, positions, path, originalError, extensions }) as E;
}
