import { beforeAll, describe, expect, it } from 'vitest';
import { columnsOf } from '../../src/domain/columns/call-columns-builder.js';
import type { CallRecord } from '../../src/domain/model/call-record.js';
import type { CallSource } from '../../src/upstream/call-source.js';
import { graph, type TestGraph } from '../support/graph.js';
import { ADMIN_KEY, BRAND_A_KEY, BRANDS, bearer, policyYaml } from '../support/principals.js';
import { clientFor, simulator } from '../support/simulator.js';

/**
 * What a scoped principal reads must not depend on the calls outside its scope at all: not in its
 * figures, and not in what the server says of its operations either (the estimated groups and the
 * complexity in `extensions.cost`, or a refusal they decide). Two servers: one over the whole
 * operation, one over a wolkvox that holds campaign 3001's calls only. brand-a (campaign 3001) must get
 * byte-for-byte the same answers from both; an unrestricted key, which sees every campaign, must not.
 */

const IN = '3001';
const DAY = { from: '2025-03-04T00:00:00-05:00', to: '2025-03-05T00:00:00-05:00' };
const MONTH = { from: '2025-02-01T00:00:00-05:00', to: '2025-03-01T00:00:00-05:00' };

/** The simulator's answers with every call of another campaign (and every unreadable row not of 3001) taken out. */
function onlyInScope(source: CallSource): CallSource {
  return {
    ...(source.maxRowsPerResponse !== undefined && { maxRowsPerResponse: source.maxRowsPerResponse }),
    fetchCalls: async (range, signal, hooks) => {
      const answer = await source.fetchCalls(range, signal, hooks);
      const kept: CallRecord[] = [];
      for (let i = 0; i < answer.calls.length; i += 1) if (answer.calls.text('campaignId', i) === IN) kept.push(answer.calls.record(i));
      const rejected = answer.rejected.filter(({ row }) => (row as { campaign_id?: unknown } | null)?.campaign_id === IN);
      return { ...answer, calls: columnsOf(kept), rejected, rowCount: kept.length + rejected.length };
    },
  };
}

const report = (groupBy: string) => `query($range: DateRange!) {
  callReport(range: $range, groupBy: [${groupBy}]) { total { calls totalCost } groups(limit: 3) { stats { calls totalCost } } trafficByHour { calls } }
}`;
const SHAPES = ['AGENT', 'AGENT, HOUR', 'DESTINY, HOUR', 'TYPE, DAY', 'SKILL, COUNTRY', 'CAMPAIGN, DAY', 'COD_ACT, HANG_UP', 'SKILL, AGENT, DAY'];
const LISTS = `query($range: DateRange!) {
  agents(range: $range) { id name stats(range: $range) { calls totalCost } } skills(range: $range) { id name } campaigns(range: $range) { id }
  calls(range: $range, first: 10) { totalCount stats { calls totalCost distinctCustomers } edges { cursor node { id cost agent { id name } } } }
}`;

describe('a scoped principal\'s answers, costs included, are blind to calls outside its scope (issue #22, hostile)', () => {
  let whole: TestGraph;
  let scoped: TestGraph;
  beforeAll(async () => {
    const sim = await simulator({ dataset: { callsPerDay: 1_500 } });
    const policy = policyYaml(BRANDS);
    whole = await graph({ sim, apiKeys: [ADMIN_KEY], policy });
    scoped = await graph({ sim, apiKeys: [ADMIN_KEY], policy, source: onlyInScope(clientFor(sim)) });
    // Both caches warm first, so that no answer counts a request to wolkvox.
    for (const server of [whole, scoped]) for (const range of [DAY, MONTH]) await server.post({ query: report('CAMPAIGN'), variables: { range } }, bearer(ADMIN_KEY));
  });

  const ask = async (server: TestGraph, key: string, query: string, range: typeof DAY) => (await server.post({ query, variables: { range } }, bearer(key))).json;

  for (const [name, range] of [['a day', DAY], ['a month of day roll-ups', MONTH]] as const) {
    it(`reports by every shape over ${name}: the same answer and the same cost from both servers`, async () => {
      for (const shape of SHAPES) {
        const answer = await ask(whole, BRAND_A_KEY, report(shape), range);
        expect(answer.errors, shape).toBeUndefined();
        expect(await ask(scoped, BRAND_A_KEY, report(shape), range), shape).toEqual(answer);
      }
      // The oracle's difference: what an unrestricted key is told does depend on the other campaigns.
      const admin = [await ask(whole, ADMIN_KEY, report('AGENT, HOUR'), range), await ask(scoped, ADMIN_KEY, report('AGENT, HOUR'), range)];
      expect(admin[0]!.extensions?.cost).not.toEqual(admin[1]!.extensions?.cost);
    });

    it(`calls, owner lists and their stats over ${name}: the same from both servers`, async () => {
      const answer = await ask(whole, BRAND_A_KEY, LISTS, range);
      expect(answer.errors).toBeUndefined();
      expect(await ask(scoped, BRAND_A_KEY, LISTS, range)).toEqual(answer);
    });
  }
});
