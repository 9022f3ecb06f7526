import { setCurrentOtelContext, useOpenTelemetry } from '@envelop/opentelemetry';
import { propagation, ROOT_CONTEXT, SpanKind, type TextMapGetter, type TracerProvider } from '@opentelemetry/api';
import type { Plugin } from 'graphql-yoga';
import { SERVICE_NAME } from '../tracing/provider.js';

const fromHeaders: TextMapGetter<Headers> = {
  get: (headers, key) => headers.get(key) ?? undefined,
  keys: (headers) => [...headers.keys()],
};

/**
 * A span per operation (`query.Dashboard`, `subscription.…`; envelop's OpenTelemetry plugin), continuing
 * the caller's trace when the request carries a W3C `traceparent` (a gateway's, say), so that the spans
 * of its window loads and wolkvox requests hang under it. Variables and results are not recorded.
 * Placed after compiled execution, so that its wrapper runs graphql-jit's executor in the span's context.
 */
export function useTracing(provider: TracerProvider): Plugin[] {
  const continueCallersTrace = (contextValue: unknown) => {
    const request = (contextValue as { request?: Request }).request;
    if (request) setCurrentOtelContext(contextValue, propagation.extract(ROOT_CONTEXT, request.headers, fromHeaders));
  };
  return [
    {
      onExecute: ({ args }) => continueCallersTrace(args.contextValue),
      onSubscribe: ({ args }) => continueCallersTrace(args.contextValue),
    },
    useOpenTelemetry({ resolvers: false, variables: false, result: false, document: true }, provider, SpanKind.SERVER, {}, SERVICE_NAME) as Plugin,
  ];
}
