import { Writable } from 'node:stream';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { MAX_SPAN_ATTRIBUTE_CHARS, MAX_SPAN_NAME_CHARS, startTracing } from '../../src/tracing/provider.js';
import { closeAfterFile } from '../support/cleanup.js';
import { graph } from '../support/graph.js';

describe('a caller\'s 100 KB operation name', () => {
  it('is cut to a bounded span name and attributes, and reaches no log line', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = startTracing(new SimpleSpanProcessor(exporter));
    closeAfterFile(() => tracing.shutdown());
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    const { post } = await graph({ tracing: tracing.provider, logger: createLogger('debug', sink) });
    const name = 'A'.repeat(100_000);

    const answer = await post({ query: `query ${name} { __typename }`, operationName: name });
    expect(answer.json.data).toEqual({ __typename: 'Query' });
    await post({ query: `query ${name} { nope }`, operationName: name });
    await post({ query: `query ${name} { __typename }`, operationName: `B${name}` });

    const spans = exporter.getFinishedSpans();
    const operation = spans.find((span) => span.name.startsWith('query.AAAA'));
    expect(operation).toBeDefined();
    for (const span of spans) {
      expect(span.name.length).toBeLessThanOrEqual(MAX_SPAN_NAME_CHARS);
      for (const value of Object.values(span.attributes)) expect(String(value).length).toBeLessThanOrEqual(MAX_SPAN_ATTRIBUTE_CHARS);
    }
    expect(operation!.attributes['graphql.execute.operationName']).toBe(name.slice(0, MAX_SPAN_ATTRIBUTE_CHARS));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.length).toBeLessThan(2_000);
  });
});
