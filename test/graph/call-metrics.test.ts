import { beforeAll, describe, expect, it } from 'vitest';
import { CallMetricsDocument } from '../../operations/generated/graphql.js';
import type { WolkvoxSimulator } from '../../simulator/server.js';
import { bogotaDay, codes, graph, type TestGraph } from '../support/graph.js';
import { exactQuotient, exactSum } from '../support/oracle.js';
import { instants } from '../support/simulator.js';

const day = bogotaDay('2025-03-04');

describe('call metrics through the graph', () => {
  let execute: TestGraph['execute'];
  let post: TestGraph['post'];
  let sim: WolkvoxSimulator;
  beforeAll(async () => {
    ({ execute, post, sim } = await graph());
  });

  it('gives each destination its share of the cost, its cost per billed minute and cdr_4 duration bands', async () => {
    const result = await execute(CallMetricsDocument, { range: day });
    expect(result.errors).toBeUndefined();
    const rows = sim.dataset.callsBetween(instants(day)).map((call) => call.row);
    const report = result.data!.callReport!;
    expect(report.total.distinctCalls).toBe(new Set(rows.map((row) => row.conn_id)).size);
    const totalCost = exactSum(rows.map((row) => row.cost));
    for (const group of report.groups) {
      const mine = rows.filter((row) => row.destiny === group.destiny);
      const cost = exactSum(mine.map((row) => row.cost));
      const billed = exactSum(mine.map((row) => row.time_min));
      expect(group.shareOfTotalCost).toBeCloseTo(Number(exactQuotient(cost, totalCost, 12)), 10);
      expect(group.stats.costPerBilledMinute).toBe(billed === '0' ? null : exactQuotient(cost, billed, 6));
      expect(group.stats.durationHistogram.map((bucket) => [bucket.fromSeconds, bucket.toSeconds])).toEqual([[0, 5], [6, 20], [21, 60], [61, 120], [121, null]]);
      expect(group.stats.durationHistogram.reduce((sum, bucket) => sum + bucket.calls, 0)).toBe(mine.length);
      expect(group.stats.shortCalls).toBe(mine.filter((row) => Number(row.time_seg) < 10).length);
    }
  });

  it.each([
    ['a percentile above 100', 'durationPercentiles(p: [50, 101]) { seconds }', /p holds 101; a percentile must be above 0 and at most 100/],
    ['bounds out of order', 'durationHistogram(bounds: [10, 5]) { calls }', /bounds must be ascending/],
    ['a negative threshold', 'shortCalls(under: -1)', /under is -1/],
    ['a repeat window of a year', 'repeatCallers(withinHours: 8760)', /withinHours is 8760; give 1 to 168 hours/],
  ])('refuses %s with a message that says why', async (_name, selection, message) => {
    const { json } = await post({ query: `{ callReport(range: {from: "${day.from}", to: "${day.to}"}) { total { ${selection} } } }` });
    expect(codes(json)).toEqual(['BAD_USER_INPUT']);
    expect(json.errors?.[0]?.message).toMatch(message);
  });
});
