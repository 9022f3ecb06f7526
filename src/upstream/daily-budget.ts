import { UpstreamQuotaError } from './errors.js';

/**
 * What spends wolkvox requests against a daily limit (WOLKVOX_DAILY_BUDGET), one per tier in src/budget/:
 * MemoryDailyBudget (one process), DurableDailyBudget (one instance, on disk), SharedDailyBudget (replicas, Redis).
 */
export interface DailyBudget {
  readonly limit: number;
  /** Requests spent today (as last known, for a shared budget). */
  readonly used: number;
  /** Takes one request from today's budget, or throws UPSTREAM_QUOTA when none is left. */
  spend(): void | Promise<void>;
  /** Reads today's count again where it is shared (another replica may have spent since). */
  refresh?(): Promise<unknown>;
}

/** The error every daily budget throws once today's requests are spent. */
export function budgetUsedUp(limit: number): UpstreamQuotaError {
  return new UpstreamQuotaError(
    `the daily budget of ${limit} wolkvox requests (WOLKVOX_DAILY_BUDGET) is used up; cached data is still served, new data after local midnight`,
  );
}
