import { beforeAll, describe, expect, it } from 'vitest';
import { CallsPageDocument, type CallOrder, type CallsPageQuery } from '../../operations/generated/graphql.js';
import type { WolkvoxSimulator } from '../../simulator/server.js';
import { bogotaDay, codes, graph, type Result, type TestGraph } from '../support/graph.js';
import { compareExact, exactSum } from '../support/oracle.js';
import { instants } from '../support/simulator.js';

const day = bogotaDay('2025-03-04');


describe('calls ordered by cost or duration', () => {
  let execute: TestGraph['execute'];
  let sim: WolkvoxSimulator;
  beforeAll(async () => {
    ({ execute, sim } = await graph());
  });

  /** Every leg of the day, page after page, in `orderBy`. */
  async function allPages(orderBy: CallOrder): Promise<{ connId: string; cost: string; durationSeconds: number; date: string }[]> {
    const nodes: { connId: string; cost: string; durationSeconds: number; date: string }[] = [];
    let after: string | null = null;
    for (;;) {
      const result: Result<CallsPageQuery> = await execute(CallsPageDocument, { range: day, orderBy, first: 500, after });
      expect(result.errors).toBeUndefined();
      const calls = result.data!.calls!;
      nodes.push(...calls.edges.map((edge) => edge.node));
      if (!calls.pageInfo.hasNextPage) return nodes;
      after = calls.pageInfo.endCursor!;
    }
  }

  it('pages through every leg by cost, costliest first, each exactly once', async () => {
    const nodes = await allPages({ field: 'COST', direction: 'DESC' });
    expect(nodes).toHaveLength(sim.dataset.callsBetween(instants(day)).length);
    for (let k = 1; k < nodes.length; k += 1) expect(compareExact(nodes[k - 1]!.cost, nodes[k]!.cost)).toBeGreaterThanOrEqual(0);
    const oracleCosts = sim.dataset.callsBetween(instants(day)).map((call) => call.row.cost).sort(compareExact).reverse();
    expect(exactSum(nodes.map((node) => node.cost))).toBe(exactSum(oracleCosts));
    expect(nodes.slice(0, 5).map((node) => Number(node.cost))).toEqual(oracleCosts.slice(0, 5).map(Number));
  });

  it('pages by duration, shortest first, with ties in date order', async () => {
    const nodes = await allPages({ field: 'DURATION' });
    const oracle = sim.dataset.callsBetween(instants(day)).map((call) => Number(call.row.time_seg)).sort((a, b) => a - b);
    expect(nodes.map((node) => node.durationSeconds)).toEqual(oracle);
    for (let k = 1; k < nodes.length; k += 1) {
      if (nodes[k - 1]!.durationSeconds === nodes[k]!.durationSeconds) expect(Date.parse(nodes[k - 1]!.date)).toBeLessThanOrEqual(Date.parse(nodes[k]!.date));
    }
  });

  it('refuses a cursor from the date order in the cost order', async () => {
    const byDate = await execute(CallsPageDocument, { range: day, first: 2 });
    const result = await execute(CallsPageDocument, { range: day, orderBy: { field: 'COST' }, first: 2, after: byDate.data!.calls!.pageInfo.endCursor });
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(/different range, filter or order/);
  });
});
