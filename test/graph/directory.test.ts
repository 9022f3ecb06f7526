import { beforeAll, describe, expect, it } from 'vitest';
import { DirectoryDocument, LookupDocument } from '../../operations/generated/graphql.js';
import type { SimulatedRow } from '../../simulator/dataset.js';
import { bogotaDay, graph, type TestGraph } from '../support/graph.js';
import { canonical, exactSum } from '../support/oracle.js';
import { rowsIn } from '../support/simulator.js';

const day = bogotaDay('2025-03-04');

describe('agents, campaigns and skills', () => {
  let execute: TestGraph['execute'];
  let rows: SimulatedRow[];
  beforeAll(async () => {
    // "now" is 2025-03-10 noon in Bogotá (see the graph helper): lookups search the 31 days before.
    const test = await graph();
    execute = test.execute;
    rows = rowsIn(test.sim, day);
  });

  it('lists those with at least one call in the range, by id, with the names on their calls', async () => {
    const { data, errors } = await execute(DirectoryDocument, { range: day });
    expect(errors).toBeUndefined();
    const agentIds = [...new Set(rows.map((r) => r.agent_id))].sort();
    expect(data?.agents?.map((a) => a.id)).toEqual(agentIds);
    for (const agent of data!.agents!) expect(agent.name).toBe(rows.findLast((r) => r.agent_id === agent.id)?.agent_name);
    expect(data?.campaigns?.map((c) => c.id)).toEqual([...new Set(rows.map((r) => r.campaign_id).filter(Boolean))].sort());
    expect(data?.skills?.map((s) => [s.id, s.name])).toEqual(
      [...new Map(rows.filter((r) => r.skill_id).map((r) => [r.skill_id, r.skill_name]))].sort(([a], [b]) => Number(a) - Number(b)),
    );
  });

  it('looks one up by id, and scopes its calls and stats to it', async () => {
    const { data, errors } = await execute(LookupDocument, { agentId: '1001', campaignId: '3001', skillId: '2', range: day });
    expect(errors).toBeUndefined();
    const agentRows = rows.filter((r) => r.agent_id === '1001');
    expect(data?.agent).toMatchObject({ id: '1001', name: agentRows[0]?.agent_name });
    expect(data?.agent?.stats.calls).toBe(agentRows.length);
    expect(canonical(data!.agent!.stats.totalCost)).toBe(exactSum(agentRows.map((r) => r.cost)));
    expect(data?.agent?.calls.totalCount).toBe(agentRows.length);
    expect(data?.agent?.calls.edges.every((e) => e.node.agent?.id === '1001')).toBe(true);
    expect(data?.campaign?.stats.calls).toBe(rows.filter((r) => r.campaign_id === '3001').length);
    expect(data?.skill).toMatchObject({ id: '2', name: 'Soporte técnico' });
    expect(data?.skill?.stats.calls).toBe(rows.filter((r) => r.skill_id === '2' && r.type_interaction === 'inbound').length);
  });

  it('answers null for an id with no call in the lookup period', async () => {
    const { data } = await execute(LookupDocument, { agentId: '999999', campaignId: 'none', skillId: '42', range: day });
    expect(data).toMatchObject({ agent: null, campaign: null, skill: null });
  });
});
