import { BoundedMap } from '../domain/util/bounded-map.js';
import type { ZoneClock } from '../domain/time/zone-clock.js';
import type { DailyBudget } from '../upstream/daily-budget.js';
import { DurableDailyBudget, type DurableCounters } from './durable-budget.js';
import { MemoryDailyBudget } from './memory-budget.js';
import { SharedDailyBudget, type KeptCounts } from './shared-budget.js';
import type { Redis } from 'ioredis';

/**
 * Daily budgets by key (a principal's share of wolkvox: its `upstreamRequestsPerDay`), each counted
 * in the tier WOLKVOX_DAILY_BUDGET is counted in: this process's memory, DATA_DIR, or Redis for
 * every replica. A limit of 0 allows no request.
 */
export type DailyShares = (key: string, limit: number) => DailyBudget;

/** Keys whose counts one process holds in memory at most: far more principals than a policy lists (JWT subjects come and go). */
const HELD_IN_MEMORY = 10_000;

export function memoryShares(clock: ZoneClock, now: () => number = Date.now): DailyShares {
  const held = new BoundedMap<string, MemoryDailyBudget>(HELD_IN_MEMORY);
  return (key, limit) => {
    const id = `${key}/${limit}`;
    let budget = held.get(id);
    if (!budget) held.set(id, (budget = new MemoryDailyBudget(limit, clock, now)));
    return budget;
  };
}

/** Under `<prefix>/<key>/<YYYY-MM-DD>` in the LMDB archive, beside the server's own budget. */
export function durableShares(archive: DurableCounters, prefix: string, clock: ZoneClock, now: () => number = Date.now): DailyShares {
  return (key, limit) => new DurableDailyBudget(limit, archive, `${prefix}/${key}`, clock, now);
}

/** Under `<prefix>/<key>/<YYYY-MM-DD>` in Redis, for every replica at once (and, as the daily budget, raised again from `kept` should Redis lose it). */
export function sharedShares(state: { readonly redis: Redis }, prefix: string, clock: ZoneClock, now: () => number = Date.now, kept?: KeptCounts): DailyShares {
  return (key, limit) => new SharedDailyBudget(limit, state, `${prefix}/${key}`, clock, now, kept);
}
