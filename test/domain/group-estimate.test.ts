import { beforeAll, describe, expect, it } from 'vitest';
import type { CallFilter } from '../../src/domain/filter/call-filter.js';
import { buildReport } from '../../src/domain/report/call-report.js';
import { estimateGroups } from '../../src/domain/report/group-estimate.js';
import { planReport } from '../../src/domain/report/report-plan.js';
import { CALL_DIMENSIONS, type CallDimension } from '../../src/domain/grouping/dimensions.js';
import { ZoneClock } from '../../src/domain/time/zone-clock.js';
import { seededRandom } from '../../simulator/random.js';
import { runNow } from '../../src/domain/util/yielding.js';
import type { RangeWindows } from '../../src/feed/call-feed.js';
import { settledWindows } from '../support/feed.js';
import { range, simulator } from '../support/simulator.js';

const FILTERS: CallFilter[] = [
  {},
  { campaignIds: ['3001', '3002'] },
  { types: ['INBOUND'], agentIds: ['1001', '1002', '1003'] },
  { durationSeconds: { min: 60, max: null } },
  { not: { countries: ['CO'] } },
];

describe('the groups a report will have, estimated from its windows before it is computed', () => {
  const clock = new ZoneClock('America/Bogota');
  const whole = range('2025-03-03T00:00:00-05:00', '2025-03-10T00:00:00-05:00');
  let units: RangeWindows['units'];
  beforeAll(async () => {
    const sim = await simulator({ dataset: { callsPerDay: 1_500, seed: 9 } });
    ({ units } = await settledWindows(sim, clock, whole));
  });

  const estimate = (query: Parameters<typeof buildReport>[1]) => runNow(estimateGroups(planReport(query, clock, 'auto'), units));

  it('is never below the groups the report has, for every shape of one to three dimensions, filters and ranges', () => {
    const random = seededRandom(3);
    const shapes: CallDimension[][] = [];
    for (const a of CALL_DIMENSIONS) {
      shapes.push([a]);
      for (const b of CALL_DIMENSIONS) if (a < b) shapes.push([a, b]);
    }
    shapes.push(['AGENT', 'CAMPAIGN', 'SKILL'], ['AGENT', 'HOUR', 'TYPE'], ['DESTINY', 'COUNTRY', 'WEEKDAY', 'HOUR_OF_DAY']);
    for (const dimensions of shapes) {
      const from = whole.from + Math.floor(random() * 40) * 1_234_567;
      const to = whole.to - Math.floor(random() * 40) * 987_654;
      const filter = FILTERS[Math.floor(random() * FILTERS.length)]!;
      const query = { range: { from, to }, filter, dimensions };
      expect(estimate(query), `${dimensions.join('+')} ${JSON.stringify(filter)}`).toBeGreaterThanOrEqual(buildReport(units, query, clock).groups.length);
    }
  });

  it('is close for the usual shapes (within 40%, or a few groups)', () => {
    for (const dimensions of [['AGENT', 'HOUR'], ['CAMPAIGN', 'DAY'], ['AGENT'], ['TYPE', 'HANG_UP'], ['HOUR'], ['DESTINY', 'DAY'], ['AGENT', 'CAMPAIGN'], ['AGENT', 'TYPE', 'DAY'], ['SKILL', 'HOUR_OF_DAY']] as CallDimension[][]) {
      const query = { range: whole, filter: {}, dimensions };
      const actual = buildReport(units, query, clock).groups.length;
      // What the estimate cannot rule out without reading the legs: each column's null, types nobody had.
      expect(estimate(query), dimensions.join('+')).toBeLessThanOrEqual(Math.ceil(actual * 1.4) + 8);
    }
  });

  it('is 0 without dimensions, and follows the filter\'s lists', () => {
    expect(estimate({ range: whole, filter: {}, dimensions: [] })).toBe(0);
    expect(estimate({ range: whole, filter: { agentIds: ['1001', '1002'] }, dimensions: ['AGENT', 'DAY'] })).toBe(2 * 7);
  });
});
