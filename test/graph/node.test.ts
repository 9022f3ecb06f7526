import { beforeAll, describe, expect, it } from 'vitest';
import { bogotaDay, codes, graph, type TestGraph } from '../support/graph.js';

const day = bogotaDay('2025-03-04');

interface Owned {
  __typename: string;
  id: string;
  nodeId: string;
}

const NODE_FIELDS = '__typename nodeId ... on Agent { id } ... on Campaign { id } ... on Skill { id } ... on Call { id connId cost }';

describe('Relay Global Object Identification', () => {
  let first: TestGraph;
  let issued: { agent: Owned; campaign: Owned; skill: Owned; calls: (Owned & { connId: string; cost: string })[] };

  beforeAll(async () => {
    first = await graph();
    const { json } = await first.post({
      query: `query($r: DateRange!) {
        agents(range: $r) { __typename id nodeId } campaigns(range: $r) { __typename id nodeId } skills(range: $r) { __typename id nodeId }
        calls(range: $r, first: 400) { edges { node { __typename id nodeId connId cost } } } }`,
      variables: { r: day },
    });
    expect(json.errors).toBeUndefined();
    const data = json.data as { agents: never[]; campaigns: never[]; skills: never[]; calls: { edges: { node: never }[] } };
    // Calls far apart in the day, so that finding them needs windows from many hours.
    const calls = data.calls.edges.map((edge) => edge.node).filter((_, i) => i % 50 === 0);
    issued = { agent: data.agents[0]!, campaign: data.campaigns[0]!, skill: data.skills[0]!, calls };
  });

  it('gives every Agent, Campaign, Skill and Call a global id apart from its own id, unique across types', () => {
    const all = [issued.agent, issued.campaign, issued.skill, ...issued.calls];
    expect(new Set(all.map((node) => node.nodeId)).size).toBe(all.length);
    for (const node of all) expect(node.nodeId).not.toBe(node.id);
  });

  it('finds each object again from its global id, in a server started afterwards with nothing in memory', async () => {
    const restarted = await graph();
    const before = restarted.sim.counters.requests;
    const { agent, campaign, skill, calls } = issued;
    const { json } = await restarted.post({
      query: `query($id: ID!, $ids: [ID!]!) { node(id: $id) { ${NODE_FIELDS} } nodes(ids: $ids) { ${NODE_FIELDS} } }`,
      variables: { id: agent.nodeId, ids: [campaign.nodeId, skill.nodeId, ...calls.map((call) => call.nodeId)] },
    });
    expect(json.errors).toBeUndefined();
    expect(json.data!.node).toEqual(agent);
    expect(json.data!.nodes).toEqual([campaign, skill, ...calls]);
    // Owners cost no request; the calls' windows, across the day, are fetched together.
    expect(restarted.sim.counters.requests - before).toBe(1);
  });

  it('answers null for a call that is not there, and BAD_USER_INPUT for text it never issued', async () => {
    const missing = Buffer.from('Call:1741066352.no-such-call').toString('base64');
    const absent = await first.post({ query: 'query($id: ID!) { node(id: $id) { nodeId } }', variables: { id: missing } });
    expect(absent.json.data).toEqual({ node: null });
    expect(absent.json.errors).toBeUndefined();
    for (const id of ['not-a-global-id', Buffer.from('CallStats:1').toString('base64')]) {
      const { json } = await first.post({ query: 'query($id: ID!) { node(id: $id) { nodeId } }', variables: { id } });
      expect(codes(json)).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('takes at most a page of ids in nodes(ids:), each call id being a window to load', async () => {
    const ids = Array.from({ length: 1001 }, () => issued.calls[0]!.nodeId);
    const { json } = await first.post({ query: 'query($ids: [ID!]!) { nodes(ids: $ids) { nodeId } }', variables: { ids } });
    expect(json.errors?.[0]).toMatchObject({ message: expect.stringContaining('at most 1000 ids'), extensions: { code: 'BAD_USER_INPUT' } });
  });
});
