import type { ObjectRef } from '@pothos/core';
import type { CallRecord } from '../../domain/model/call-record.js';
import { builder, type Types } from './builder.js';
import { callById } from '../../feed/call-lookup.js';
import { settled } from './settled.js';
import type { NodeTypeName } from './global-id.js';
import { AgentRef, CallRef, CampaignRef, SkillRef, type AgentShape } from './refs.js';

/**
 * Relay Global Object Identification: Agent, Call, Campaign and Skill implement `Node`, whose `nodeId`
 * encodes the type and the type's own `id` (see global-id.ts).
 *
 * An agent, campaign or skill is found as a Federation reference is: from its id, without asking
 * wolkvox (its name and calls load when selected). Refetching an owner seen in an old report must
 * work, and the 31-day lookup of `agent(id)` would answer null for it. A call is found from its
 * self-locating id, all calls of one `nodes` together.
 */
const owner = (ref: ObjectRef<Types, AgentShape>) => () =>
  builder.nodeRef<AgentShape, string, ObjectRef<Types, AgentShape>>(ref, { id: { resolve: ({ id }) => id }, loadMany: (ids: string[]) => ids.map((id) => ({ id })) });

/** One registration per type that global-id.ts names, so a type added to one place and not the other fails the type check. */
const registrations: Record<NodeTypeName, () => unknown> = {
  Agent: owner(AgentRef),
  Campaign: owner(CampaignRef),
  Skill: owner(SkillRef),
  Call: () =>
    builder.nodeRef<CallRecord, string, typeof CallRef>(CallRef, {
      id: { resolve: (call) => call.id },
      loadMany: (ids: string[], ctx) => ids.map((id) => settled(callById(ctx.feed, id))),
    }),
};

for (const register of Object.values(registrations)) register();
