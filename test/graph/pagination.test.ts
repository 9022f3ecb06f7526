import { beforeAll, describe, expect, it } from 'vitest';
import { CallsPageDocument, type CallsPageQuery } from '../../operations/generated/graphql.js';
import { bogotaDay, graph, type TestGraph } from '../support/graph.js';
import { instants } from '../support/simulator.js';

const day = bogotaDay('2025-03-04');

describe('paging through calls', () => {
  let execute: TestGraph['execute'];
  /** Legs in the day, by the simulator's own account. */
  let expected: number;
  beforeAll(async () => {
    const test = await graph();
    execute = test.execute;
    expected = test.sim.dataset.callsBetween(instants(day)).length;
  });

  it('walks every leg exactly once, in (date, id) order, forwards', async () => {
    const seen: string[] = [];
    const dates: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: NonNullable<CallsPageQuery['calls']> = (await execute(CallsPageDocument, { range: day, first: 37, after })).data!.calls!;
      seen.push(...page.edges.map((e) => e.node.id));
      dates.push(...page.edges.map((e) => e.node.date));
      pages += 1;
      expect(page.totalCount).toBe(expected);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(expected);
    expect(new Set(seen).size).toBe(expected);
    expect(pages).toBe(Math.ceil(expected / 37));
    expect(dates.map((d) => Date.parse(d))).toEqual(dates.map((d) => Date.parse(d)).sort((a, b) => a - b));
  });

  it('walks backwards with last/before to the same legs', async () => {
    const forwards = (await execute(CallsPageDocument, { range: day, first: 1000 })).data!.calls!.edges.map((e) => e.node.id);
    const seen: string[] = [];
    let before: string | null = null;
    for (;;) {
      const page: NonNullable<CallsPageQuery['calls']> = (await execute(CallsPageDocument, { range: day, last: 50, before })).data!.calls!;
      seen.unshift(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    expect(seen).toEqual(forwards);
  });

  it('defaults to 100 legs a page and says whether more follow', async () => {
    const page = (await execute(CallsPageDocument, { range: day })).data!.calls!;
    expect(page.edges).toHaveLength(100);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });

  it('keeps a cursor valid when the same query is asked again', async () => {
    const first = (await execute(CallsPageDocument, { range: day, first: 10 })).data!.calls!;
    const again = (await execute(CallsPageDocument, { range: day, first: 10, after: first.edges[4]!.cursor })).data!.calls!;
    expect(again.edges[0]?.node.id).toBe(first.edges[5]?.node.id);
  });

  it('puts the legs of one transferred call on the page each as its own edge', async () => {
    const edges = (await execute(CallsPageDocument, { range: day, first: 1000 })).data!.calls!.edges;
    const legs = new Map<string, number>();
    for (const edge of edges) legs.set(edge.node.connId, (legs.get(edge.node.connId) ?? 0) + 1);
    expect([...legs.values()].some((n) => n > 1)).toBe(true);
    expect(edges).toHaveLength(expected);
  });
});
