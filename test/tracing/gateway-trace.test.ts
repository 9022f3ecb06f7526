import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { composeServices, compositionHasErrors } from '@theguild/federation-composition';
import { parse, print } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { CallReportDocument } from '../../operations/generated/graphql.js';
import { startTracing } from '../../src/tracing/provider.js';
import { closeAfterFile } from '../support/cleanup.js';
import { bogotaDay, graph } from '../support/graph.js';
import { listen } from '../support/listen.js';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const GATEWAY_SPAN = '00f067aa0ba902b7';

describe('a trace that starts at a federated gateway continues here', () => {
  const exporter = new InMemorySpanExporter();
  let gateway: ReturnType<typeof createGatewayRuntime>;

  beforeAll(async () => {
    const tracing = startTracing(new SimpleSpanProcessor(exporter));
    closeAfterFile(() => tracing.shutdown());
    const served = await graph({ tracing: tracing.provider });
    const url = `${await listen(served.server)}/graphql`;
    const sdl = served.post({ query: '{ _service { sdl } }' }).then((r) => (r.json.data as { _service: { sdl: string } })._service.sdl);
    const composition = composeServices([{ name: 'calls', typeDefs: parse(await sdl), url }]);
    if (compositionHasErrors(composition)) throw new Error(composition.errors.map((e) => e.message).join('\n'));
    // The gateway passes the W3C trace context on to its subgraphs, as a traced gateway does.
    gateway = createGatewayRuntime({
      supergraph: composition.supergraphSdl,
      logging: false,
      propagateHeaders: { fromClientToSubgraphs: ({ request }) => ({ traceparent: request.headers.get('traceparent') ?? '' }) },
    });
    closeAfterFile(() => gateway.dispose());
  });

  it('puts the operation, its window load and its wolkvox request in the gateway\'s trace, under the gateway\'s span', async () => {
    const response = await gateway.fetch('http://gateway/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${TRACE_ID}-${GATEWAY_SPAN}-01` },
      body: JSON.stringify({ query: print(CallReportDocument), variables: { range: bogotaDay('2025-03-04') } }),
    });
    const body = (await response.json()) as { data?: { callReport?: { total: { calls: number } } }; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    expect(body.data?.callReport?.total.calls).toBeGreaterThan(0);
    const spans = exporter.getFinishedSpans();
    const operation = spans.find((span) => span.name === 'query.CallReport');
    expect(operation?.spanContext().traceId).toBe(TRACE_ID);
    expect(operation?.parentSpanContext?.spanId).toBe(GATEWAY_SPAN);
    for (const name of ['cdr windows', 'wolkvox cdr_1']) {
      expect(spans.find((span) => span.name === name)?.spanContext().traceId, name).toBe(TRACE_ID);
    }
  });
});
