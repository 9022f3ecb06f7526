import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/** What OpenTelemetry calls this service unless OTEL_SERVICE_NAME says otherwise. */
export const SERVICE_NAME = 'wolkvox-cdr-graph';

export interface Tracing {
  readonly provider: NodeTracerProvider;
  /** Exports what is still buffered and stops (at shutdown). */
  shutdown(): Promise<void>;
}

/**
 * The OpenTelemetry SDK for this process: spans exported over OTLP/HTTP to OTEL_EXPORTER_OTLP_ENDPOINT
 * (the exporter reads it and the other standard OTEL_* variables itself), W3C `traceparent` as the
 * propagation format, and the async-context manager that lets a span started in a resolver find its
 * operation's span. Registered globally, so that the API calls in src/tracing/spans.ts reach it.
 * Tests pass their own processor (an in-memory exporter, exported at once).
 */
export function startTracing(processor: SpanProcessor = new BatchSpanProcessor(new OTLPTraceExporter())): Tracing {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': process.env.OTEL_SERVICE_NAME ?? SERVICE_NAME }),
    spanProcessors: [processor],
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  return { provider, shutdown: () => provider.shutdown() };
}
