import type { ZoneClock } from '../domain/time/zone-clock.js';
import { budgetUsedUp, type DailyBudget } from '../upstream/daily-budget.js';

/** What this budget needs of the LMDB archive (src/store/lmdb-archive.ts): counters that survive a restart. */
export interface DurableCounters {
  countUp(key: string, limit: number): number | null;
  count(key: string): number;
}

/**
 * WOLKVOX_DAILY_BUDGET for one instance, kept under DATA_DIR: one counter per local day of the
 * operation (`<prefix>/<YYYY-MM-DD>`), so that a restart does not let the same day spend it again.
 */
export class DurableDailyBudget implements DailyBudget {
  constructor(
    readonly limit: number,
    private readonly archive: DurableCounters,
    private readonly prefix: string,
    private readonly clock: ZoneClock,
    private readonly now: () => number = Date.now,
  ) {}

  get used(): number {
    return this.archive.count(this.todayKey());
  }

  spend(): void {
    if (this.archive.countUp(this.todayKey(), this.limit) === null) throw budgetUsedUp(this.limit);
  }

  private todayKey(): string {
    return `${this.prefix}/${this.clock.at(this.now()).toISODate()}`;
  }
}
