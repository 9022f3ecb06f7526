import { createClient, type Client } from 'graphql-sse';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WolkvoxSimulator } from '../../simulator/server.js';
import type { Service } from '../../src/service.js';
import { closeAfterFile } from '../support/cleanup.js';
import { bogotaDay, graph, type TestGraph } from '../support/graph.js';
import { listen } from '../support/listen.js';
import { ADMIN_KEY, BRAND_A_KEY, BRAND_B_KEY, BRANDS, bearer, policyYaml } from '../support/principals.js';
import { rowsIn, simulator } from '../support/simulator.js';
import { nextData, subscribe } from '../support/sse.js';

interface Leg { id: string; connId: string; campaign: { id: string } | null }

describe('subscriptions within a scope', () => {
  let now = Date.parse('2025-03-04T15:20:00-05:00');
  const today = { from: '2025-03-04T00:00:00-05:00', to: '2025-03-05T00:00:00-05:00' };
  let sim: WolkvoxSimulator;
  let service: Service;
  let brandA: Client;
  let admin: Client;

  beforeAll(async () => {
    sim = await simulator({ dataset: { now: () => now, callsPerDay: 5_000 } });
    ({ service } = await graph({ sim, now: () => now, apiKeys: [ADMIN_KEY], policy: policyYaml(BRANDS) }));
    const url = `${await listen(service.graph)}/graphql`;
    brandA = createClient({ url, retryAttempts: 0, headers: bearer(BRAND_A_KEY) });
    admin = createClient({ url, retryAttempts: 0, headers: bearer(ADMIN_KEY) });
    closeAfterFile(() => brandA.dispose());
    closeAfterFile(() => admin.dispose());
  });

  it('callsAdded and callReportUpdates send a scoped subscriber the legs and totals of its campaign only', async () => {
    const added = 'subscription { callsAdded { id connId campaign { id } } }';
    const report = 'subscription($range: DateRange!) { callReportUpdates(range: $range, groupBy: [CAMPAIGN]) { total { calls } groups { campaign { id } stats { calls } } } }';
    // The first refresh fills the cache and publishes nothing (today so far is not news).
    await service.refresher.tick();
    const scopedLegs = await subscribe<{ callsAdded: Leg[] }>(brandA, added);
    const allLegs = await subscribe<{ callsAdded: Leg[] }>(admin, added);
    const between = (from: number, to: number) => sim.dataset.callsBetween({ from, to }).filter((call) => call.row.campaign_id === '3001');

    // Two hours later, a refresh finds two hours of legs.
    const before = now;
    now += 2 * 3_600_000;
    await service.refresher.tick();
    const scoped = (await nextData(scopedLegs)).callsAdded;
    const everything = (await nextData(allLegs)).callsAdded;
    expect(scoped.length).toBeGreaterThan(0);
    expect(scoped.map((leg) => leg.connId)).toEqual(between(before + 1, now).map((call) => call.row.conn_id));
    expect(scoped).toEqual(everything.filter((leg) => leg.campaign?.id === '3001'));
    expect(everything.length).toBeGreaterThan(scoped.length);

    const inScope = () => rowsIn(sim, { from: today.from, to: new Date(now).toISOString() }).filter((row) => row.campaign_id === '3001');
    const scopedReport = await subscribe<{ callReportUpdates: { total: { calls: number }; groups: { campaign: { id: string } }[] } }>(brandA, report, { range: today });
    expect((await nextData(scopedReport)).callReportUpdates.total.calls).toBe(inScope().length);
    now += 301_000;
    await service.refresher.tick();
    const updated = (await nextData(scopedReport)).callReportUpdates;
    expect(updated.total.calls).toBe(inScope().length);
    expect(updated.groups.map((group) => group.campaign.id)).toEqual(['3001']);
  });
});

describe('two principals at once', () => {
  let test: TestGraph;
  const day = bogotaDay('2025-03-05');
  const query = `query($range: DateRange!) { callReport(range: $range, groupBy: [CAMPAIGN]) { total { calls totalCost } groups { campaign { id } stats { calls } } }
    campaigns(range: $range) { id } calls(range: $range, first: 1000) { edges { node { campaign { id } telephone } } } }`;

  beforeAll(async () => {
    test = await graph({ sim: await simulator({ faults: { latencyMs: 100 } }), policy: policyYaml(BRANDS) });
  });

  it('share the cache (one wolkvox request between them) without either seeing the other\'s scope', async () => {
    const ask = (key: string) => test.post({ query, variables: { range: day } }, bearer(key));
    const [a, b] = await Promise.all([ask(BRAND_A_KEY), ask(BRAND_B_KEY)]);
    expect(test.sim.counters.requests).toBe(1);
    const rows = rowsIn(test.sim, day);
    for (const [answer, campaign] of [[a.json, '3001'], [b.json, '3002']] as const) {
      const data = answer.data as { callReport: { total: { calls: number }; groups: { campaign: { id: string } }[] }; campaigns: { id: string }[]; calls: { edges: { node: { campaign: { id: string } } }[] } };
      expect(data.callReport.total.calls).toBe(rows.filter((row) => row.campaign_id === campaign).length);
      expect(data.callReport.groups.map((group) => group.campaign.id)).toEqual([campaign]);
      expect(data.campaigns).toEqual([{ id: campaign }]);
      expect(data.calls.edges.every(({ node }) => node.campaign.id === campaign)).toBe(true);
    }
    // Personal data follows each principal too: withheld from brand-a, served to brand-b.
    expect(new Set(a.json.errors?.map((error) => error.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
    expect(b.json.errors).toBeUndefined();
    const [again] = await Promise.all([ask(BRAND_A_KEY), ask(BRAND_B_KEY)]);
    expect(again.json.data).toEqual(a.json.data);
    expect(test.sim.counters.requests).toBe(1);
  });
});
