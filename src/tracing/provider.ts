import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { Context } from '@opentelemetry/api';
import { BatchSpanProcessor, type ReadableSpan, type Span, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/** What OpenTelemetry calls this service unless OTEL_SERVICE_NAME says otherwise. */
export const SERVICE_NAME = 'wolkvox-cdr-graph';

/**
 * What a caller's text may put in a span. The operation's span is named after the operation
 * (`query.<name>`) and records its name and document: a name or document of 100 KB (one token for
 * MAX_TOKENS) would otherwise travel whole to the collector with every span.
 */
export const MAX_SPAN_NAME_CHARS = 128;
export const MAX_SPAN_ATTRIBUTE_CHARS = 4_096;

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
    spanLimits: { attributeValueLengthLimit: MAX_SPAN_ATTRIBUTE_CHARS },
    spanProcessors: [new SpanNameCap(), processor],
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  return { provider, shutdown: () => provider.shutdown() };
}

/** Cuts span names at MAX_SPAN_NAME_CHARS as spans start (the SDK bounds attribute values, not names). */
class SpanNameCap implements SpanProcessor {
  onStart(span: Span, _context: Context): void {
    if (span.name.length > MAX_SPAN_NAME_CHARS) span.updateName(`${span.name.slice(0, MAX_SPAN_NAME_CHARS - 1)}…`);
  }

  onEnd(_span: ReadableSpan): void {
    // Nothing to do when a span ends: its name was cut when it started.
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
