import { SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';

/**
 * The spans this service makes itself (window loads, wolkvox requests), through the OpenTelemetry API:
 * without a registered SDK (OTEL_EXPORTER_OTLP_ENDPOINT unset) every call here is a no-op.
 */
const tracer = () => trace.getTracer('wolkvox-cdr-graph');

/**
 * Runs `work` in a span that is active for everything it awaits (so spans started inside are its
 * children), marks the span failed with the error's code and message when it throws, and ends it.
 * Attributes never hold the token: callers pass instants, counts, codes and statuses only.
 */
export function inSpan<T>(name: string, attributes: Attributes, work: (span: Span) => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string') span.setAttribute('error.type', code);
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** The span active here, if any (e.g. the wolkvox request an attempt belongs to). */
export const activeSpan = (): Span | undefined => trace.getActiveSpan();

export const isoOf = (instant: number): string => new Date(instant).toISOString();
