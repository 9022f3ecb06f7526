import type { ZoneClock } from '../domain/time/zone-clock.js';
import { budgetUsedUp, type DailyBudget } from '../upstream/daily-budget.js';

/**
 * Upstream requests allowed per local day. wolkvox counts every request against a daily quota
 * (licences × 1000) and refuses the rest of the day once it is used up, for every tool sharing the
 * token; this guard stops short of that, and says so, before wolkvox does. In memory, per process.
 */
export class MemoryDailyBudget implements DailyBudget {
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
