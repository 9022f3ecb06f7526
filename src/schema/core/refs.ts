import type { CallRecord } from '../../domain/model/call-record.js';
import type { CallStats } from '../../domain/stats/call-stats.js';
import type { UnreadableRow } from '../../feed/window-store.js';
import { builder } from './builder.js';

/**
 * Every object type's ref, declared before any is implemented, so that type files can point at each
 * other (Call → Agent → CallConnection → Call) without import cycles.
 */

/** An agent, campaign or skill; `name` undefined means "not known yet: look it up". */
export interface AgentShape {
  readonly id: string;
  readonly name?: string | null;
}
export type SkillShape = AgentShape;
/** Campaigns have no name in wolkvox; they share the shape, without one. */
export type CampaignShape = AgentShape;

export const CallRef = builder.objectRef<CallRecord>('Call');
export const AgentRef = builder.objectRef<AgentShape>('Agent');
export const CampaignRef = builder.objectRef<CampaignShape>('Campaign');
export const SkillRef = builder.objectRef<SkillShape>('Skill');
export const CallStatsRef = builder.objectRef<CallStats>('CallStats');
export const UnreadableRowsRef = builder.objectRef<readonly UnreadableRow[]>('UnreadableRows');
