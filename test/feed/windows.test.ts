import { describe, expect, it } from 'vitest';
import { ZoneClock } from '../../src/domain/time/zone-clock.js';
import { FreshnessPolicy } from '../../src/feed/freshness.js';
import { windowsCovering } from '../../src/feed/windows.js';
import { range } from '../support/simulator.js';

const iso = (ms: number, zone: string) => new ZoneClock(zone).at(ms).toISO({ suppressMilliseconds: true });
const spans = (zone: string, from: string, to: string, size: 'hour' | 'day') =>
  windowsCovering(range(from, to), new ZoneClock(zone), size).map((w) => [iso(w.from, zone), (w.to - w.from) / 3600_000]);

describe('aligned windows', () => {
  it('cover a range with whole local hours, starting at the hour that holds `from`', () => {
    expect(spans('America/Bogota', '2025-03-04T10:30:00-05:00', '2025-03-04T13:00:00-05:00', 'hour')).toEqual([
      ['2025-03-04T10:00:00-05:00', 1],
      ['2025-03-04T11:00:00-05:00', 1],
      ['2025-03-04T12:00:00-05:00', 1],
    ]);
  });

  it('make the spring-forward day 23 hours and the fall-back day 25 in New York', () => {
    expect(spans('America/New_York', '2025-03-09T00:00:00-05:00', '2025-03-10T00:00:00-04:00', 'day')).toEqual([['2025-03-09T00:00:00-05:00', 23]]);
    expect(spans('America/New_York', '2025-11-02T00:00:00-04:00', '2025-11-03T00:00:00-05:00', 'day')).toEqual([['2025-11-02T00:00:00-04:00', 25]]);
  });

  it('skip the missing hour and keep both repeated hours as distinct real hours', () => {
    expect(spans('America/New_York', '2025-03-09T01:00:00-05:00', '2025-03-09T04:00:00-04:00', 'hour')).toEqual([
      ['2025-03-09T01:00:00-05:00', 1],
      ['2025-03-09T03:00:00-04:00', 1],
    ]);
    expect(spans('America/New_York', '2025-11-02T00:00:00-04:00', '2025-11-02T03:00:00-05:00', 'hour').map(([start]) => start)).toEqual([
      '2025-11-02T00:00:00-04:00',
      '2025-11-02T01:00:00-04:00',
      '2025-11-02T01:00:00-05:00',
      '2025-11-02T02:00:00-05:00',
    ]);
  });

  it('align in zones with a half-hour offset', () => {
    expect(spans('Asia/Kolkata', '2025-03-04T10:45:00+05:30', '2025-03-04T12:00:00+05:30', 'hour')).toEqual([
      ['2025-03-04T10:00:00+05:30', 1],
      ['2025-03-04T11:00:00+05:30', 1],
    ]);
  });
});

describe('freshness', () => {
  const policy = new FreshnessPolicy({ refreshMs: 300_000, settleMs: 7_200_000 });
  const window = { from: Date.parse('2025-03-04T10:00:00Z'), to: Date.parse('2025-03-04T11:00:00Z') };

  it('keeps a window fetched after it settled, however old the copy', () => {
    const fetchedAt = window.to + 7_200_000;
    expect(policy.isFresh(window, fetchedAt, fetchedAt + 30 * 86_400_000)).toBe(true);
  });

  it('serves a window fetched while open for the refresh interval only', () => {
    const fetchedAt = window.to - 600_000;
    expect(policy.isFresh(window, fetchedAt, fetchedAt + 299_999)).toBe(true);
    expect(policy.isFresh(window, fetchedAt, fetchedAt + 300_000)).toBe(false);
    expect(policy.isFresh(window, window.to + 3_600_000, window.to + 3_600_000 + 300_000)).toBe(false);
  });
});
