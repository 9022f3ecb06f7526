import { builder } from '../core/builder.js';
import { ownedCallFields } from '../calls/call-connection.js';
import { ownerByIdField, ownerEntity, ownerListField, ownerName, type CallOwner } from './call-owner.js';
import { AgentRef } from '../core/refs.js';

const agents: CallOwner = { noun: 'agent', plural: 'agents', known: (d) => d.agents, scope: (id) => ({ agentIds: [id] }) };

AgentRef.implement({
  description: 'A wolkvox Agent user, as the call records name it (`agent_id`, `agent_name`).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The agent\'s id in wolkvox (`agent_id`).' }),
    name: ownerName(t, agents),
    ...ownedCallFields(t, agents),
  }),
});

builder.queryFields((t) => ({
  agents: ownerListField(t, AgentRef, agents),
  agent: ownerByIdField(t, AgentRef, agents, ' For older agents use `agents(range)` or `calls(filter: {agentIds})`.'),
}));

ownerEntity(AgentRef);
