import { dayAt, dayStartOf, isoDateOf } from '../domain/time/local-days.js';
import type { TimeRange } from '../domain/time/time-range.js';
import type { ZoneClock } from '../domain/time/zone-clock.js';
import { windowKey, windowsCovering, type WindowSize } from '../feed/windows.js';
import type { HistoryCalendar } from './history-calendar.js';
import type { MirrorTier } from './mirror-tier.js';

/**
 * What the history mirror knows its tier holds: the days held whole (what operations are told), the
 * stored windows of days held in part, the copies found provisional, and the windows of the spans in
 * flight. A day is listed as held, in the tier too, once all its windows are stored.
 */
export class MirrorHoldings {
  /** Starts of the days held whole. */
  private readonly held = new Set<number>();
  /** Days partly held: the keys of their windows known to be stored. */
  private readonly partial = new Map<number, Set<number>>();
  /** Days whose stored copies this session has looked at, and the copies it found provisional (their counts, by key). */
  private readonly looked = new Set<number>();
  readonly provisional = new Map<number, number>();
  /** Windows of the spans in flight, by key. */
  readonly fetching = new Set<number>();

  constructor(
    private readonly options: { readonly tier: MirrorTier; readonly clock: ZoneClock; readonly windowSize: WindowSize },
    private readonly calendar: HistoryCalendar,
    /** The mirror's stats: `adoptedDays` counts the days found stored whole already. */
    private readonly stats: { adoptedDays: number },
    /** Called when the days held change: what the mirror estimated from them is out of date. */
    private readonly changed: () => void,
    /** Called once days are held whole, and awaited: the mirror stores their roll-ups. */
    private readonly onHeld: (days: readonly number[]) => Promise<void> = () => Promise.resolve(),
  ) {}

  /** Lists the days the tier says are held whole (by any replica). */
  adopt(dates: readonly string[]): void {
    for (const date of dates) {
      const day = dayStartOf(date, this.options.clock);
      if (day !== null && !this.held.has(day)) {
        this.held.add(day);
        this.changed();
      }
    }
  }

  /** Whether the day that starts at `day` is held whole. */
  has(day: number): boolean {
    return this.held.has(day);
  }

  holds(window: TimeRange): boolean {
    return this.held.has(this.options.clock.startOf('day', window.from));
  }

  /** A new session looks at what the tier holds again. */
  lookAgain(): void {
    this.looked.clear();
  }

  /** Wanted days not held, newest first. */
  missingDays(now: number): number[] {
    return this.calendar.wanted(now).filter((day) => !this.held.has(day)).reverse();
  }

  /** The windows of `day` not known to be stored, looking at what the tier holds once per session. */
  async unheldWindows(day: number): Promise<TimeRange[]> {
    const { clock, windowSize, tier } = this.options;
    const windows = windowsCovering(dayAt(day, clock), clock, windowSize);
    let known = this.partial.get(day);
    if (!this.looked.has(day)) {
      this.looked.add(day);
      const copies = await tier.storedCopies(windows.filter((window) => !known?.has(windowKey(window))));
      for (const [key, count] of copies.provisional) this.provisional.set(key, count);
      if (copies.stable.size > 0) this.partial.set(day, (known = new Set([...(known ?? []), ...copies.stable])));
    }
    const unheld = windows.filter((window) => !known?.has(windowKey(window)));
    if (unheld.length === 0) {
      this.stats.adoptedDays += 1;
      await this.markHeld([day]);
    }
    // Windows a span in flight is fetching are not planned again (their day is listed once they are stored).
    return unheld.filter((window) => !this.fetching.has(windowKey(window)));
  }

  /** Notes windows as stored, and lists as held the days all of whose windows now are. */
  async recordHeld(windows: readonly TimeRange[]): Promise<void> {
    const { clock, windowSize } = this.options;
    for (const window of windows) {
      const day = clock.startOf('day', window.from);
      const known = this.partial.get(day) ?? new Set<number>();
      known.add(windowKey(window));
      this.partial.set(day, known);
      this.provisional.delete(windowKey(window));
    }
    const complete = [...this.partial].filter(([day, known]) => windowsCovering(dayAt(day, clock), clock, windowSize).every((window) => known.has(windowKey(window))));
    await this.markHeld(complete.map(([day]) => day));
  }

  private async markHeld(days: readonly number[]): Promise<void> {
    if (days.length === 0) return;
    await this.options.tier.markHeld(days.map((day) => isoDateOf(day, this.options.clock)));
    for (const day of days) {
      this.held.add(day);
      this.partial.delete(day);
    }
    this.changed();
    await this.onHeld(days);
  }
}
