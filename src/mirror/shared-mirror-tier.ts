import { setImmediate as nextTurnOfTheLoop } from 'node:timers/promises';
import { rollupOfDay } from '../feed/day-rollups.js';
import type { FreshnessPolicy } from '../feed/freshness.js';
import type { WindowData } from '../feed/window-store.js';
import type { WindowSink } from '../feed/window-engine.js';
import { windowKey } from '../feed/windows.js';
import type { WorkTurn } from '../replicas/refresh-turns.js';
import type { Replicas } from '../replicas/replicas.js';
import type { DailyBudget } from '../upstream/daily-budget.js';
import type { TimeRange } from '../domain/time/time-range.js';
import { classify, type HeldDay, type MirrorTier, type StoredCopies } from './mirror-tier.js';

/**
 * The replicas' mirror: windows in Redis beside every other shared window (the replica whose turn it is
 * fetches them through the shared span loader, which stores them there), the days held in a Redis set
 * (`<window namespace>/mirror/held-days`), the share counted in Redis: every replica reports the same
 * progress, and the next one to take the turn goes on where the last stopped.
 */
export class SharedMirrorTier implements MirrorTier {
  readonly name = 'redis';

  constructor(
    private readonly replicas: Pick<Replicas, 'state' | 'windows' | 'backfillTurn' | 'rollups'>,
    private readonly indexKey: string,
    readonly share: DailyBudget,
    private readonly freshness: FreshnessPolicy,
  ) {}

  heldDates(): Promise<string[]> {
    return this.replicas.state.redis.smembers(this.indexKey);
  }

  async markHeld(dates: readonly string[]): Promise<void> {
    if (dates.length > 0) await this.replicas.state.redis.sadd(this.indexKey, ...dates);
  }

  async storedCopies(windows: readonly TimeRange[]): Promise<StoredCopies> {
    return classify([...(await this.replicas.windows.read(windows)).values()], this.freshness);
  }

  /** The shared span loader has stored what it fetched in Redis before handing it back: nothing more to keep. */
  sink(provisional: ReadonlyMap<number, number>): WindowSink {
    return { keep: () => undefined, previousProvisional: (window) => provisional.get(windowKey(window)) };
  }

  turn(): Promise<WorkTurn | null> {
    return this.replicas.backfillTurn();
  }

  /** As the disk tier's, from the windows in Redis into Redis, where every replica reads them (SharedRollups). */
  async rollUp(days: readonly HeldDay[]): Promise<number> {
    const { rollups, windows: shared } = this.replicas;
    const stored = await rollups.stored(days.map(({ day }) => day));
    let made = 0;
    for (const { day, windows } of days) {
      if (stored.has(day.from)) continue;
      const found = await shared.read(windows);
      const copies = windows.map((window) => found.get(windowKey(window))).filter((copy): copy is WindowData => copy !== undefined);
      if (copies.length === windows.length && copies.every((copy) => this.freshness.isStable(copy.window, copy.fetchedAt, copy.provisional))) {
        rollups.write(await rollupOfDay(copies));
        made += 1;
      }
      await nextTurnOfTheLoop();
    }
    await rollups.flushed();
    return made;
  }
}
