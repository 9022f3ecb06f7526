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
import { narrowFilter } from '../../src/domain/filter/call-filter.js';
import { scopedBoundNeeds, scopedGroupBound } from '../../src/domain/report/scoped-group-bound.js';
import { heldParts } from '../../src/domain/summary/window-view.js';
import { ScopedDirectories, scopedDirectory, type RowScope } from '../../src/feed/row-scope.js';
import { ScopedCounts } from '../../src/feed/scoped-counts.js';

import { range, simulator } from '../support/simulator.js';

const FILTERS: CallFilter[] = [
  {},
  { campaignIds: ['3001', '3002'] },
  { types: ['INBOUND'], agentIds: ['1001', '1002', '1003'] },
  { durationSeconds: { min: 60, max: null } },
  { not: { countries: ['CO'] } },
];

const SCOPES: RowScope[] = [{ campaignIds: ['3001'] }, { campaignIds: ['3001', '3002'], skillIds: ['2'] }, { skillIds: ['1'] }];
const SCOPE_FILTERS: CallFilter[] = [{}, { types: ['INBOUND'] }, { durationSeconds: { min: 60, max: null } }, { campaignIds: ['3002'] }];

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

  /** The bound, given what it says it needs, each found from the in-scope calls alone (the feed's ScopedCounts, over these windows). */
  const scopedBound = async (scope: RowScope, query: { range: typeof whole; filter: CallFilter; dimensions: CallDimension[] }) => {
    const narrowed = { ...query, filter: narrowFilter(query.filter, scope) };
    const plan = planReport(narrowed, clock, 'auto');
    const needs = scopedBoundNeeds(plan);
    const directory = needs.directory ? scopedDirectory(units.flatMap(heldParts), query.range, scope) : undefined;
    const readDay = () => Promise.reject(new Error('every window is held'));
    const counted = needs.counted.length > 0 ? await new ScopedCounts(new ScopedDirectories()).of(units, query.range, scope, needs.counted, { byWindow: plan.time.bucket === 'hour', readDay }) : undefined;
    return { bound: scopedGroupBound(plan, { ...(directory && { directory }), ...(counted && { units: counted }) }), actual: buildReport(units, narrowed, clock).groups.length };
  };

  it('for a scoped principal, from its own calls only: never below the groups its report has, for every shape of one or two dimensions, scopes, filters and ranges', async () => {
    const random = seededRandom(5);
    for (const a of CALL_DIMENSIONS) {
      for (const b of CALL_DIMENSIONS) {
        if (b < a) continue;
        const dimensions: CallDimension[] = a === b ? [a] : [a, b];
        const scope = SCOPES[Math.floor(random() * SCOPES.length)]!;
        const filter = SCOPE_FILTERS[Math.floor(random() * SCOPE_FILTERS.length)]!;
        const from = whole.from + Math.floor(random() * 40) * 1_234_567;
        const { bound: found, actual } = await scopedBound(scope, { range: { from, to: whole.to }, filter, dimensions });
        expect(found, `${dimensions.join('+')} ${JSON.stringify(scope)} ${JSON.stringify(filter)}`).toBeGreaterThanOrEqual(actual);
      }
    }
  });

  it('for a scoped principal: 0 without dimensions or when a list lets nothing through, and as tight as its own calls allow', async () => {
    const scope = { campaignIds: ['3001'] };
    expect((await scopedBound(scope, { range: whole, filter: {}, dimensions: [] })).bound).toBe(0);
    expect((await scopedBound(scope, { range: whole, filter: { campaignIds: ['3002'] }, dimensions: ['AGENT'] })).bound).toBe(0);
    expect((await scopedBound(scope, { range: whole, filter: {}, dimensions: ['CAMPAIGN', 'DAY'] })).bound).toBe(7);
    expect((await scopedBound(scope, { range: whole, filter: {}, dimensions: ['TYPE', 'DAY'] })).bound).toBe(4 * 7);
    const agents = scopedDirectory(units.flatMap(heldParts), whole, scope).agents.size;
    expect((await scopedBound(scope, { range: whole, filter: {}, dimensions: ['AGENT', 'MONTH'] })).bound).toBeLessThanOrEqual((agents + 1) * 2);
    // Hour by hour, the values each hour's in-scope calls hold: exactly the groups.
    for (const dimensions of [['COUNTRY', 'HOUR'], ['DESTINY', 'HOUR'], ['AGENT', 'HOUR']] as CallDimension[][]) {
      const { bound: found, actual } = await scopedBound(scope, { range: whole, filter: {}, dimensions });
      expect(found, dimensions.join('+')).toBe(actual);
    }
  });
});
