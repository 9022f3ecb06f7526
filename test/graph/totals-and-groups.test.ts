import { beforeAll, describe, expect, it } from 'vitest';
import { CallReportDocument, CallsPageDocument, type CallDimension, type CallReportQuery } from '../../operations/generated/graphql.js';
import type { SimulatedRow } from '../../simulator/dataset.js';
import { bogotaDay, graph, type TestGraph } from '../support/graph.js';
import { canonical, exactSum, floatSum } from '../support/oracle.js';
import { rowsIn } from '../support/simulator.js';

type GroupOf = NonNullable<CallReportQuery['callReport']>['groups'][number];

const day = bogotaDay('2025-03-04');

/** The oracle: the simulator's own rows for the range, grouped by a key. */
function expectedGroups(rows: readonly SimulatedRow[], keyOf: (row: SimulatedRow) => string) {
  const groups = new Map<string, SimulatedRow[]>();
  for (const row of rows) groups.set(keyOf(row), [...(groups.get(keyOf(row)) ?? []), row]);
  return new Map([...groups].map(([key, members]) => [key, { calls: members.length, totalCost: exactSum(members.map((r) => r.cost)) }]));
}

/** totalCost / calls rounded half-even to 6 places, with BigInt: the documented definition, computed independently. */
function averageOf(total: string, calls: number): string {
  const [whole = '0', fraction = ''] = total.split('.');
  const scaled = BigInt(`${whole}${fraction.padEnd(12, '0')}`); // 12 places
  const quotient = scaled / BigInt(calls); // 12 places, truncated
  const remainder = scaled % BigInt(calls);
  const million = 1_000_000n;
  let rounded = quotient / million;
  const rest = (quotient % million) * 2n + (remainder > 0n ? 1n : 0n);
  if (rest > million || (rest === million && rounded % 2n === 1n)) rounded += 1n;
  return canonical(`${rounded / million}.${String(rounded % million).padStart(6, '0')}`);
}

const orNone = (text: string) => (text === '' || text === '-' ? 'none' : text);
const typeOf = (raw: string) => (raw === 'inbound' ? 'INBOUND' : raw === 'internal' ? 'INTERNAL' : 'OUTBOUND');

describe('totals and groups through the real server', () => {
  let execute: TestGraph['execute'];
  let rows: SimulatedRow[];
  beforeAll(async () => {
    const test = await graph();
    execute = test.execute;
    rows = rowsIn(test.sim, day);
  });

  it('totals equal an independent exact sum of the simulator rows for the range', async () => {
    const { data, errors } = await execute(CallReportDocument, { range: day });
    expect(errors).toBeUndefined();
    expect(rows.length).toBeGreaterThan(300);
    const seconds = rows.map((r) => Number(r.time_seg));
    const totalCost = exactSum(rows.map((r) => r.cost));
    expect(data?.callReport?.total).toEqual({
      calls: rows.length,
      totalCost,
      averageCost: averageOf(totalCost, rows.length),
      totalDurationSeconds: seconds.reduce((a, b) => a + b, 0),
      averageDurationSeconds: seconds.reduce((a, b) => a + b, 0) / rows.length,
      maxDurationSeconds: Math.max(...seconds),
      totalBilledMinutes: exactSum(rows.filter((r) => r.time_min !== '').map((r) => r.time_min)),
      callsByType: ['INBOUND', 'OUTBOUND', 'INTERNAL', 'OTHER'].map((type) => ({
        type,
        calls: rows.filter((r) => typeOf(r.type_interaction) === type).length,
      })),
      callsByHangUp: [...new Set(rows.map((r) => r.hang_up))]
        .map((hangUp) => ({ hangUp, calls: rows.filter((r) => r.hang_up === hangUp).length }))
        .sort((a, b) => b.calls - a.calls),
    });
    expect(data?.callReport?.groups).toEqual([]);
    expect(data?.callReport?.unreadableRows.count).toBe(0);
  });

  it('keeps money exact where a float sum drifts', async () => {
    const { data } = await execute(CallReportDocument, { range: day });
    const float = floatSum(rows.map((r) => r.cost));
    expect(String(float)).not.toBe(data?.callReport?.total.totalCost);
    expect(canonical(data!.callReport!.total.totalCost)).toBe(exactSum(rows.map((r) => r.cost)));
  });

  const cases: { dimension: CallDimension; rowKey: (r: SimulatedRow) => string; groupKey: (g: GroupOf) => string }[] = [
    { dimension: 'AGENT', rowKey: (r) => orNone(r.agent_id), groupKey: (g) => g.agent?.id ?? 'none' },
    { dimension: 'CAMPAIGN', rowKey: (r) => orNone(r.campaign_id), groupKey: (g) => g.campaign?.id ?? 'none' },
    { dimension: 'SKILL', rowKey: (r) => orNone(r.skill_id), groupKey: (g) => g.skill?.id ?? 'none' },
    { dimension: 'TYPE', rowKey: (r) => typeOf(r.type_interaction), groupKey: (g) => g.type ?? 'none' },
    { dimension: 'HANG_UP', rowKey: (r) => orNone(r.hang_up), groupKey: (g) => g.hangUp ?? 'none' },
    { dimension: 'COD_ACT', rowKey: (r) => orNone(r.cod_act), groupKey: (g) => g.codAct ?? 'none' },
    { dimension: 'HOUR', rowKey: (r) => `2025-03-04T${r.date.slice(11, 13)}:00:00-05:00`, groupKey: (g) => g.period ?? 'none' },
    { dimension: 'DAY', rowKey: () => '2025-03-04T00:00:00-05:00', groupKey: (g) => g.period ?? 'none' },
  ];

  it.each(cases)('groups by $dimension like an independent grouping of the rows', async ({ dimension, rowKey, groupKey }) => {
    const { data, errors } = await execute(CallReportDocument, { range: day, groupBy: [dimension] });
    expect(errors).toBeUndefined();
    const groups = data!.callReport!.groups;
    const actual = new Map(groups.map((g) => [groupKey(g), { calls: g.stats.calls, totalCost: canonical(g.stats.totalCost) }]));
    expect(actual).toEqual(expectedGroups(rows, rowKey));
    expect(actual.size).toBe(groups.length);
  });

  it('groups by a pair of dimensions: one group per distinct combination', async () => {
    const { data } = await execute(CallReportDocument, { range: day, groupBy: ['AGENT', 'TYPE'] });
    const groups = data!.callReport!.groups;
    const actual = new Map(groups.map((g) => [`${g.agent?.id}/${g.type}`, { calls: g.stats.calls, totalCost: canonical(g.stats.totalCost) }]));
    expect(actual).toEqual(expectedGroups(rows, (r) => `${r.agent_id}/${typeOf(r.type_interaction)}`));
    expect(groups.every((g) => g.campaign === null && g.period === null)).toBe(true);
    expect(groups.every((g) => g.agent?.name)).toBe(true);
  });

  it('gives every group the names on its calls', async () => {
    const { data } = await execute(CallReportDocument, { range: day, groupBy: ['SKILL'] });
    const named = data!.callReport!.groups.filter((g) => g.skill);
    expect(named.length).toBeGreaterThan(0);
    for (const group of named) expect(group.skill?.name).toBe(rows.find((r) => r.skill_id === group.skill?.id)?.skill_name);
  });

  it('filters by agent, campaign, skill and type, alone and together', async () => {
    const filters = [
      { filter: { agentIds: ['1001', '1002'] }, keep: (r: SimulatedRow) => ['1001', '1002'].includes(r.agent_id) },
      { filter: { campaignIds: ['3001'] }, keep: (r: SimulatedRow) => r.campaign_id === '3001' },
      { filter: { skillIds: ['2'] }, keep: (r: SimulatedRow) => r.skill_id === '2' },
      { filter: { types: ['INTERNAL' as const] }, keep: (r: SimulatedRow) => r.type_interaction === 'internal' },
      {
        filter: { skillIds: ['1', '2'], types: ['INBOUND' as const] },
        keep: (r: SimulatedRow) => ['1', '2'].includes(r.skill_id) && r.type_interaction === 'inbound',
      },
    ];
    for (const { filter, keep } of filters) {
      const kept = rows.filter(keep);
      const { data } = await execute(CallsPageDocument, { range: day, filter, first: 1000 });
      expect(kept.length).toBeGreaterThan(0);
      expect(data?.calls?.totalCount).toBe(kept.length);
      expect(canonical(data!.calls!.stats.totalCost)).toBe(exactSum(kept.map((r) => r.cost)));
      expect(data?.calls?.edges.map((e) => e.node.connId).sort()).toEqual(kept.map((r) => r.conn_id).sort());
    }
  });
});
