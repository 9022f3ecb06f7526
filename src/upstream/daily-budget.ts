import type { ZoneClock } from '../domain/zone-clock.js';
import { UpstreamQuotaError } from './errors.js';

/** What spends wolkvox requests against a daily limit: this process's DailyBudget, or one shared by replicas (src/replicas/). */
export interface RequestBudget {
  readonly limit: number;
  /** Requests spent today (as last known, for a shared budget). */
  readonly used: number;
  /** Takes one request from today's budget, or throws UPSTREAM_QUOTA when none is left. */
  spend(): void | Promise<void>;
}

/** Counters by key kept on disk (the LMDB archive under DATA_DIR): a day's count that outlives Redis. */
export interface DayCounts {
  count(key: string): number;
  /** Stores `value` if the counter holds less. */
  raise(key: string, value: number): void;
}

/**
 * Upstream requests allowed per local day. wolkvox counts every request against a daily quota
 * (licences × 1000) and refuses the rest of the day once it is used up, for every tool sharing the
 * token; this guard stops short of that, and says so, before wolkvox does. In memory, per process.
 */
export class DailyBudget implements RequestBudget {
  private day = Number.NaN;
  private spent = 0;

  constructor(
    readonly limit: number,
    private readonly clock: ZoneClock,
    private readonly now: () => number = Date.now,
  ) {}

  /** Requests spent today. */
  get used(): number {
    this.rollOver();
    return this.spent;
  }

  /** Takes one request from today's budget, or throws UPSTREAM_QUOTA when none is left. */
  spend(): void {
    if (this.limit === 0) return;
    this.rollOver();
    if (this.spent >= this.limit) throw budgetUsedUp(this.limit);
    this.spent += 1;
  }

  private rollOver(): void {
    const today = this.clock.startOf('day', this.now());
    if (today !== this.day) {
      this.day = today;
      this.spent = 0;
    }
  }
}

export function budgetUsedUp(limit: number): UpstreamQuotaError {
  return new UpstreamQuotaError(
    `the daily budget of ${limit} wolkvox requests (WOLKVOX_DAILY_BUDGET) is used up; cached data is still served, new data after local midnight`,
  );
}
