import { finestBucket, isCategorical, periodBucket, TIME, type CallDimension } from './dimensions.js';
import type { Bucket, ZoneClock } from '../time/zone-clock.js';

/** What a group keeps of a call's time: the start of its calendar bucket, its weekday, its hour of day. */
export interface TimeKey {
  readonly period?: number;
  readonly weekday?: number;
  readonly hourOfDay?: number;
}

/**
 * Turns the start of a call's finest local bucket into the group's time key. Every time dimension is
 * read from that one start (the finest bucket lies wholly inside each coarser one), so a window held
 * whole by one finest bucket has one time key, and its summary can speak for it.
 */
export interface TimeKeyer {
  /** The finest bucket asked, or null when no time dimension is. */
  readonly bucket: Bucket | null;
  keyOf(bucketStart: number): TimeKey;
}

export function timeKeyer(dimensions: readonly CallDimension[], clock: ZoneClock): TimeKeyer {
  const bucket = finestBucket(dimensions);
  const period = periodBucket(dimensions);
  const asked = new Set(dimensions.filter((d) => !isCategorical(d)).map((d) => TIME[d].key));
  const keys = new Map<number, TimeKey>();
  return {
    bucket,
    keyOf: (start) => {
      let key = keys.get(start);
      if (!key) {
        const local = asked.has('weekday') || asked.has('hourOfDay') ? clock.at(start) : null;
        key = {
          ...(period && { period: clock.startOf(period, start) }),
          ...(asked.has('weekday') && { weekday: local!.weekday }),
          ...(asked.has('hourOfDay') && { hourOfDay: local!.hour }),
        };
        keys.set(start, key);
      }
      return key;
    },
  };
}

/** The key's part of a group id: equal for equal keys whichever path met them. */
export function timeKeyId(key: TimeKey | undefined): string {
  return key ? `${key.period ?? ''}/${key.weekday ?? ''}/${key.hourOfDay ?? ''}` : '';
}
