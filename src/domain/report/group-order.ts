import type { CallGroup } from './call-report.js';
import type { CallStats } from '../stats/call-stats.js';
import { Decimal, type DecimalText } from '../model/decimal.js';
import type { LegFigures } from '../stats/leg-set.js';
import { inTurn } from '../util/yielding.js';

/** What report groups can be ordered by; each reads one CallStats figure. */
export const GROUP_METRICS = {
  CALLS: (s: CallStats) => s.calls,
  TOTAL_COST: (s: CallStats) => s.totalCost,
  AVERAGE_COST: (s: CallStats) => s.averageCost,
  TOTAL_DURATION_SECONDS: (s: CallStats) => s.totalDurationSeconds,
  AVERAGE_DURATION_SECONDS: (s: CallStats) => s.averageDurationSeconds,
  MAX_DURATION_SECONDS: (s: CallStats) => s.maxDurationSeconds,
  TOTAL_BILLED_MINUTES: (s: CallStats) => s.totalBilledMinutes,
  ROUNDING_OVERHEAD_MINUTES: (s: CallStats) => s.roundingOverheadMinutes,
  COST_PER_BILLED_MINUTE: (s: CallStats) => s.costPerBilledMinute,
  UNCODED_CALLS: (s: CallStats) => s.uncodedCalls,
  AGENT_HUNG_UP_CALLS: (s: CallStats) => s.agentHungUpCalls,
  // Read in turns of the event loop (yielding.ts): a report's groups are ordered together.
  DISTINCT_CALLS: async (s: CallStats) => fromLegs(await s.legs(), (legs) => legs.distinctCalls()),
  TRANSFERRED_CALLS: async (s: CallStats) => fromLegs(await s.legs(), (legs) => legs.transferredCalls()),
  DISTINCT_CUSTOMERS: async (s: CallStats) => fromLegs(await s.legs(), (legs) => legs.distinctCustomers()),
} satisfies Record<string, (stats: CallStats) => number | DecimalText | null | Promise<number>>;
export type GroupMetric = keyof typeof GROUP_METRICS;

function fromLegs(legs: LegFigures, read: (legs: LegFigures) => number): Promise<number> {
  return inTurn(() => read(legs));
}

export interface GroupOrder {
  readonly metric: GroupMetric;
  readonly descending: boolean;
}

/**
 * The groups ordered by one metric (money compared exactly), groups without a value last either way,
 * ties in their report order; then the first `limit`. Each metric is read once per group.
 */
export async function topGroups(groups: readonly CallGroup[], order: GroupOrder | null, limit: number | null): Promise<readonly CallGroup[]> {
  let ordered = groups;
  if (order) {
    const read: (stats: CallStats) => number | DecimalText | null | Promise<number> = GROUP_METRICS[order.metric];
    const sign = order.descending ? -1 : 1;
    const values = await Promise.all(groups.map(async (group) => valueOf(await read(group.stats))));
    ordered = groups
      .map((group, index) => ({ group, index, value: values[index]! }))
      .sort((a, b) => {
        if (a.value === null || b.value === null) return (a.value === null ? 1 : 0) - (b.value === null ? 1 : 0) || a.index - b.index;
        return sign * compare(a.value, b.value) || a.index - b.index;
      })
      .map(({ group }) => group);
  }
  return limit === null ? ordered : ordered.slice(0, limit);
}

function valueOf(value: number | DecimalText | null): number | Decimal | null {
  return typeof value === 'string' ? new Decimal(value) : value;
}

function compare(a: number | Decimal, b: number | Decimal): number {
  return typeof a === 'number' && typeof b === 'number' ? a - b : new Decimal(a).comparedTo(b);
}
