import type { CallRecord, InteractionType } from './call-record.js';
import { StatsAccumulator, type CallStats } from './call-stats.js';
import type { Bucket, ZoneClock } from './zone-clock.js';

export const CALL_DIMENSIONS = ['AGENT', 'CAMPAIGN', 'SKILL', 'TYPE', 'HANG_UP', 'COD_ACT', 'DAY', 'HOUR'] as const;
export type CallDimension = (typeof CALL_DIMENSIONS)[number];

/** The values one group shares; a dimension that is not grouped on is `undefined`. */
export interface CallGroupKey {
  readonly agentId?: string | null;
  readonly agentName?: string | null;
  readonly campaignId?: string | null;
  readonly skillId?: string | null;
  readonly skillName?: string | null;
  readonly type?: InteractionType;
  readonly hangUp?: string | null;
  readonly codAct?: string | null;
  /** Start of the DAY or HOUR bucket (the finer one when both are asked), epoch ms. */
  readonly period?: number;
}

export interface CallGroup {
  readonly key: CallGroupKey;
  readonly stats: CallStats;
}

/**
 * One group per distinct combination of the dimensions' values among `calls`, in a stable order
 * (period first, then the other values). Periods are local to the operation's zone.
 */
export function groupCalls(calls: Iterable<CallRecord>, dimensions: readonly CallDimension[], clock: ZoneClock): CallGroup[] {
  const wanted = new Set(dimensions);
  const bucket: Bucket | null = wanted.has('HOUR') ? 'hour' : wanted.has('DAY') ? 'day' : null;
  const groups = new Map<string, { key: CallGroupKey; totals: StatsAccumulator }>();
  for (const call of calls) {
    const key = keyOf(call, wanted, bucket, clock);
    const id = JSON.stringify(key);
    let group = groups.get(id);
    if (!group) {
      group = { key, totals: new StatsAccumulator() };
      groups.set(id, group);
    }
    group.totals.add(call);
  }
  return [...groups.values()]
    .map(({ key, totals }) => ({ key, stats: totals.result() }))
    .sort((a, b) => compareKeys(a.key, b.key));
}

function keyOf(call: CallRecord, wanted: ReadonlySet<CallDimension>, bucket: Bucket | null, clock: ZoneClock): CallGroupKey {
  return {
    ...(bucket && { period: clock.startOf(bucket, call.date) }),
    ...(wanted.has('AGENT') && { agentId: call.agentId }),
    ...(wanted.has('CAMPAIGN') && { campaignId: call.campaignId }),
    ...(wanted.has('SKILL') && { skillId: call.skillId }),
    ...(wanted.has('TYPE') && { type: call.type }),
    ...(wanted.has('HANG_UP') && { hangUp: call.hangUp }),
    ...(wanted.has('COD_ACT') && { codAct: call.codAct }),
  };
}

function compareKeys(a: CallGroupKey, b: CallGroupKey): number {
  if (a.period !== b.period) return (a.period ?? 0) - (b.period ?? 0);
  const text = (k: CallGroupKey) => [k.agentId, k.campaignId, k.skillId, k.type, k.hangUp, k.codAct].map((v) => v ?? '').join('\u0000');
  const [x, y] = [text(a), text(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}
