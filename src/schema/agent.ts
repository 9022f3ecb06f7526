import { builder } from './builder.js';
import { UPSTREAM_NULL, ownedCallFields } from './call-connection.js';
import { LIMITS } from './context.js';
import { DateRange } from './inputs.js';
import { byId, directoryOf, recentDirectory } from './lookup.js';
import { AgentRef } from './refs.js';

AgentRef.implement({
  description: 'A wolkvox Agent user, as the call records name it (`agent_id`, `agent_name`).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The agent\'s id in wolkvox (`agent_id`).' }),
    name: t.string({
      nullable: true,
      description: `The agent's name on their latest call (in the range that found them, or in the last ${LIMITS.lookupDays} days).`,
      resolve: async (agent, _args, ctx) => (agent.name !== undefined ? agent.name : ((await recentDirectory(ctx)).agents.get(agent.id) ?? null)),
    }),
    ...ownedCallFields(t, 'agent', (id) => ({ agentIds: [id] })),
  }),
});

builder.queryFields((t) => ({
  agents: t.field({
    type: [AgentRef],
    nullable: true,
    description: `Agents with at least one call leg in the range, by id.${UPSTREAM_NULL}`,
    args: { range: t.arg({ type: DateRange, required: true, description: 'Which instants: from <= date < to.' }) },
    resolve: async (_root, args, ctx) => [...(await directoryOf(ctx, args.range)).agents].map(([id, name]) => ({ id, name })).sort(byId),
  }),
  agent: t.field({
    type: AgentRef,
    nullable: true,
    description: `The agent with this id, if they had a call in the last ${LIMITS.lookupDays} days; null otherwise. For older agents use \`agents(range)\` or \`calls(filter: {agentIds})\`.`,
    args: { id: t.arg.id({ required: true, description: 'The agent\'s id in wolkvox.' }) },
    resolve: async (_root, args, ctx) => {
      const name = (await recentDirectory(ctx)).agents.get(String(args.id));
      return name === undefined ? null : { id: String(args.id), name };
    },
  }),
}));

// A federated reference carries only the id; the name is looked up when asked (recent calls), and
// `calls`/`stats` take their range as arguments, so no upstream request is made to resolve it.
builder.asEntity(AgentRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }) => ({ id }),
});
