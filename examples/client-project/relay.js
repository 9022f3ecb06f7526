import { Environment, Network, RecordSource, Store } from 'relay-runtime';
import { cdrDataID } from '@wolkvox-cdr-graph/client-caches/relay';

const url = process.env.CDR_GRAPH_URL ?? 'http://localhost:4000/graphql';
const environment = new Environment({
  network: Network.create(async (request, variables) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: request.text, variables }),
    });
    return response.json();
  }),
  store: new Store(new RecordSource()),
  getDataID: cdrDataID,
});

// What test/client-caches/client-project.test.ts checks with it: the wallboard lists a day's agents, and one agent
// is refetched for another day through node(id: $nodeId); both days' stats stay in the store.
import assert from 'node:assert/strict';
import { createOperationDescriptor, fetchQuery } from 'relay-runtime';
import WallboardQuery from './__generated__/wallboardQuery.graphql.js';
import AgentRefetchQuery from './__generated__/wallboardAgentRefetchQuery.graphql.js';

const day = { from: '2025-03-04T00:00:00-05:00', to: '2025-03-05T00:00:00-05:00' };
const otherDay = { from: '2025-03-05T00:00:00-05:00', to: '2025-03-06T00:00:00-05:00' };
const { agents } = await fetchQuery(environment, WallboardQuery, { range: day }).toPromise();
const [agent] = agents;
assert.equal(environment.getStore().getSource().get(agent.nodeId)?.id, agent.id, 'agents are stored under their nodeId');
const { node } = await fetchQuery(environment, AgentRefetchQuery, { nodeId: agent.nodeId, range: otherDay }).toPromise();
assert.ok(node, 'node(id:) found the agent');

const record = environment.getStore().getSource().get(agent.nodeId);
assert.equal(Object.keys(record).filter((field) => field.startsWith('stats(')).length, 2);
assert.equal(environment.check(createOperationDescriptor(AgentRefetchQuery, { nodeId: agent.nodeId, range: day })).status, 'available');
assert.equal(environment.check(createOperationDescriptor(WallboardQuery, { range: day })).status, 'available');
console.log('Relay: agents stored under nodeId, refetched through node(id:), nothing lost');
