import { HOUR_MS, type TimeRange } from '../domain/time/time-range.js';
import type { ZoneClock } from '../domain/time/zone-clock.js';
import { BoundedMap } from '../domain/util/bounded-map.js';

const HOURS_OF_A_WEEK = 168;
/**
 * Hours of observation one hour of the week keeps at full weight: beyond them older answers fade, so
 * that the rate follows an operation whose traffic changes (about two months of that hour).
 */
const REMEMBERED_HOURS = 8;
/** Hours of the week remembered per UTC hour, so that learning a 60,000-row answer asks the zone once an hour. */
const MAX_CACHED_HOURS = 4096;

/** The legs expected in one stretch of a range (at most an hour, within one hour of the week). */
export interface ExpectedLegs {
  readonly from: number;
  readonly to: number;
  readonly legs: number;
}

/**
 * How many call legs wolkvox holds per local hour of the week (Monday 09:00 is busier than Sunday
 * 03:00), learned from the answers themselves: 168 rates, so memory stays the same however long the
 * process runs. An hour of the week never seen takes the busiest rate seen at that local hour on other
 * days, else the busiest rate seen at all: guesses err towards smaller requests.
 */
export class LegDensity {
  private readonly legs = new Float64Array(HOURS_OF_A_WEEK);
  private readonly hours = new Float64Array(HOURS_OF_A_WEEK);
  private readonly hourOfWeekCache = new BoundedMap<number, number>(MAX_CACHED_HOURS);

  constructor(private readonly clock: ZoneClock) {}

  /** Nothing learned yet: no estimate can be made. */
  get empty(): boolean {
    return this.hours.every((hours) => hours === 0);
  }

  /** `dates` are the instants of every leg wolkvox holds in `covered` (others are ignored). */
  learn(covered: TimeRange, dates: Iterable<number>): void {
    const perHour = new Map<number, number>();
    // Counted by runs of one hour (answers come in date order): a map update per hour, not per leg.
    let runHour = Number.NaN;
    let run = 0;
    for (const date of dates) {
      if (date < covered.from || date >= covered.to) continue;
      const hour = Math.floor(date / HOUR_MS);
      if (hour === runHour) run += 1;
      else {
        if (run > 0) perHour.set(runHour, (perHour.get(runHour) ?? 0) + run);
        [runHour, run] = [hour, 1];
      }
    }
    if (run > 0) perHour.set(runHour, (perHour.get(runHour) ?? 0) + run);
    for (const stretch of this.stretches(covered)) {
      const bucket = this.hourOfWeek(stretch.from);
      this.hours[bucket]! += (stretch.to - stretch.from) / HOUR_MS;
      this.legs[bucket]! += perHour.get(Math.floor(stretch.from / HOUR_MS)) ?? 0;
      if (this.hours[bucket]! > REMEMBERED_HOURS) {
        this.legs[bucket]! *= REMEMBERED_HOURS / this.hours[bucket]!;
        this.hours[bucket] = REMEMBERED_HOURS;
      }
    }
  }

  /** The legs expected in `range`, stretch by stretch in order; undefined while nothing is known. */
  expected(range: TimeRange): ExpectedLegs[] | undefined {
    if (this.empty) return undefined;
    return this.stretches(range).map(({ from, to }) => ({ from, to, legs: (this.rate(this.hourOfWeek(from)) * (to - from)) / HOUR_MS }));
  }

  /** Legs per hour at one hour of the week. */
  private rate(bucket: number): number {
    if (this.hours[bucket]! > 0) return this.legs[bucket]! / this.hours[bucket]!;
    const hourOfDay = bucket % 24;
    let sameHour = -1;
    let busiest = 0;
    for (let other = 0; other < HOURS_OF_A_WEEK; other += 1) {
      if (this.hours[other] === 0) continue;
      const rate = this.legs[other]! / this.hours[other]!;
      busiest = Math.max(busiest, rate);
      if (other % 24 === hourOfDay) sameHour = Math.max(sameHour, rate);
    }
    return sameHour >= 0 ? sameHour : busiest;
  }

  /** `range` cut at every UTC hour, each stretch's hour of the week worked out as it goes. */
  private stretches(range: TimeRange): { from: number; to: number }[] {
    const stretches: { from: number; to: number }[] = [];
    // One offset for the whole range when both ends have it (no real zone changes its offset twice
    // within the 31 days a request spans); luxon otherwise, an hour at a time.
    const offset = this.clock.at(range.from).offset;
    const steady = this.clock.at(range.to - 1).offset === offset;
    for (let from = range.from; from < range.to; ) {
      const hour = Math.floor(from / HOUR_MS);
      const to = Math.min(range.to, (hour + 1) * HOUR_MS);
      if (steady && this.hourOfWeekCache.get(hour) === undefined) this.remember(hour, hourOfWeekAt(hour * HOUR_MS, offset));
      stretches.push({ from, to });
      from = to;
    }
    return stretches;
  }

  /** 0 (Monday 00:00–01:00 local) to 167 (Sunday 23:00–24:00). */
  private hourOfWeek(instant: number): number {
    const hour = Math.floor(instant / HOUR_MS);
    return this.hourOfWeekCache.get(hour) ?? this.remember(hour, hourOfWeekAt(hour * HOUR_MS, this.clock.at(hour * HOUR_MS).offset));
  }

  private remember(hour: number, bucket: number): number {
    this.hourOfWeekCache.set(hour, bucket);
    return bucket;
  }
}

/** The local hour of the week at `instant` for a zone `offsetMinutes` from UTC (1970-01-01 was a Thursday). */
function hourOfWeekAt(instant: number, offsetMinutes: number): number {
  const localHours = Math.floor((instant + offsetMinutes * 60_000) / HOUR_MS);
  return (((localHours + 3 * 24) % HOURS_OF_A_WEEK) + HOURS_OF_A_WEEK) % HOURS_OF_A_WEEK;
}
