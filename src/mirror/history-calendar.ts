import { dayAt, daysBefore } from '../domain/time/local-days.js';
import type { ZoneClock } from '../domain/time/zone-clock.js';

/**
 * The days the history mirror wants at an instant: the last WOLKVOX_HISTORY_DAYS local days that have
 * settled (a day settles WOLKVOX_SETTLE_MARGIN after its end: yesterday joins at 02:00 by default).
 */
export class HistoryCalendar {
  private remembered: { readonly end: number; readonly days: readonly number[] } | undefined;

  constructor(
    private readonly clock: ZoneClock,
    readonly days: number,
    private readonly settleMs: number,
  ) {}

  /** The starts of the wanted days, oldest first. */
  wanted(now: number): readonly number[] {
    if (this.days === 0) return [];
    // Every day before the one that holds `now - settle` has settled.
    const end = this.clock.startOf('day', now - this.settleMs);
    if (this.remembered?.end === end) return this.remembered.days;
    const days: number[] = [];
    for (let day = daysBefore(end, this.days, this.clock); day < end; day = dayAt(day, this.clock).to) days.push(day);
    this.remembered = { end, days };
    return days;
  }
}
