import { beforeAll, describe, expect, it } from 'vitest';
import type { WolkvoxSimulator } from '../../simulator/server.js';
import { bogotaDay, codes, graph, type TestGraph } from '../support/graph.js';
import { compareExact, exactSum } from '../support/oracle.js';
import { instants } from '../support/simulator.js';

const day = bogotaDay('2025-03-04');
const range = `{from: "${day.from}", to: "${day.to}"}`;


describe('top-N report groups', () => {
  let post: TestGraph['post'];
  let sim: WolkvoxSimulator;
  beforeAll(async () => {
    ({ post, sim } = await graph());
  });

  it('gives the three costliest destinations, costliest first, as the rows rank them', async () => {
    const { json } = await post({
      query: `{ callReport(range: ${range}, groupBy: [DESTINY]) { groups(orderBy: {metric: TOTAL_COST}, limit: 3) { destiny stats { totalCost } } } }`,
    });
    const rows = sim.dataset.callsBetween(instants(day)).map((call) => call.row);
    const costs = new Map<string, string[]>();
    for (const row of rows) costs.set(row.destiny, [...(costs.get(row.destiny) ?? []), row.cost]);
    const expected = [...costs].map(([destiny, list]) => ({ destiny, stats: { totalCost: exactSum(list) } }))
      .sort((a, b) => compareExact(b.stats.totalCost, a.stats.totalCost)).slice(0, 3);
    expect((json.data as { callReport: { groups: unknown[] } }).callReport.groups).toEqual(expected);
  });

  it('orders agents by their average call, shortest first when asked ASC', async () => {
    const { json } = await post({
      query: `{ callReport(range: ${range}, groupBy: [AGENT]) { groups(orderBy: {metric: AVERAGE_DURATION_SECONDS, direction: ASC}, limit: 10) { stats { averageDurationSeconds } } } }`,
    });
    const averages = (json.data as { callReport: { groups: { stats: { averageDurationSeconds: number } }[] } }).callReport.groups.map((g) => g.stats.averageDurationSeconds);
    expect(averages).toHaveLength(10);
    expect(averages).toEqual([...averages].sort((a, b) => a - b));
  });

  it('refuses a limit of 0 with a message that says why', async () => {
    const { json } = await post({ query: `{ callReport(range: ${range}, groupBy: [AGENT]) { groups(limit: 0) { stats { calls } } } }` });
    expect(codes(json)).toEqual(['BAD_USER_INPUT']);
    expect(json.errors?.[0]?.message).toMatch(/limit is 0; give 1 to 10000 groups/);
  });
});
