import { builder } from './builder.js';
import { UPSTREAM_NULL, ownedCallFields } from './call-connection.js';
import { LIMITS } from './context.js';
import { DateRange } from './inputs.js';
import { byId, directoryOf, recentDirectory } from './lookup.js';
import { CampaignRef } from './refs.js';

CampaignRef.implement({
  description: 'A wolkvox campaign, as the call records name it (`campaign_id`). wolkvox publishes no campaign list or names.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The campaign\'s id in wolkvox (`campaign_id`).' }),
    ...ownedCallFields(t, 'campaign', (id) => ({ campaignIds: [id] })),
  }),
});

builder.queryFields((t) => ({
  campaigns: t.field({
    type: [CampaignRef],
    nullable: true,
    description: `Campaigns with at least one call leg in the range, by id.${UPSTREAM_NULL}`,
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

builder.asEntity(CampaignRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }) => ({ id }),
});
