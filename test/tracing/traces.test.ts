import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { composeServices, compositionHasErrors } from '@theguild/federation-composition';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { parse, print } from 'graphql';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CallReportDocument } from '../../operations/generated/graphql.js';
import { startTracing } from '../../src/tracing/provider.js';
import type { WolkvoxSimulator } from '../../simulator/server.js';
import { closeAfterFile } from '../support/cleanup.js';
import { bogotaDay, graph } from '../support/graph.js';
import { listen } from '../support/listen.js';
import { simulator, TOKEN } from '../support/simulator.js';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const CALLER_SPAN = 'b7ad6b7169203331';
/** A trace a gateway started (its own span id), passed on to this subgraph. */
const GATEWAY_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const GATEWAY_SPAN = '00f067aa0ba902b7';
const HOSTILE_TOKEN = 'rejected-token-must-not-leak-7f3a';

describe('OpenTelemetry traces (in-memory exporter)', () => {
  const exporter = new InMemorySpanExporter();
  let sim: WolkvoxSimulator;
  let url: string;
  let rejectedUrl: string;
  const spans = () => exporter.getFinishedSpans();
  const named = (name: string) => spans().filter((span) => span.name === name);
  const report = (day: string, base = url) =>
    fetch(base, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01` },
      body: JSON.stringify({ query: print(CallReportDocument), variables: { range: bogotaDay(day) } }),
    }).then((response) => response.json() as Promise<{ errors?: unknown[] }>);
  const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

  beforeAll(async () => {
    const tracing = startTracing(new SimpleSpanProcessor(exporter));
    closeAfterFile(() => tracing.shutdown());
    sim = await simulator();
    url = `${await listen((await graph({ sim, tracing: tracing.provider })).server)}/graphql`;
    rejectedUrl = `${await listen((await graph({ sim, token: HOSTILE_TOKEN, tracing: tracing.provider, client: { retries: 0 } })).server)}/graphql`;
  });
  beforeEach(() => exporter.reset());

  it('continues the caller\'s traceparent: the operation span is its child, the window load and the wolkvox request hang below', async () => {
    expect((await report('2025-03-04')).errors).toBeUndefined();
    const [operation] = named('query.CallReport');
    expect(operation!.spanContext().traceId).toBe(TRACE_ID);
    expect(parentOf(operation!)).toBe(CALLER_SPAN);

    const [load] = named('cdr windows');
    expect(load!.spanContext().traceId).toBe(TRACE_ID);
    expect(parentOf(load!)).toBe(operation!.spanContext().spanId);
    expect(load!.attributes).toMatchObject({ 'cdr.windows': 24, 'cdr.windows.tier': 'engine', 'cdr.upstream.requests': 1 });

    const [request] = named('wolkvox cdr_1');
    expect(request!.spanContext().traceId).toBe(TRACE_ID);
    expect(parentOf(request!)).toBe(load!.spanContext().spanId);
    const rows = sim.dataset.callsBetween({ from: Date.parse(bogotaDay('2025-03-04').from), to: Date.parse(bogotaDay('2025-03-04').to) }).length;
    expect(request!.attributes).toMatchObject({ 'wolkvox.rows': rows, 'http.response.status_code': 200, 'wolkvox.attempts': 1, 'wolkvox.retries': 0, 'wolkvox.outcome': 'ok' });
    expect(request!.attributes['wolkvox.gate_wait.seconds']).toBeTypeOf('number');
    expect(request!.attributes['wolkvox.range.from']).toBe('2025-03-04T05:00:00.000Z');
  });

  it('starts a trace of its own for a malformed traceparent', async () => {
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${'z'.repeat(32)}-${CALLER_SPAN}-01` },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    const [operation] = named('query.anonymous');
    expect(operation).toBeDefined();
    expect(operation!.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(operation!.spanContext().traceId).not.toBe(TRACE_ID);
    expect(parentOf(operation!)).toBeUndefined();
  });

  it('counts retries on the request span, one event per attempt', async () => {
    sim.faults.script('server-error', 'server-error');
    expect((await report('2025-03-05')).errors).toBeUndefined();
    const [request] = named('wolkvox cdr_1');
    expect(request!.attributes).toMatchObject({ 'wolkvox.attempts': 3, 'wolkvox.retries': 2, 'http.response.status_code': 200 });
    expect(request!.events.map((event) => event.attributes?.['wolkvox.outcome'])).toEqual(['UPSTREAM_UNAVAILABLE', 'UPSTREAM_UNAVAILABLE', 'ok']);
  });

  it('marks a warm repeat as served from memory, with no wolkvox request', async () => {
    await report('2025-03-04');
    expect(named('cdr windows')[0]!.attributes).toMatchObject({ 'cdr.windows.tier': 'memory', 'cdr.upstream.requests': 0 });
    expect(named('wolkvox cdr_1')).toHaveLength(0);
  });

  it('never exports the token, not even when wolkvox rejects it', async () => {
    await report('2025-03-04');
    await report('2025-03-06', rejectedUrl);
    const failed = named('wolkvox cdr_1').find((span) => span.attributes['error.type'] === 'UPSTREAM_AUTH');
    expect(failed).toBeDefined();
    const exported = JSON.stringify(spans().map((span) => ({ name: span.name, attributes: span.attributes, events: span.events, status: span.status, resource: span.resource.attributes })));
    expect(exported).not.toContain(TOKEN);
    expect(exported).not.toContain(HOSTILE_TOKEN);
  });

  it('continues a trace that a federated gateway passes on: operation, window load and wolkvox request in the gateway\'s trace', async () => {
    const sdl = ((await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ _service { sdl } }' }) })).json()) as { data: { _service: { sdl: string } } }).data._service.sdl;
    const composition = composeServices([{ name: 'calls', typeDefs: parse(sdl), url }]);
    if (compositionHasErrors(composition)) throw new Error(composition.errors.map((e) => e.message).join('\n'));
    // The gateway passes the W3C trace context on to its subgraphs, as a traced gateway does.
    const gateway = createGatewayRuntime({
      supergraph: composition.supergraphSdl,
      logging: false,
      propagateHeaders: { fromClientToSubgraphs: ({ request }) => ({ traceparent: request.headers.get('traceparent') ?? '' }) },
    });
    closeAfterFile(() => gateway.dispose());
    exporter.reset();
    const response = await gateway.fetch('http://gateway/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${GATEWAY_TRACE}-${GATEWAY_SPAN}-01` },
      body: JSON.stringify({ query: print(CallReportDocument), variables: { range: bogotaDay('2025-03-06') } }),
    });
    const body = (await response.json()) as { data?: { callReport?: { total: { calls: number } } }; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    expect(body.data?.callReport?.total.calls).toBeGreaterThan(0);
    const [operation] = named('query.CallReport');
    expect(operation?.spanContext().traceId).toBe(GATEWAY_TRACE);
    expect(parentOf(operation!)).toBe(GATEWAY_SPAN);
    for (const name of ['cdr windows', 'wolkvox cdr_1']) expect(named(name)[0]?.spanContext().traceId, name).toBe(GATEWAY_TRACE);
  });
});
