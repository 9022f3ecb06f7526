import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { composeServices, compositionHasErrors } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatedRow } from '../../simulator/dataset.js';
import type { WolkvoxSimulator } from '../../simulator/server.js';
import { bogotaDay, graph, type TestGraph } from '../support/graph.js';
import { listen } from '../support/listen.js';
import { instants, rowsIn } from '../support/simulator.js';
import { CRM_AGENTS, CRM_SDL, startCrmSubgraph } from './crm-subgraph.js';

interface Json { data?: Record<string, unknown>; errors?: { message: string }[] }

describe('this service as a Federation v2 subgraph, behind a real gateway', () => {
  const day = bogotaDay('2025-03-04');
  let sim: WolkvoxSimulator;
  let post: TestGraph['post'];
  let sdl: string;
  let supergraph: string;
  let gateway: ReturnType<typeof createGatewayRuntime>;
  let rows: SimulatedRow[];

  beforeAll(async () => {
    const test = await graph();
    ({ sim, post } = test);
    const callsUrl = `${await listen(test.server)}/graphql`;
    const crm = await startCrmSubgraph();
    sdl = ((await post({ query: '{ _service { sdl } }' })).json as { data: { _service: { sdl: string } } }).data._service.sdl;
    const composition = composeServices([
      { name: 'calls', typeDefs: parse(sdl), url: callsUrl },
      { name: 'crm', typeDefs: parse(CRM_SDL), url: crm.url },
    ]);
    if (compositionHasErrors(composition)) throw new Error(composition.errors.map((e) => e.message).join('\n'));
    supergraph = composition.supergraphSdl;
    gateway = createGatewayRuntime({ supergraph, logging: false });
    rows = rowsIn(sim, day);
  });
  afterAll(() => gateway?.dispose());

  const viaGateway = async (query: string, variables: Record<string, unknown> = {}): Promise<Json> => {
    const response = await gateway.fetch('http://gateway/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Json;
  };

  it('composes with the CRM subgraph without errors, each entity keyed by id', () => {
    for (const type of ['Agent', 'Campaign', 'Skill', 'Call']) {
      expect(supergraph).toMatch(new RegExp(`type ${type}\\s[^{]*@join__type\\(graph: CALLS, key: "id"\\)`));
    }
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.3"');
  });

  it('serves Node ids through the gateway but keeps node(id:) out of the supergraph API, which cannot route an opaque id', async () => {
    const withIds = await viaGateway('query($r: DateRange!) { crmAgents(team: "North") { id nodeId email } agents(range: $r) { id nodeId } }', { r: day });
    expect(withIds.errors).toBeUndefined();
    const here = (withIds.data!.agents as { id: string; nodeId: string }[])[0]!;
    expect((withIds.data!.crmAgents as { id: string; nodeId: string }[]).find((a) => a.id === here.id)?.nodeId).toBe(here.nodeId);
    const node = await viaGateway('query($id: ID!) { node(id: $id) { nodeId } }', { id: here.nodeId });
    expect(node.errors?.[0]?.message).toMatch(/Cannot query field "node" on type "Query"/);
  });

  it('answers a query that starts in the CRM and reaches Agent.stats here', async () => {
    const result = await viaGateway('query($r: DateRange!) { crmAgents(team: "North") { id email stats(range: $r) { calls totalCost } } }', { r: day });
    expect(result.errors).toBeUndefined();
    const agents = result.data!.crmAgents as { id: string; email: string; stats: { calls: number } }[];
    expect(agents).toHaveLength(250);
    expect(agents[0]).toMatchObject({ id: '1001', email: 'agent1001@example.com' });
    expect(agents[0]!.stats.calls).toBe(rows.filter((r) => r.agent_id === '1001').length);
    expect(agents.find((a) => a.id === '1499')!.stats.calls).toBe(0);
  });

  it('answers a query that starts here and reaches Agent.email and Campaign.name there', async () => {
    const result = await viaGateway('query($r: DateRange!) { agents(range: $r) { id name email team } campaigns(range: $r) { id name } }', { r: day });
    expect(result.errors).toBeUndefined();
    const agents = result.data!.agents as { id: string; name: string; email: string; team: string }[];
    expect(agents.length).toBe(new Set(rows.map((r) => r.agent_id)).size);
    expect(agents.every((a) => a.email === `agent${a.id}@example.com` && a.name)).toBe(true);
    expect(result.data!.campaigns).toContainEqual({ id: '3001', name: 'Renovaciones' });
  });

  it('resolves _entities for all four entity types, a Call from its id alone', async () => {
    const call = rows.find((r) => r.agent_id === '1002')!;
    const page = (await post({ query: `{ calls(range: {from: "${day.from}", to: "${day.to}"}, filter: {agentIds: ["1002"]}, first: 1) { edges { node { id connId } } } }` })).json as { data: { calls: { edges: { node: { id: string; connId: string } }[] } } };
    const { id: callId, connId } = page.data.calls.edges[0]!.node;
    const result = (await post({
      query: `query($representations: [_Any!]!) { _entities(representations: $representations) {
        __typename ... on Agent { id name } ... on Campaign { id } ... on Skill { id name } ... on Call { id connId agent { id } } } }`,
      variables: {
        representations: [
          { __typename: 'Agent', id: '1002' },
          { __typename: 'Campaign', id: '3001' },
          { __typename: 'Skill', id: '2' },
          { __typename: 'Call', id: callId },
          { __typename: 'Call', id: '1741066352.no-such-call' },
        ],
      },
    })).json as Json;
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      { __typename: 'Agent', id: '1002', name: call.agent_name },
      { __typename: 'Campaign', id: '3001' },
      { __typename: 'Skill', id: '2', name: 'Soporte técnico' },
      { __typename: 'Call', id: callId, connId, agent: { id: '1002' } },
      null,
    ]);
  });

  // Days outside the 31 days before "now" (2025-03-10), which name lookups have loaded already.
  it('keeps upstream requests batched when the gateway sends 500 agent references', async () => {
    const fresh = bogotaDay('2025-01-20');
    const before = sim.counters.requests;
    const result = await viaGateway('query($r: DateRange!) { crmAgents { id stats(range: $r) { calls } } }', { r: fresh });
    expect(result.errors).toBeUndefined();
    expect(result.data!.crmAgents).toHaveLength(CRM_AGENTS.length);
    expect(sim.counters.requests - before).toBe(1);
    expect(sim.counters.concurrentViolations).toBe(0);
  });

  it('resolves 200 Call references from different hours in one upstream request', async () => {
    const fresh = bogotaDay('2025-01-21');
    const calls = sim.dataset.callsBetween(instants(fresh));
    const picked = calls.filter((_, i) => i % Math.floor(calls.length / 200) === 0).slice(0, 200);
    const representations = picked.map((c) => ({ __typename: 'Call', id: `${c.instant / 1000}.${c.row.conn_id}` }));
    const before = sim.counters.requests;
    const result = (await post({
      query: 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Call { id connId cost } } }',
      variables: { representations },
    })).json as Json;
    expect(result.errors).toBeUndefined();
    expect((result.data!._entities as { connId: string }[]).map((e) => e.connId)).toEqual(picked.map((c) => c.row.conn_id));
    expect(new Set(picked.map((c) => c.row.date.slice(0, 13))).size).toBeGreaterThan(10);
    expect(sim.counters.requests - before).toBe(1);
  });
});
