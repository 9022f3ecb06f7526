import type { ZoneClock } from '../domain/time/zone-clock.js';
import { budgetUsedUp, type DailyBudget } from '../upstream/daily-budget.js';
import { UpstreamUnavailableError } from '../upstream/errors.js';
import type { Redis } from 'ioredis';
import { DAY_MS } from '../domain/time/time-range.js';

/** A day's counter outlives the day by this much, then Redis drops it. */
const COUNTER_TTL_MS = 3 * DAY_MS;

/**
 * WOLKVOX_DAILY_BUDGET across replicas and restarts: one Redis counter per local day of the
 * operation (`<prefix>/<YYYY-MM-DD>`), incremented atomically before every HTTP attempt. Without
 * Redis nothing is spent, so nothing is sent.
 */
export class SharedDailyBudget implements DailyBudget {
  private lastKnown = 0;

  constructor(
    readonly limit: number,
    /** The replicas' shared state (src/replicas/redis-connection.ts): its Redis connection. */
    private readonly state: { readonly redis: Redis },
    private readonly prefix: string,
    private readonly clock: ZoneClock,
    private readonly now: () => number = Date.now,
  ) {}

  get used(): number {
    return this.lastKnown;
  }

  /** Reads today's count from Redis (another replica may have spent since), and returns it. */
  async refresh(): Promise<number> {
    const count = Number((await this.state.redis.get(this.todayKey())) ?? 0);
    this.lastKnown = Math.min(count, this.limit);
    return this.lastKnown;
  }

  async spend(): Promise<void> {
    const key = this.todayKey();
    let spent: number;
    try {
      const [[failure, count] = []] = (await this.state.redis.multi().incr(key).pexpire(key, COUNTER_TTL_MS).exec()) ?? [];
      if (failure || typeof count !== 'number') throw failure ?? new Error('no count');
      spent = count;
    } catch (error) {
      throw new UpstreamUnavailableError(`the shared daily budget (Redis) cannot be counted: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    this.lastKnown = Math.min(spent, this.limit);
    if (spent > this.limit) throw budgetUsedUp(this.limit);
  }

  private todayKey(): string {
    return `${this.prefix}/${this.clock.at(this.now()).toISODate()}`;
  }
}
