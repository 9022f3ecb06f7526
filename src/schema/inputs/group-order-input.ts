import { GROUP_METRICS, type GroupMetric, type GroupOrder as DomainGroupOrder } from '../../domain/report/group-order.js';
import { builder } from '../core/builder.js';
import { badUserInput } from '../core/errors.js';

const METRIC_DESCRIPTIONS: Record<GroupMetric, string> = {
  CALLS: 'Legs (`stats.calls`).',
  TOTAL_COST: '`stats.totalCost`, compared exactly.',
  AVERAGE_COST: '`stats.averageCost`.',
  TOTAL_DURATION_SECONDS: '`stats.totalDurationSeconds`.',
  AVERAGE_DURATION_SECONDS: '`stats.averageDurationSeconds`.',
  MAX_DURATION_SECONDS: '`stats.maxDurationSeconds`.',
  TOTAL_BILLED_MINUTES: '`stats.totalBilledMinutes`.',
  ROUNDING_OVERHEAD_MINUTES: '`stats.roundingOverheadMinutes`.',
  COST_PER_BILLED_MINUTE: '`stats.costPerBilledMinute`.',
  UNCODED_CALLS: '`stats.uncodedCalls`.',
  AGENT_HUNG_UP_CALLS: '`stats.agentHungUpCalls`.',
  DISTINCT_CALLS: '`stats.distinctCalls` (scans the legs).',
  TRANSFERRED_CALLS: '`stats.transferredCalls` (scans the legs).',
  DISTINCT_CUSTOMERS: '`stats.distinctCustomers` (scans the legs).',
};

const GroupMetricEnum = builder.enumType('GroupMetric', {
  description: 'A CallStats figure report groups can be ordered by.',
  values: Object.fromEntries(
    (Object.keys(GROUP_METRICS) as GroupMetric[]).map((metric) => [metric, { value: metric, description: METRIC_DESCRIPTIONS[metric] }]),
  ) as Record<GroupMetric, { value: GroupMetric; description: string }>,
});

export const SortDirection = builder.enumType('SortDirection', {
  description: 'Which way to order.',
  values: { ASC: { value: 'ASC', description: 'Smallest first.' }, DESC: { value: 'DESC', description: 'Largest first.' } } as const,
});

export const GroupOrder = builder.inputType('GroupOrder', {
  description: 'Orders report groups by one figure of their stats; groups without a value (e.g. no billed minutes) come last either way, ties keep the report order.',
  fields: (t) => ({
    metric: t.field({ type: GroupMetricEnum, required: true, description: 'The figure.' }),
    direction: t.field({ type: SortDirection, defaultValue: 'DESC', description: 'DESC (default) for the top, ASC for the bottom.' }),
  }),
});

/** Most groups one answer may hold when a limit is given (larger reports are asked for whole). */
export const MAX_GROUP_LIMIT = 10_000;

export function toGroupOrder(order: { metric: GroupMetric; direction?: 'ASC' | 'DESC' | null } | null | undefined): DomainGroupOrder | null {
  return order ? { metric: order.metric, descending: (order.direction ?? 'DESC') === 'DESC' } : null;
}

export function checkedLimit(limit: number | null | undefined): number | null {
  if (limit == null) return null;
  if (limit < 1 || limit > MAX_GROUP_LIMIT) throw badUserInput(`limit is ${limit}; give 1 to ${MAX_GROUP_LIMIT} groups, or omit it for all.`);
  return limit;
}
