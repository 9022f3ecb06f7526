import { AVERAGE_COST_DECIMALS, type CallStats } from '../../domain/stats/call-stats.js';
import { INTERACTION_TYPES } from '../../domain/model/call-record.js';
import { builder } from '../core/builder.js';
import { analyticsFields } from './call-stats-analytics.js';
import { InteractionType } from '../inputs/inputs.js';
import { CallStatsRef } from '../core/refs.js';

const TypeCount = builder.objectRef<CallStats['callsByType'][number]>('InteractionTypeCount').implement({
  description: 'How many legs had one interaction type.',
  fields: (t) => ({
    type: t.field({ type: InteractionType, description: 'The interaction type.', resolve: (count) => count.type }),
    calls: t.exposeInt('calls', { description: 'Legs of that type.' }),
  }),
});

const HangUpCount = builder.objectRef<CallStats['callsByHangUp'][number]>('HangUpCount').implement({
  description: 'How many legs were ended by one party (`hang_up`).',
  fields: (t) => ({
    hangUp: t.exposeString('hangUp', { nullable: true, description: 'Who ended them, as wolkvox writes it (`agent`, `customer`…); null when not stated.' }),
    calls: t.exposeInt('calls', { description: 'Legs ended that way.' }),
  }),
});

CallStatsRef.implement({
  description: 'Totals over a set of call legs. Every leg counts, including several legs of one transferred call. Money and minutes are exact.',
  fields: (t) => ({
    calls: t.exposeInt('calls', { description: 'Number of call legs.' }),
    totalCost: t.field({ type: 'Decimal', description: 'Sum of `cost`, exact.', resolve: (stats) => stats.totalCost }),
    averageCost: t.field({
      type: 'Decimal',
      nullable: true,
      description: `totalCost / calls, rounded half-even to ${AVERAGE_COST_DECIMALS} decimals; null when there are no calls.`,
      resolve: (stats) => stats.averageCost,
    }),
    totalDurationSeconds: t.exposeInt('totalDurationSeconds', { description: 'Sum of `durationSeconds`.' }),
    averageDurationSeconds: t.float({
      nullable: true,
      description: 'totalDurationSeconds / calls; null when there are no calls.',
      resolve: (stats) => stats.averageDurationSeconds,
    }),
    maxDurationSeconds: t.int({
      nullable: true,
      description: 'The longest leg, in seconds; null when there are no calls.',
      resolve: (stats) => stats.maxDurationSeconds,
    }),
    totalBilledMinutes: t.field({
      type: 'Decimal',
      description: 'Sum of `billedMinutes` over the legs that have them, exact.',
      resolve: (stats) => stats.totalBilledMinutes,
    }),
    callsByType: t.field({
      type: [TypeCount],
      complexity: { field: 1, multiplier: INTERACTION_TYPES.length },
      description: 'Legs per interaction type; every type is listed, with 0 where none.',
      resolve: (stats) => stats.callsByType,
    }),
    callsByHangUp: t.field({
      type: [HangUpCount],
      description: 'Legs per party that ended them, most frequent first.',
      resolve: (stats) => stats.callsByHangUp,
    }),
    ...analyticsFields(t),
  }),
});
