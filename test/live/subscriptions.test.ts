import { createClient, type Client } from 'graphql-sse';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WolkvoxSimulator } from '../../simulator/server.js';
import type { Service } from '../../src/service.js';
import { graph } from '../support/graph.js';
import { listen } from '../support/listen.js';
import { closeAfterFile } from '../support/cleanup.js';
import { nextData, subscribe } from '../support/sse.js';
import { simulator } from '../support/simulator.js';

interface Leg { id: string; connId: string; type: string }
interface Report { total: { calls: number } }

const TODAY = { from: '2025-03-04T00:00:00-05:00', to: '2025-03-05T00:00:00-05:00' };
const CALLS_ADDED = 'subscription($filter: CallFilter) { callsAdded(filter: $filter) { id connId type } }';
const REPORT_UPDATES = 'subscription($range: DateRange!) { callReportUpdates(range: $range, groupBy: [TYPE]) { total { calls } } }';

describe('live data over Server-Sent Events (graphql-sse client, real server on a port)', () => {
  let now = Date.parse('2025-03-04T15:20:00-05:00');
  let sim: WolkvoxSimulator;
  let service: Service;
  let client: Client;
  const between = (from: number, to: number) => sim.dataset.callsBetween({ from, to });

  beforeAll(async () => {
    sim = await simulator({ dataset: { now: () => now } });
    ({ service } = await graph({ sim, now: () => now }));
    const url = `${await listen(service.graph)}/graphql`;
    client = createClient({ url, retryAttempts: 0 });
    closeAfterFile(() => client.dispose());
  });

  it('sends every subscriber the legs each background refresh finds that the one before had not, and no subscriber costs a wolkvox request', async () => {
    const all = await Promise.all([subscribe<{ callsAdded: Leg[] }>(client, CALLS_ADDED), subscribe<{ callsAdded: Leg[] }>(client, CALLS_ADDED)]);
    const inbound = await subscribe<{ callsAdded: Leg[] }>(client, CALLS_ADDED, { filter: { types: ['INBOUND'] } });
    expect(sim.counters.requests).toBe(0);

    // The refresh at start-up fills the cache with today so far and sends nothing: the first events hold the next refresh's legs.
    await service.refresher.tick();
    expect(sim.counters.requests).toBe(1);
    for (let round = 2; round <= 3; round += 1) {
      const before = now;
      now += 601_000;
      await service.refresher.tick();
      expect(sim.counters.requests).toBe(round);
      const fresh = between(before + 1, now);
      expect(fresh.some((call) => call.row.type_interaction === 'inbound')).toBe(true);
      for (const events of all) expect((await nextData(events)).callsAdded.map((leg) => leg.connId)).toEqual(fresh.map((call) => call.row.conn_id));
      expect((await nextData(inbound)).callsAdded.map((leg) => leg.connId)).toEqual(fresh.filter((call) => call.row.type_interaction === 'inbound').map((call) => call.row.conn_id));
    }
  });

  it('sends a report now, and again when a refresh changes a window of its range, from the cache alone', async () => {
    const today = await subscribe<{ callReportUpdates: Report }>(client, REPORT_UPDATES, { range: TODAY });
    const again = await subscribe<{ callReportUpdates: Report }>(client, REPORT_UPDATES, { range: TODAY });
    const requests = sim.counters.requests;
    const dayStart = Date.parse(TODAY.from);
    for (const events of [today, again]) expect((await nextData(events)).callReportUpdates.total.calls).toBe(between(dayStart, now).length);
    expect(sim.counters.requests).toBe(requests);

    now += 301_000;
    await service.refresher.tick();
    expect(sim.counters.requests).toBe(requests + 1);
    for (const events of [today, again]) expect((await nextData(events)).callReportUpdates.total.calls).toBe(between(dayStart, now).length);
    expect(sim.counters.requests).toBe(requests + 1);
  });

  it('refuses a subscription over a range too long, with BAD_USER_INPUT, and still refuses mutations', async () => {
    const events = await subscribe<unknown>(client, REPORT_UPDATES, { range: { from: '2024-01-01T00:00:00-05:00', to: TODAY.to } });
    const { value } = await events.next();
    expect(value?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const mutation = await service.graph.yoga.fetch('http://graph.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'mutation { x }' }) });
    expect(JSON.stringify(await mutation.json())).toContain('does not support mutation operations');
  });
});

describe('subscriptions at shutdown', () => {
  it('end when the server stops hearing changes, so that draining does not wait for them', async () => {
    const now = Date.parse('2025-03-04T15:20:00-05:00');
    const { service } = await graph({ now: () => now });
    const client = createClient({ url: `${await listen(service.graph)}/graphql`, retryAttempts: 0 });
    closeAfterFile(() => client.dispose());
    const events = await subscribe<{ callsAdded: Leg[] }>(client, CALLS_ADDED);
    const ended = events.next();
    await service.changes.close();
    expect(await ended).toMatchObject({ done: true });
  });
});

describe('subscriptions and API keys', () => {
  it('refuses a subscription without a valid key before it is accepted (401), and serves one with it', async () => {
    const KEY = 'sse-client-key-0123456789';
    const now = Date.parse('2025-03-04T15:20:00-05:00');
    const sim = await simulator({ dataset: { now: () => now } });
    const { service } = await graph({ sim, now: () => now, apiKeys: [KEY] });
    const url = `${await listen(service.graph)}/graphql`;
    const anonymous = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream' }, body: JSON.stringify({ query: CALLS_ADDED }) });
    expect(anonymous.status).toBe(401);
    const forged = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: 'Bearer not-a-key-at-all-000' }, body: JSON.stringify({ query: CALLS_ADDED }) });
    expect(forged.status).toBe(401);

    const client = createClient({ url, retryAttempts: 0, headers: { authorization: `Bearer ${KEY}` } });
    closeAfterFile(() => client.dispose());
    const events = await subscribe<{ callReportUpdates: Report }>(client, REPORT_UPDATES, { range: TODAY });
    expect((await nextData(events)).callReportUpdates.total.calls).toBe(sim.dataset.callsBetween({ from: Date.parse(TODAY.from), to: now }).length);
  });
});
