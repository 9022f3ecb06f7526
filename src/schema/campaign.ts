import { builder } from './builder.js';
import { byId } from './agent.js';
import { CALLS_PAGING, CallConnection, callsArgs, resolveCalls, resolveStats, statsArgs } from './call-connection.js';
import { LIMITS } from './context.js';
import { DateRange } from './inputs.js';
import { directoryOf, recentDirectory } from './lookup.js';
import { CallStatsRef, CampaignRef } from './refs.js';

CampaignRef.implement({
  description: 'A wolkvox campaign, as the call records name it (`campaign_id`). wolkvox publishes no campaign list or names.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The campaign\'s id in wolkvox (`campaign_id`).' }),
    calls: t.field({
      type: CallConnection,
      description: `This campaign's call legs in a range. ${CALLS_PAGING}`,
      args: callsArgs(t.arg),
      resolve: (campaign, args, ctx) => resolveCalls(ctx, args, { campaignIds: [campaign.id] }),
    }),
    stats: t.field({
      type: CallStatsRef,
      description: 'Totals of this campaign\'s call legs in a range.',
      args: statsArgs(t.arg),
      resolve: (campaign, args, ctx) => resolveStats(ctx, args, { campaignIds: [campaign.id] }),
    }),
  }),
});

builder.queryFields((t) => ({
  campaigns: t.field({
    type: [CampaignRef],
    description: 'Campaigns with at least one call leg in the range, by id.',
    args: { range: t.arg({ type: DateRange, required: true, description: 'Which instants: from <= date < to.' }) },
    resolve: async (_root, args, ctx) => [...(await directoryOf(ctx, args.range)).campaigns].map((id) => ({ id })).sort(byId),
  }),
  campaign: t.field({
    type: CampaignRef,
    nullable: true,
    description: `The campaign with this id, if it had a call in the last ${LIMITS.lookupDays} days; null otherwise.`,
    args: { id: t.arg.id({ required: true, description: 'The campaign\'s id in wolkvox.' }) },
    resolve: async (_root, args, ctx) => ((await recentDirectory(ctx)).campaigns.has(String(args.id)) ? { id: String(args.id) } : null),
  }),
}));
