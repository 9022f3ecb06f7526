import { builder } from '../core/builder.js';
import { callById } from '../../feed/call-lookup.js';
import { AgentRef, CallRef, CampaignRef, SkillRef } from '../core/refs.js';
import { InteractionType } from '../inputs/inputs.js';
import { PERSONAL_DATA } from '../core/personal-data.js';

CallRef.implement({
  description:
    'One call leg: a row of the wolkvox `cdr_1` report. A transferred call has several legs that share `connId`; each leg is billed and counted.',
  fields: (t) => ({
    id: t.exposeID('id', {
      description: 'Unique and stable across refetches. Starts with the call\'s epoch second, so it also says where to find the call.',
    }),
    connId: t.exposeString('connId', { description: 'wolkvox\'s call identifier (`conn_id`); shared by the legs of one call.' }),
    date: t.field({
      type: 'DateTime',
      description: 'When the leg happened (`date`, a wall-clock time in the operation\'s zone).',
      resolve: (call, _args, ctx) => ctx.clock.iso(call.date),
    }),
    destiny: t.exposeString('destiny', { nullable: true, description: 'Destination of the call (`destiny`).' }),
    telephone: t.exposeString('telephone', { nullable: true, authScopes: PERSONAL_DATA, description: 'The number dialled or calling (`telephone`). Personal data: null with a FORBIDDEN error for principals without `pii`.' }),
    cost: t.field({ type: 'Decimal', description: 'Price of the leg (`cost`), exact; 0 when wolkvox sent none.', resolve: (call) => call.cost }),
    durationSeconds: t.exposeInt('durationSeconds', { description: 'Talk time in seconds (`time_seg`); 0 when wolkvox sent none.' }),
    billedMinutes: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'Billed minutes (`time_min`), exact; null when wolkvox sent none.',
      resolve: (call) => call.billedMinutes,
    }),
    codAct: t.exposeString('codAct', { nullable: true, description: 'Activity code (`cod_act`); null for `-` or empty.' }),
    codAct2: t.exposeString('codAct2', { nullable: true, description: 'Second activity code (`cod_act_2`); null for `-` or empty.' }),
    descriptionCodAct: t.exposeString('descriptionCodAct', { nullable: true, description: 'Description of `codAct`.' }),
    descriptionCodAct2: t.exposeString('descriptionCodAct2', { nullable: true, description: 'Description of `codAct2`.' }),
    type: t.field({ type: InteractionType, description: 'Inbound, outbound, internal or other.', resolve: (call) => call.type }),
    typeRaw: t.exposeString('typeRaw', { description: '`type_interaction` as wolkvox sent it, e.g. `outbound_ma`.' }),
    customerId: t.exposeString('customerId', { nullable: true, authScopes: PERSONAL_DATA, description: 'The customer\'s identification (`customer_id`). Personal data: null with a FORBIDDEN error for principals without `pii`.' }),
    hangUp: t.exposeString('hangUp', { nullable: true, description: 'Who ended the call (`hang_up`), e.g. `agent` or `customer`.' }),
    comment: t.exposeString('comment', { nullable: true, authScopes: PERSONAL_DATA, description: 'The agent\'s comment (`comment`). Personal data: null with a FORBIDDEN error for principals without `pii`.' }),
    agent: t.field({
      type: AgentRef,
      nullable: true,
      description: 'The agent who handled the leg; null when the row names none.',
      resolve: (call) => (call.agentId === null ? null : { id: call.agentId, name: call.agentName }),
    }),
    campaign: t.field({
      type: CampaignRef,
      nullable: true,
      description: 'The campaign of the leg; null when the row names none.',
      resolve: (call) => (call.campaignId === null ? null : { id: call.campaignId }),
    }),
    skill: t.field({
      type: SkillRef,
      nullable: true,
      description: 'The skill that routed the leg; null when the row names none.',
      resolve: (call) => (call.skillId === null ? null : { id: call.skillId, name: call.skillName }),
    }),
  }),
});

/** A reference finds its call from the id alone (see callById). */
builder.asEntity(CallRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, ctx) => callById(ctx.feed, id),
});
