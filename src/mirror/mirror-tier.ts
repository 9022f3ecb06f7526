import { setImmediate as nextTurnOfTheLoop } from 'node:timers/promises';
import type { FreshnessPolicy } from '../feed/freshness.js';
import type { WindowSink } from '../feed/window-engine.js';
import { rollupOfDay } from '../feed/day-rollups.js';
import type { WindowData } from '../feed/window-store.js';
import { windowKey } from '../feed/windows.js';
import type { WorkTurn } from '../replicas/refresh-turns.js';
import type { TieredWindowStore } from '../store/tiered-window-store.js';
import type { WindowArchive } from '../store/window-archive.js';
import type { TimeRange } from '../domain/time/time-range.js';
import type { DailyBudget } from '../upstream/daily-budget.js';

/** What a tier already holds of some windows (by key): final copies, and the count of those that are provisional (FreshnessPolicy). */
export interface StoredCopies {
  readonly stable: ReadonlySet<number>;
  readonly provisional: ReadonlyMap<number, number>;
}

/** A local day the mirror holds whole, and its windows. */
export interface HeldDay {
  readonly day: TimeRange;
  readonly windows: readonly TimeRange[];
}

/**
 * Where the history mirror keeps its windows, the list of days it holds whole, and the count of its
 * requests: the disk (one instance) or Redis (replicas, src/mirror/shared-mirror-tier.ts).
 */
export interface MirrorTier {
  /** The tier's name in logs. */
  readonly name: string;
  /** WOLKVOX_BACKFILL_REQUESTS_PER_DAY, counted where the daily budget is, so that a restart does not reset it. */
  readonly share: DailyBudget;
  /** The local dates (YYYY-MM-DD) of the days held whole. */
  heldDates(): Promise<string[]>;
  /** Adds days to the list, after their windows were stored. */
  markHeld(dates: readonly string[]): Promise<void>;
  /** Which of `windows` the tier holds final copies of (stored by anyone), read without keeping them in memory. */
  storedCopies(windows: readonly TimeRange[]): Promise<StoredCopies>;
  /** Where fetched windows go, given the copies found provisional before. */
  sink(provisional: ReadonlyMap<number, number>): WindowSink;
  /** This instance's turn to backfill, or null while another replica has it. */
  turn(): Promise<WorkTurn | null>;
  /**
   * Makes and stores the day roll-up of each of `days` that has none stored, from its stored windows
   * (read, summarized and let go a day at a time, never put in memory), so that a report over the
   * history reads days, not legs; a day whose windows are not all there and final is left to the first
   * report over it. Returns how many it made.
   */
  rollUp(days: readonly HeldDay[]): Promise<number>;
}

/** One instance's mirror: windows in the LMDB tier (never in memory), the list of days beside them. */
export class DiskMirrorTier implements MirrorTier {
  readonly name = 'disk';
  private dates: string[] | undefined;

  constructor(
    private readonly store: TieredWindowStore,
    private readonly archive: WindowArchive,
    /** `<window namespace>/mirror/held-days`: one value, a JSON list of dates. */
    private readonly indexKey: string,
    readonly share: DailyBudget,
    private readonly freshness: FreshnessPolicy,
  ) {}

  heldDates(): Promise<string[]> {
    if (!this.dates) {
      const bytes = this.archive.read(this.indexKey);
      this.dates = bytes ? parseDates(Buffer.from(bytes).toString('utf8')) : [];
    }
    return Promise.resolve([...this.dates]);
  }

  async markHeld(dates: readonly string[]): Promise<void> {
    // The list as it is now, after the await: two spans in flight may hold days at once, and a copy
    // taken before the other's update would write its days out of the list (lost after a restart).
    await this.heldDates();
    this.dates = [...new Set([...(this.dates ?? []), ...dates])].sort();
    const text = JSON.stringify(this.dates);
    // Written after the windows asked before it (the archive writes in the order asked), and durable
    // before the days count as held (history, /metrics): a crash right after must not lose them.
    this.archive.write(this.indexKey, () => Buffer.from(text, 'utf8'));
    await this.archive.drained();
  }

  async storedCopies(windows: readonly TimeRange[]): Promise<StoredCopies> {
    const copies: (WindowData | undefined)[] = [];
    for (const window of windows) {
      copies.push(this.store.storedCopy(window));
      // Reading a window back is a few milliseconds of CPU: operations get the event loop in between.
      await nextTurnOfTheLoop();
    }
    return classify(copies, this.freshness);
  }

  sink(provisional: ReadonlyMap<number, number>): WindowSink {
    return { keep: (data) => this.store.storeDurably(data), previousProvisional: (window) => provisional.get(windowKey(window)) };
  }

  async rollUp(days: readonly HeldDay[]): Promise<number> {
    let made = 0;
    for (const { day, windows } of days) {
      if (this.store.storesRollup(day)) continue;
      const copies: WindowData[] = [];
      for (const window of windows) {
        const copy = this.store.storedCopy(window);
        if (!copy || !this.freshness.isStable(copy.window, copy.fetchedAt, copy.provisional)) break;
        copies.push(copy);
      }
      if (copies.length === windows.length) {
        this.store.storeRollupDurably(await rollupOfDay(copies));
        made += 1;
      }
      // A day is tens of milliseconds of CPU at 20,000 legs: operations get the event loop in between.
      await nextTurnOfTheLoop();
    }
    return made;
  }

  /** One instance: always its turn. */
  turn(): Promise<WorkTurn> {
    return Promise.resolve({ held: () => true, release: () => Promise.resolve() });
  }
}

/** Copies found, sorted into final ones and provisional ones (asked again before they are final). */
export function classify(copies: readonly (WindowData | undefined)[], freshness: FreshnessPolicy): StoredCopies {
  const stable = new Set<number>();
  const provisional = new Map<number, number>();
  for (const copy of copies) {
    if (!copy) continue;
    if (freshness.isStable(copy.window, copy.fetchedAt, copy.provisional)) stable.add(windowKey(copy.window));
    else if (copy.provisional) provisional.set(windowKey(copy.window), copy.provisional);
  }
  return { stable, provisional };
}

/** A stored list of dates; anything else reads as no list (the days are found again from their windows). */
function parseDates(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((date): date is string => typeof date === 'string') : [];
  } catch {
    return [];
  }
}
