import type { ZoneClock } from '../domain/time/zone-clock.js';

/** What the mirror may still spend, and how fast wolkvox answers it. */
export interface Pace {
  readonly now: number;
  /** Requests spent today, of `perDay`. */
  readonly usedToday: number;
  readonly perDay: number;
  /** Time one request of the mirror took, answer read and stored, on average. */
  readonly secondsPerRequest: number;
}

/**
 * When `requests` more will have been sent: today while the share lasts, then `perDay` on each next
 * local day from its midnight, at `secondsPerRequest`. Operations go first, so this is the earliest.
 */
export function completionTime(requests: number, pace: Pace, clock: ZoneClock): number {
  const leftToday = Math.max(0, pace.perDay - pace.usedToday);
  const ms = (count: number) => Math.round(count * pace.secondsPerRequest * 1000);
  if (requests <= leftToday) return pace.now + ms(requests);
  const after = requests - leftToday;
  const days = Math.ceil(after / pace.perDay);
  const lastDay = clock.at(pace.now).startOf('day').plus({ days }).toMillis();
  return lastDay + ms(after - (days - 1) * pace.perDay);
}
