import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { composeServices, compositionHasErrors } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { createClient } from 'graphql-sse';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { printedSubgraph } from '../../src/schema/printed.js';
import { closeAfterFile } from '../support/cleanup.js';
import { graph } from '../support/graph.js';
import { listen } from '../support/listen.js';
import { simulator } from '../support/simulator.js';
import { nextData, subscribe } from '../support/sse.js';

describe('a subscription through a real Hive gateway', () => {
  it('carries callReportUpdates from this subgraph over SSE to a graphql-sse client of the gateway', async () => {
    let now = Date.parse('2025-03-04T15:20:00-05:00');
    const sim = await simulator({ dataset: { now: () => now } });
    const { service } = await graph({ sim, now: () => now });
    const composition = composeServices([{ name: 'calls', typeDefs: parse(printedSubgraph()), url: `${await listen(service.graph)}/graphql` }]);
    if (compositionHasErrors(composition)) throw new Error(composition.errors.map((e) => e.message).join('\n'));
    // The gateway subscribes with GET + `accept: text/event-stream`, which this server's CSRF rule wants a header on (docs/federation.md).
    const gateway = createGatewayRuntime({ supergraph: composition.supergraphSdl, logging: false, transportEntries: { calls: { headers: [['x-graphql-csrf', '1']] } } });
    // The gateway's Node listener answers its own failures, so the promise it returns never rejects.
    const http = createServer((req, res) => void gateway(req, res));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    closeAfterFile(async () => {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await gateway.dispose();
    });
    const client = createClient({ url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`, retryAttempts: 0 });
    closeAfterFile(() => client.dispose());

    const today = { from: '2025-03-04T00:00:00-05:00', to: '2025-03-05T00:00:00-05:00' };
    const calls = () => sim.dataset.callsBetween({ from: Date.parse(today.from), to: now }).length;
    await service.refresher.tick();
    const events = await subscribe<{ callReportUpdates: { total: { calls: number } } }>(client, 'subscription($r: DateRange!) { callReportUpdates(range: $r) { total { calls } } }', { r: today });
    expect((await nextData(events)).callReportUpdates.total.calls).toBe(calls());

    now += 301_000;
    await service.refresher.tick();
    expect((await nextData(events)).callReportUpdates.total.calls).toBe(calls());
    expect(sim.counters.requests).toBe(2);
  });
});
