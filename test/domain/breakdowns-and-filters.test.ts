import { beforeAll, describe, expect, it } from 'vitest';
import type { SimulatedCall } from '../../simulator/dataset.js';
import type { CallFilter } from '../../src/domain/filter/call-filter.js';
import { buildReport } from '../../src/domain/report/call-report.js';
import { toDecimalText } from '../../src/domain/model/decimal.js';
import type { CallDimension } from '../../src/domain/grouping/dimensions.js';
import { ZoneClock } from '../../src/domain/time/zone-clock.js';
import { exactSum } from '../support/oracle.js';
import { oracleReport, productKeyText } from '../support/report-oracle.js';
import type { RangeWindows } from '../../src/feed/call-feed.js';
import { settledWindows } from '../support/feed.js';
import { range, simulator } from '../support/simulator.js';

const decimal = (text: string) => toDecimalText(text)!;

const QUERIES: readonly (readonly [CallDimension[], CallFilter])[] = [
  [['DESTINY'], {}],
  [['COUNTRY'], {}],
  [['COD_ACT_2'], { codActs2: ['10', '11'] }],
  [['WEEKDAY', 'HOUR_OF_DAY'], {}],
  [['HOUR_OF_DAY'], { countries: ['CO'] }],
  [['DESTINY', 'COUNTRY'], { not: { countries: ['CO'] } }],
  [['COUNTRY', 'DAY'], { anyOf: [{ hangUps: ['agent'] }, { durationSeconds: { max: 10 } }] }],
  [['COUNTRY'], { telephonePrefixes: ['57', '0091', '+'] }],
  [['AGENT', 'WEEKDAY'], { cost: { min: decimal('0.1'), max: decimal('1') }, types: ['INBOUND', 'OUTBOUND'] }],
  [['DESTINY'], { billedMinutes: { min: decimal('2') }, not: { anyOf: [{ codActs: ['TIMEOUTACW'] }, { destinies: ['Interno'] }] } }],
  [['HANG_UP', 'HOUR'], { durationSeconds: { min: 30, max: 120 }, countries: ['US', 'MX', 'ES', 'EC', 'ZZ'] }],
  [['CAMPAIGN'], { not: { not: { campaignIds: ['3001', '3002'] } } }],
];

describe.each(['America/Bogota', 'America/New_York'])('breakdowns and filters agree with an independent oracle (%s)', (timeZone) => {
  const clock = new ZoneClock(timeZone);
  // A week around New York's fall-back change, cut off mid-hour at both ends.
  const whole = range('2025-10-30T07:20:00-04:00', '2025-11-04T18:40:00-05:00');
  let units: RangeWindows['units'];
  let calls: SimulatedCall[];
  let someCustomer: string;
  beforeAll(async () => {
    const sim = await simulator({ dataset: { timeZone, callsPerDay: 800, seed: 11 } });
    ({ units } = await settledWindows(sim, clock, whole));
    calls = sim.dataset.callsBetween(whole);
    const byCustomer = new Map<string, number>();
    for (const { row } of calls) if (row.customer_id) byCustomer.set(row.customer_id, (byCustomer.get(row.customer_id) ?? 0) + 1);
    someCustomer = [...byCustomer].sort((a, b) => b[1] - a[1])[0]![0];
  });

  it.each(QUERIES.map(([dimensions, filter]) => [dimensions.join('+'), JSON.stringify(filter), dimensions, filter] as const))(
    'groups by %s with filter %s as the oracle does',
    (_name, _text, dimensions, filter) => {
      const report = buildReport(units, { range: whole, filter, dimensions }, clock);
      const expected = oracleReport(calls, filter, dimensions, timeZone);
      const got = new Map(report.groups.map((group) => [productKeyText(group.key, dimensions, timeZone), group.stats]));
      expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [key, oracle] of expected) {
        const stats = got.get(key)!;
        expect({ key, calls: stats.calls, cost: stats.totalCost, seconds: stats.totalDurationSeconds }).toEqual({
          key, calls: oracle.calls, cost: exactSum(oracle.costs), seconds: oracle.seconds,
        });
      }
    },
  );

  it('filters by customer, conn_id and exact telephone as the oracle does', () => {
    const sample = calls.find((call) => call.row.customer_id === someCustomer)!;
    const filter: CallFilter = { anyOf: [{ customerIds: [someCustomer] }, { connIds: [sample.row.conn_id] }, { telephones: [sample.row.telephone] }] };
    const report = buildReport(units, { range: whole, filter, dimensions: [] }, clock);
    const oracle = oracleReport(calls, filter, [], timeZone).get('')!;
    expect(report.total.calls).toBe(oracle.calls);
    expect(oracle.calls).toBeGreaterThan(1);
  });

  it('puts numbers of no known country in an explicit ZZ group, and answers a country report from summaries', () => {
    const report = buildReport(units, { range: whole, filter: { countries: ['ZZ', 'US'] }, dimensions: ['COUNTRY'] }, clock);
    expect(report.groups.map((group) => group.key.country)).toEqual(['US', 'ZZ']);
    expect(report.summarizedWindows).toBeGreaterThan(100);
  });

  it('answers a weekday × hour-of-day profile from summaries, repeated hours of a fall-back day in one group', () => {
    const report = buildReport(units, { range: whole, filter: {}, dimensions: ['WEEKDAY', 'HOUR_OF_DAY'] }, clock);
    expect(report.summarizedWindows).toBeGreaterThan(100);
    const keys = report.groups.map((group) => `${group.key.weekday}/${group.key.hourOfDay}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
