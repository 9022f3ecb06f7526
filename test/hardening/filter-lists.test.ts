import { describe, expect, it } from 'vitest';
import { CallReportDocument, type CallFilter } from '../../operations/generated/graphql.js';
import { GRAPH_LIMITS } from '../../src/schema/core/limits.js';
import { bogotaDay, graph } from '../support/graph.js';

const day = bogotaDay('2025-03-04');
const MAX = GRAPH_LIMITS.maxFilterValues;

describe('CallFilter lists are bounded', async () => {
  const { sim, execute } = await graph();

  it.each<[keyof CallFilter, string]>([
    ['agentIds', '1001'],
    ['campaignIds', '3001'],
    ['skillIds', '2'],
    ['types', 'INBOUND'],
  ])('refuses %s with one value more than the limit, before asking wolkvox', async (list, value) => {
    sim.resetCounters();
    const filter = { [list]: Array.from({ length: MAX + 1 }, () => value) } as CallFilter;
    const result = await execute(CallReportDocument, { range: day, filter });
    expect(result.data?.callReport).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]).toMatchObject({
      message: expect.stringContaining(`filter.${list} holds ${MAX + 1} values; at most ${MAX} are allowed`),
      extensions: { code: 'BAD_USER_INPUT', maxFilterValues: MAX },
    });
    expect(sim.counters.requests).toBe(0);
  });

  it('accepts a list of exactly the limit and filters by it', async () => {
    const wanted = ['1001', '1002'];
    const agentIds = [...wanted, ...Array.from({ length: MAX - wanted.length }, (_, i) => `unknown-${i}`)];
    const result = await execute(CallReportDocument, { range: day, filter: { agentIds }, groupBy: ['AGENT'] });
    expect(result.errors).toBeUndefined();
    const expected = sim.dataset.callsBetween({ from: Date.parse(day.from), to: Date.parse(day.to) }).filter((call) => wanted.includes(call.row.agent_id));
    expect(expected.length).toBeGreaterThan(0);
    expect(result.data?.callReport?.total.calls).toBe(expected.length);
    expect(result.data?.callReport?.groups.map((group) => group.agent?.id)).toEqual(wanted);
  });
});
