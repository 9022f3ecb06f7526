import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { ZoneClock } from '../../src/domain/time/zone-clock.js';

describe('ZoneClock', () => {
  it.each(['America/Bogota', 'America/New_York', 'Europe/Madrid', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC'])(
    'prints instants as luxon does, across a year and its DST changes (%s)',
    (zone) => {
      const clock = new ZoneClock(zone);
      const start = Date.parse('2025-01-01T00:00:00Z');
      for (let t = start; t < start + 366 * 86_400_000; t += 3_600_000 * 7 + 61_000) {
        const expected = DateTime.fromMillis(t, { zone }).toISO({ suppressMilliseconds: true, includeOffset: true })!;
        expect(clock.iso(t)).toBe(expected.replace(/Z$/, '+00:00'));
      }
    },
  );

  it('prints milliseconds only when there are some', () => {
    const clock = new ZoneClock('America/Bogota');
    expect(clock.iso(Date.parse('2025-03-04T10:22:11.250-05:00'))).toBe('2025-03-04T10:22:11.250-05:00');
  });

  it('prints instants before 1970, in local mean time and beyond year 9999 as luxon does', () => {
    const clock = new ZoneClock('America/Bogota');
    for (const t of [-1_500, Date.parse('1890-06-01T12:00:00Z'), Date.parse('+012000-01-01T00:00:00Z')]) {
      expect(clock.iso(t)).toBe(DateTime.fromMillis(t, { zone: 'America/Bogota' }).toISO({ suppressMilliseconds: true }));
    }
  });

  it('finds local week (Monday) and month starts', () => {
    const clock = new ZoneClock('America/New_York');
    const sunday = Date.parse('2025-11-02T12:00:00-05:00');
    expect(clock.iso(clock.startOf('week', sunday))).toBe('2025-10-27T00:00:00-04:00');
    expect(clock.iso(clock.startOf('month', sunday))).toBe('2025-11-01T00:00:00-04:00');
  });
});
