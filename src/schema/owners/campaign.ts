import { builder } from '../core/builder.js';
import { ownedCallFields } from '../calls/call-connection.js';
import { ownerByIdField, ownerEntity, ownerListField, type CallOwner } from './call-owner.js';
import { CampaignRef } from '../core/refs.js';

const campaigns: CallOwner = { noun: 'campaign', plural: 'campaigns', known: (d) => d.campaigns, scope: (id) => ({ campaignIds: [id] }) };

CampaignRef.implement({
  description: 'A wolkvox campaign, as the call records name it (`campaign_id`). wolkvox publishes no campaign list or names.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The campaign\'s id in wolkvox (`campaign_id`).' }),
    ...ownedCallFields(t, campaigns),
  }),
});

builder.queryFields((t) => ({
  campaigns: ownerListField(t, CampaignRef, campaigns),
  campaign: ownerByIdField(t, CampaignRef, campaigns),
}));

ownerEntity(CampaignRef);
