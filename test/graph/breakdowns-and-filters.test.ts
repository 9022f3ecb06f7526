import { beforeAll, describe, expect, it } from 'vitest';
import { BreakdownDocument, CallsPageDocument } from '../../operations/generated/graphql.js';
import type { WolkvoxSimulator } from '../../simulator/server.js';
import { bogotaDay, codes, graph, type TestGraph } from '../support/graph.js';
import { exactSum } from '../support/oracle.js';
import { instants } from '../support/simulator.js';

const day = bogotaDay('2025-03-04');

describe('breakdowns and filters through the graph', () => {
  let execute: TestGraph['execute'];
  let sim: WolkvoxSimulator;
  beforeAll(async () => {
    ({ execute, sim } = await graph());
  });

  it('groups a day by destination and country, each group costing what its rows cost', async () => {
    const result = await execute(BreakdownDocument, { range: day, groupBy: ['DESTINY', 'COUNTRY'] });
    expect(result.errors).toBeUndefined();
    const rows = sim.dataset.callsBetween(instants(day)).map((call) => call.row);
    const groups = result.data!.callReport!.groups;
    expect(groups.length).toBeGreaterThanOrEqual(8);
    for (const group of groups) {
      const mine = rows.filter((row) => row.destiny === group.destiny);
      expect(group.stats).toMatchObject({ calls: mine.length, totalCost: exactSum(mine.map((row) => row.cost)) });
    }
    expect(groups.find((group) => group.destiny === 'Estados Unidos')?.country).toBe('US');
    expect(groups.find((group) => group.destiny === 'Interno')?.country).toBe('ZZ');
  });

  it('reads the weekday as an enum and the hour of day as a number', async () => {
    const result = await execute(BreakdownDocument, { range: day, groupBy: ['WEEKDAY', 'HOUR_OF_DAY'] });
    const groups = result.data!.callReport!.groups;
    expect(new Set(groups.map((group) => group.weekday))).toEqual(new Set(['TUESDAY']));
    expect(groups.map((group) => group.hourOfDay)).toEqual([...groups.map((group) => group.hourOfDay)].sort((a, b) => a! - b!));
  });

  it('applies a composed filter to calls, their totals and reports alike', async () => {
    const filter = { not: { countries: ['CO'] }, anyOf: [{ durationSeconds: { min: 60 } }, { cost: { max: '0' } }] };
    const report = await execute(BreakdownDocument, { range: day, filter });
    const page = await execute(CallsPageDocument, { range: day, filter, first: 1 });
    expect(report.errors ?? page.errors).toBeUndefined();
    expect(page.data!.calls!.totalCount).toBe(report.data!.callReport!.total.calls);
    expect(page.data!.calls!.totalCount).toBeGreaterThan(0);
  });

  it.each([
    ['min above max', { durationSeconds: { min: 100, max: 10 } }, /filter.durationSeconds.min \(100\) is greater than filter.durationSeconds.max \(10\)/],
    ['a decimal min above max', { cost: { min: '2.5', max: '2.05' } }, /filter.cost.min \(2.5\) is greater than/],
    ['an empty anyOf', { anyOf: [] }, /filter.anyOf is empty/],
    ['nesting deeper than the bound', { not: { not: { not: { not: { countries: ['CO'] } } } } }, /filter.not.not.not.not nests not\/anyOf 4 levels deep; at most 3/],
    ['a list over the cap inside anyOf', { anyOf: [{ telephones: Array.from({ length: 1001 }, (_, i) => String(i)) }] }, /filter.anyOf\[0\].telephones holds 1001 values; at most 1000/],
    ['an unknown country', { countries: ['Colombia'] }, /filter.countries holds "Colombia", which is not an ISO 3166-1 alpha-2 code/],
  ])('refuses %s with a message that says why', async (_name, filter, message) => {
    const result = await execute(BreakdownDocument, { range: day, filter });
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(message);
  });
});
