import { describe, expect, it } from 'vitest';
import { ZoneClock } from '../../src/domain/time/zone-clock.js';
import { formatWireDate, parseRowDate, parseWireDate, wireWindow } from '../../src/upstream/wire-dates.js';
import { TOKEN, clientFor, range, simulator } from '../support/simulator.js';

describe('the request wolkvox receives', () => {
  it('is a GET of the cdr_1 report with local wall-clock dates, date_end inclusive, and the token header', async () => {
    const sim = await simulator();
    const client = clientFor(sim);
    await client.fetchCalls(range('2025-03-04T00:00:00-05:00', '2025-03-05T00:00:00-05:00'));
    const [request] = sim.received;
    expect(request?.url).toBe('/api/v2/reports_manager.php?api=cdr_1&date_ini=20250304000000&date_end=20250304235959');
    expect(request?.headers['wolkvox-token']).toBe(TOKEN);
  });

  it('reuses one keep-alive connection for consecutive requests', async () => {
    const sim = await simulator();
    const client = clientFor(sim);
    for (const day of ['04', '05', '06']) {
      await client.fetchCalls(range(`2025-03-${day}T00:00:00-05:00`, `2025-03-${day}T01:00:00-05:00`));
    }
    expect(sim.received).toHaveLength(3);
    expect(new Set(sim.received.map((request) => request.remotePort)).size).toBe(1);
  });
});

describe('wall-clock conversion of a half-open range', () => {
  const bogota = new ZoneClock('America/Bogota');
  const newYork = new ZoneClock('America/New_York');
  const madrid = new ZoneClock('Europe/Madrid');

  it('turns [from, to) into date_ini .. to − 1 s in the operation zone', () => {
    expect(wireWindow(range('2025-03-04T05:00:00Z', '2025-03-04T06:00:00Z'), bogota)).toEqual({
      dateIni: '20250304000000',
      dateEnd: '20250304005959',
    });
  });

  it('takes sub-second bounds to the seconds they cover', () => {
    expect(wireWindow(range('2025-03-04T05:00:00.200Z', '2025-03-04T06:00:00.500Z'), bogota)).toEqual({
      dateIni: '20250304000001',
      dateEnd: '20250304010000',
    });
  });

  it('asks New York for a 23-hour local day across the spring-forward change', () => {
    // 2025-03-09: 02:00 EST jumps to 03:00 EDT.
    const day = range('2025-03-09T00:00:00-05:00', '2025-03-10T00:00:00-04:00');
    expect(day.to - day.from).toBe(23 * 3600_000);
    expect(wireWindow(day, newYork)).toEqual({ dateIni: '20250309000000', dateEnd: '20250309235959' });
    expect(wireWindow(range('2025-03-09T06:00:00Z', '2025-03-09T08:00:00Z'), newYork)).toEqual({
      dateIni: '20250309010000',
      dateEnd: '20250309035959',
    });
  });

  it('asks New York for the repeated hour twice across the fall-back change', () => {
    // 2025-11-02: 02:00 EDT goes back to 01:00 EST; 01:xx happens twice.
    expect(wireWindow(range('2025-11-02T05:00:00Z', '2025-11-02T06:00:00Z'), newYork)).toEqual({
      dateIni: '20251102010000',
      dateEnd: '20251102015959',
    });
    expect(wireWindow(range('2025-11-02T06:00:00Z', '2025-11-02T07:00:00Z'), newYork)).toEqual({
      dateIni: '20251102010000',
      dateEnd: '20251102015959',
    });
  });

  it('follows Madrid across its summer-time change', () => {
    // 2025-03-30: 02:00 CET jumps to 03:00 CEST.
    expect(wireWindow(range('2025-03-29T23:00:00Z', '2025-03-30T22:00:00Z'), madrid)).toEqual({
      dateIni: '20250330000000',
      dateEnd: '20250330235959',
    });
  });

  it('reads wall-clock times back to the right instants on both sides of a DST change', () => {
    const wall = (hour: number, minute = 0) => ({ year: 2025, month: 3, day: 9, hour, minute, second: 0 });
    expect(new Date(newYork.toInstant(wall(1, 59))).toISOString()).toBe('2025-03-09T06:59:00.000Z');
    expect(new Date(newYork.toInstant(wall(3))).toISOString()).toBe('2025-03-09T07:00:00.000Z');
    const fallBack = { year: 2025, month: 11, day: 2, hour: 1, minute: 30, second: 0 };
    // The repeated hour resolves to its second occurrence (EST), consistently.
    expect(new Date(newYork.toInstant(fallBack)).toISOString()).toBe('2025-11-02T06:30:00.000Z');
    expect(new Date(newYork.toInstant({ ...fallBack, hour: 2 })).toISOString()).toBe('2025-11-02T07:30:00.000Z');
  });

  it('reads a wire date back as the wall clock it was written from, and refuses what is not a real time in that format', () => {
    const wall = { year: 2025, month: 3, day: 4, hour: 9, minute: 5, second: 7 };
    expect(formatWireDate(wall)).toBe('20250304090507');
    expect(parseWireDate('20250304090507')).toEqual(wall);
    for (const text of ['20250230000000', '20250304240000', '2025030409050', '2025-03-04 09:05', '202503040905078']) {
      expect(parseWireDate(text), text).toBeNull();
    }
  });

  it("reads a row's date in the API's shape (space or T) and refuses what is not a real time, leap days by the Gregorian rule", () => {
    const wall = { year: 2025, month: 3, day: 4, hour: 9, minute: 5, second: 7 };
    expect(parseRowDate('2025-03-04 09:05:07')).toEqual(wall);
    expect(parseRowDate('2025-03-04T09:05:07')).toEqual(wall);
    for (const leapDay of ['2024-02-29 10:00:00', '2000-02-29 10:00:00']) expect(parseRowDate(leapDay), leapDay).not.toBeNull();
    for (const text of ['2025-02-29 10:00:00', '1900-02-29 10:00:00', '2025-04-31 10:00:00', '2025-03-04 24:00:00', '2025-03-04 09:05:0x', '2025-03-04 09:05:7', '2025/03/04 09:05:07', '2025-03-04 09:05:07 ', '２025-03-04 09:05:07']) {
      expect(parseRowDate(text), text).toBeNull();
    }
  });
});
