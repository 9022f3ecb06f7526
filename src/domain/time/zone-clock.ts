import { DateTime, IANAZone } from 'luxon';
import { BoundedMap } from '../util/bounded-map.js';

/** A wall-clock reading in some zone: what wolkvox writes in `date_ini`, `date_end` and each row's `date`. */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** Every zone offset in use is a multiple of 15 minutes, so a local hour or day starts on a 15-minute UTC boundary. */
const QUARTER_HOUR_MS = 15 * 60_000;
const MAX_CACHED = 100_000;
/** Printed instants kept (about 100 bytes each): every hour of two years, or the calls of a few hundred pages. */
const MAX_ISO_TEXTS = 20_000;

export type Bucket = 'hour' | 'day' | 'week' | 'month';
const BUCKET_INDEX: Readonly<Record<Bucket, number>> = { hour: 0, day: 1, week: 2, month: 3 };

/** ISO-8601 text of an instant with the offset of the operation's zone, as the graph prints it. */
export type IsoDateTime = string & { readonly __brand: 'IsoDateTime' };

/**
 * Converts between instants and wall-clock time in one IANA zone.
 *
 * Wall clock → instant is on the hot path (every row of every response), so offsets are cached per
 * local hour; luxon decides the offset once per hour, including DST gaps and overlaps.
 * In an overlap (the repeated hour when clocks go back) a wall-clock time is ambiguous; luxon, and so
 * we, take the later instant (standard time), for every minute of that hour alike.
 */
export class ZoneClock {
  readonly zone: string;
  private readonly offsetByLocalHour = new BoundedMap<number, number>(MAX_CACHED);
  private readonly bucketStarts = new BoundedMap<number, number>(MAX_CACHED);
  private readonly offsets = new BoundedMap<number, number>(MAX_CACHED);
  private readonly isoTexts = new BoundedMap<number, IsoDateTime>(MAX_ISO_TEXTS);

  constructor(zone: string) {
    if (!isValidTimeZone(zone)) throw new RangeError(`not an IANA time zone: ${zone}`);
    this.zone = zone;
  }

  toWallClock(instant: number): WallClock {
    const t = DateTime.fromMillis(instant, { zone: this.zone });
    return { year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second };
  }

  toInstant(wall: WallClock): number {
    const hourKey = ((wall.year * 100 + wall.month) * 100 + wall.day) * 100 + wall.hour;
    const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
    const cached = this.offsetByLocalHour.get(hourKey);
    if (cached !== undefined) return naive - cached;
    const resolved = DateTime.fromObject(wall, { zone: this.zone });
    // An hour that does not exist locally (a DST gap) or that changes offset midway is not cached.
    const start = DateTime.fromObject({ ...wall, minute: 0, second: 0 }, { zone: this.zone });
    const end = DateTime.fromObject({ ...wall, minute: 59, second: 59 }, { zone: this.zone });
    if (start.hour === wall.hour && end.hour === wall.hour && start.offset === end.offset) {
      this.offsetByLocalHour.set(hourKey, start.offset * 60_000);
    }
    return resolved.toMillis();
  }

  /**
   * Start of the local hour/day/week (Monday)/month containing `instant`. Cached per quarter hour of
   * UTC time, within which the answer cannot change, so grouping a million calls asks luxon rarely.
   */
  startOf(bucket: Bucket, instant: number): number {
    // A number keys a Map faster than text: the quarter hour, and the bucket in its lowest two bits.
    const key = Math.floor(instant / QUARTER_HOUR_MS) * 4 + BUCKET_INDEX[bucket];
    const cached = this.bucketStarts.get(key);
    if (cached !== undefined) return cached;
    const start = DateTime.fromMillis(instant, { zone: this.zone }).startOf(bucket, { useLocaleWeeks: false }).toMillis();
    this.bucketStarts.set(key, start);
    return start;
  }

  /**
   * ISO-8601 with the zone's offset, e.g. `2025-03-04T10:22:11-05:00` (whole seconds; milliseconds
   * when there are some). A report prints hundreds of these, mostly the same bucket starts request
   * after request, and formatting one takes about half a microsecond even through the native
   * `toISOString` (luxon: several): each text is kept, up to a bound.
   */
  iso(instant: number): IsoDateTime {
    let text = this.isoTexts.get(instant);
    if (text === undefined) this.isoTexts.set(instant, (text = this.format(instant)));
    return text;
  }

  private format(instant: number): IsoDateTime {
    // The offset cannot change within a quarter hour.
    const quarter = Math.floor(instant / QUARTER_HOUR_MS);
    let offset = this.offsets.get(quarter);
    if (offset === undefined) {
      offset = DateTime.fromMillis(quarter * QUARTER_HOUR_MS, { zone: this.zone }).offset;
      this.offsets.set(quarter, offset);
    }
    const local = new Date(instant + offset * 60_000).toISOString();
    // `toISOString` writes years outside 0–9999 with six digits and a sign, longer than the 24 characters
    // sliced below; local mean time before 1900 has offsets in fractions of a minute. luxon writes both.
    if (local.length !== 24 || !Number.isInteger(offset)) return DateTime.fromMillis(instant, { zone: this.zone }).toISO({ suppressMilliseconds: true }) as IsoDateTime;
    const wholeSecond = instant % 1000 === 0;
    return `${local.slice(0, wholeSecond ? 19 : 23)}${offsetText(offset)}` as IsoDateTime;
  }

  /** The instant as a luxon DateTime in this zone, for calendar arithmetic. */
  at(instant: number): DateTime {
    return DateTime.fromMillis(instant, { zone: this.zone });
  }
}

const offsetTexts = new Map<number, string>();

/** `-05:00` for −300 minutes; a zone has few offsets, so each text is built once. */
function offsetText(minutes: number): string {
  let text = offsetTexts.get(minutes);
  if (text === undefined) {
    const abs = Math.abs(minutes);
    text = `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
    offsetTexts.set(minutes, text);
  }
  return text;
}
