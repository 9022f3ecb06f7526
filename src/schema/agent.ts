import { builder } from './builder.js';
import { CALLS_PAGING, CallConnection, callsArgs, resolveCalls, resolveStats, statsArgs } from './call-connection.js';
import { LIMITS } from './context.js';
import { DateRange } from './inputs.js';
import { directoryOf, recentDirectory } from './lookup.js';
import { AgentRef, CallStatsRef } from './refs.js';

AgentRef.implement({
  description: 'A wolkvox Agent user, as the call records name it (`agent_id`, `agent_name`).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The agent\'s id in wolkvox (`agent_id`).' }),
    name: t.string({
      nullable: true,
      description: `The agent's name on their latest call (in the range that found them, or in the last ${LIMITS.lookupDays} days).`,
      resolve: async (agent, _args, ctx) => (agent.name !== undefined ? agent.name : ((await recentDirectory(ctx)).agents.get(agent.id) ?? null)),
    }),
    calls: t.field({
      type: CallConnection,
      description: `This agent's call legs in a range. ${CALLS_PAGING}`,
      args: callsArgs(t.arg),
      resolve: (agent, args, ctx) => resolveCalls(ctx, args, { agentIds: [agent.id] }),
    }),
    stats: t.field({
      type: CallStatsRef,
      description: 'Totals of this agent\'s call legs in a range.',
      args: statsArgs(t.arg),
      resolve: (agent, args, ctx) => resolveStats(ctx, args, { agentIds: [agent.id] }),
    }),
  }),
});

builder.queryFields((t) => ({
  agents: t.field({
    type: [AgentRef],
    description: 'Agents with at least one call leg in the range, by id.',
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

export const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id, 'en', { numeric: true });
