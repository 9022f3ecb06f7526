import { createClient, type Client } from 'graphql-sse';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WolkvoxSimulator } from '../../simulator/server.js';
import type { Service } from '../../src/service.js';
import { closeAfterFile } from '../support/cleanup.js';
import { graph } from '../support/graph.js';
import { listen } from '../support/listen.js';
import { nextData, subscribe } from '../support/sse.js';
import { simulator } from '../support/simulator.js';
import { bearer, BRAND_A_KEY, BRAND_B_KEY, BRANDS, policyYaml } from '../support/principals.js';

interface Report { total: { calls: number }; groups: { agent: { id: string } | null; stats: { calls: number } }[] }

/** 92 days up to the end of "today" (2025-03-04 in Bogotá). */
const QUARTER = { from: '2024-12-03T00:00:00-05:00', to: '2025-03-05T00:00:00-05:00' };
const REPORT_UPDATES = 'subscription($range: DateRange!, $groupBy: [CallDimension!]) { callReportUpdates(range: $range, groupBy: $groupBy) { total { calls } groups { agent { id } stats { calls } } } }';
const CALLS_ADDED = 'subscription { callsAdded { id } }';

describe('live reports: one computation per distinct arguments, updated from what changed (issue #19)', () => {
  let now = Date.parse('2025-03-04T15:20:00-05:00');
  let sim: WolkvoxSimulator;
  let service: Service;
  let client: Client;
  const reportSteps = async () => (await service.metrics.registry.getSingleMetric('report_steps_total')!.get()).values[0]?.value ?? 0;

  beforeAll(async () => {
    sim = await simulator({ dataset: { now: () => now } });
    ({ service } = await graph({ sim, now: () => now }));
    const url = `${await listen(service.graph)}/graphql`;
    client = createClient({ url, retryAttempts: 0 });
    closeAfterFile(() => client.dispose());
    // The quarter's windows, loaded once: what follows measures the live reports, not wolkvox.
    const warm = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ callReport(range: {from: "${QUARTER.from}", to: "${QUARTER.to}"}) { total { calls } } }` }) });
    expect(((await warm.json()) as { errors?: unknown }).errors).toBeUndefined();
    // The refresher's first tick only fills the cache; the ticks after it publish what changed.
    await service.refresher.tick();
  }, 60_000);

  it('computes eight subscriptions over 92 days once, merges only the windows after the settled part on a change, and counts what it keeps in the cache budget', async () => {
    const { live } = service.graph;
    const steps = await reportSteps();
    const subscribers = await Promise.all(Array.from({ length: 8 }, () => subscribe<{ callReportUpdates: Report }>(client, REPORT_UPDATES, { range: QUARTER, groupBy: ['AGENT'] })));
    const first = await Promise.all(subscribers.map((events) => nextData(events)));
    // The simulator generates a quarter's calls again each time it is asked: once per check.
    const calls = (until: number) => sim.dataset.callsBetween({ from: Date.parse(QUARTER.from), to: until }).length;
    for (const event of first) expect(event.callReportUpdates).toEqual(first[0]!.callReportUpdates);
    expect(first[0]!.callReportUpdates.total.calls).toBe(calls(now));
    expect(live.reports.size).toBe(1);
    expect(service.changes.listeners).toBe(1);
    expect(live.slots.size).toBe(8);
    // One computation: 91 days merged from their roll-ups and today's hours, not eight of them.
    const firstSteps = (await reportSteps()) - steps;
    expect(firstSteps).toBeGreaterThan(91);
    expect(firstSteps).toBeLessThan(2 * (91 + 24));
    expect(service.engine.store.reservedBytes).toBeGreaterThan(0);

    now += 301_000;
    const before = await reportSteps();
    await service.refresher.tick();
    const updates = await Promise.all(subscribers.map((events) => nextData(events)));
    const expected = calls(now);
    for (const update of updates) expect(update.callReportUpdates.total.calls).toBe(expected);
    // The windows that settled before the first version (up to 13:00) are kept: the update merges today's hours after them.
    expect((await reportSteps()) - before).toBeLessThanOrEqual(24);
    for (const events of subscribers) await events.return?.();
    await expect.poll(() => live.reports.size).toBe(0);
    expect(live.slots.size).toBe(0);
    expect(service.engine.store.reservedBytes).toBe(0);
    expect(service.changes.listeners).toBe(0);
  });

  it('keeps a computation per distinct arguments', async () => {
    const { live } = service.graph;
    const byAgent = await subscribe<{ callReportUpdates: Report }>(client, REPORT_UPDATES, { range: QUARTER, groupBy: ['AGENT'] });
    const total = await subscribe<{ callReportUpdates: Report }>(client, REPORT_UPDATES, { range: QUARTER, groupBy: [] });
    const [agents, whole] = [await nextData(byAgent), await nextData(total)];
    expect(agents.callReportUpdates.total).toEqual(whole.callReportUpdates.total);
    expect(whole.callReportUpdates.groups).toEqual([]);
    expect(live.reports.size).toBe(2);
    await byAgent.return?.();
    await total.return?.();
    await expect.poll(() => live.reports.size).toBe(0);
  });
});

describe('one principal cannot take every subscription slot (MAX_SUBSCRIPTIONS_PER_PRINCIPAL)', () => {
  let service: Service;
  let url: string;
  const clientWith = (key: string) => {
    const client = createClient({ url, retryAttempts: 0, headers: bearer(key) });
    closeAfterFile(() => client.dispose());
    return client;
  };

  beforeAll(async () => {
    // Two principals of ACCESS_POLICY, each its own key (the keys of API_KEYS are one principal, `api-keys`).
    ({ service } = await graph({ policy: policyYaml(BRANDS), maxSubscriptions: 10, maxSubscriptionsPerPrincipal: 2 }));
    url = `${await listen(service.graph)}/graphql`;
  });

  it('refuses a principal its third subscription with SUBSCRIPTION_LIMIT while another still subscribes, and takes one again once one ends', async () => {
    const first = clientWith(BRAND_A_KEY);
    const one = await subscribe<unknown>(first, CALLS_ADDED);
    await subscribe<unknown>(first, CALLS_ADDED);
    const refused = await subscribe<unknown>(first, CALLS_ADDED);
    const { value } = await refused.next();
    expect(value?.errors?.[0]).toMatchObject({
      message: expect.stringContaining('MAX_SUBSCRIPTIONS_PER_PRINCIPAL'),
      extensions: { code: 'SUBSCRIPTION_LIMIT', limit: 'subscriptionsPerPrincipal', max: 2 },
    });
    expect(service.graph.live.slots.size).toBe(2);

    await subscribe<unknown>(clientWith(BRAND_B_KEY), CALLS_ADDED);
    expect(service.graph.live.slots.size).toBe(3);

    await one.return?.();
    await expect.poll(() => service.graph.live.slots.size).toBe(2);
    await subscribe<unknown>(first, CALLS_ADDED);
    expect(service.graph.live.slots.size).toBe(3);
  });
});
