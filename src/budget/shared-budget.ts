import type { ZoneClock } from '../domain/time/zone-clock.js';
import { budgetUsedUp, type DailyBudget } from '../upstream/daily-budget.js';
import { UpstreamUnavailableError } from '../upstream/errors.js';
import type { Redis } from 'ioredis';
import { DAY_MS } from '../domain/time/time-range.js';

/** A day's counter outlives the day by this much, then Redis drops it. */
const COUNTER_TTL_MS = 3 * DAY_MS;

/**
 * One more for today, but never less than `floor` + 1: a Redis that restarted without persistence
 * comes back without the day's count, and the count a replica kept on its own disk raises it again,
 * atomically, so that replicas repairing it at once do not add their floors up.
 */
const SPEND = `
local spent = redis.call('INCR', KEYS[1])
local floor = tonumber(ARGV[1])
if spent <= floor then
  spent = floor + 1
  redis.call('SET', KEYS[1], spent)
end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return spent`;

/** Where a replica keeps the largest count it has seen of each day (the LMDB archive under its DATA_DIR), should Redis lose it. */
export interface KeptCounts {
  count(key: string): number;
  /** Stores `value` if the counter holds less. */
  raise(key: string, value: number): void;
}

/**
 * WOLKVOX_DAILY_BUDGET across replicas and restarts: one Redis counter per local day of the
 * operation (`<prefix>/<YYYY-MM-DD>`), incremented atomically before every HTTP attempt. Without
 * Redis nothing is spent, so nothing is sent. Each replica also keeps the largest count it has seen
 * in its durable tier (`kept`), and the larger of the two wins.
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
    private readonly kept?: KeptCounts,
  ) {}

  get used(): number {
    return this.lastKnown;
  }

  /** Reads today's count from Redis (another replica may have spent since), the larger of it and the one kept here, and returns it. */
  async refresh(): Promise<number> {
    const key = this.todayKey();
    const count = Math.max(Number((await this.state.redis.get(key)) ?? 0), this.kept?.count(key) ?? 0);
    this.lastKnown = Math.min(count, this.limit);
    return this.lastKnown;
  }

  async spend(): Promise<void> {
    const key = this.todayKey();
    let spent: number;
    try {
      const count = await this.state.redis.eval(SPEND, 1, key, this.kept?.count(key) ?? 0, COUNTER_TTL_MS);
      if (typeof count !== 'number') throw new Error('no count');
      spent = count;
    } catch (error) {
      throw new UpstreamUnavailableError(`the shared daily budget (Redis) cannot be counted: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    this.kept?.raise(key, spent);
    this.lastKnown = Math.min(spent, this.limit);
    if (spent > this.limit) throw budgetUsedUp(this.limit);
  }

  private todayKey(): string {
    return `${this.prefix}/${this.clock.at(this.now()).toISODate()}`;
  }
}
