import { beforeAll, describe, expect, it } from 'vitest';
import type { SimulatedCall } from '../../simulator/dataset.js';
import type { CallFilter } from '../../src/domain/filter/call-filter.js';
import { buildReport, buildReportYielding } from '../../src/domain/report/call-report.js';
import type { CallStats } from '../../src/domain/stats/call-stats.js';
import { ZoneClock } from '../../src/domain/time/zone-clock.js';
import { canonical, exactQuotient, exactSum } from '../support/oracle.js';
import { oracleMatches, productKeyText } from '../support/report-oracle.js';
import type { RangeWindows } from '../../src/feed/call-feed.js';
import { settledWindows } from '../support/feed.js';
import { range, simulator } from '../support/simulator.js';

const DAY_MS = 86_400_000;

/** Every metric of issue #14, worked out from raw rows with nothing of the product's. */
function oracleMetrics(calls: readonly SimulatedCall[]) {
  const rows = calls.map((call) => call.row);
  const seconds = rows.map((row) => Number(row.time_seg)).sort((a, b) => a - b);
  const billed = exactSum(rows.map((row) => (row.time_min.trim() === '' ? '0' : row.time_min)));
  const cost = exactSum(rows.map((row) => row.cost));
  const percentile = (p: number) => seconds[Math.max(1, Math.ceil((p / 100) * seconds.length)) - 1];
  const legsPerConn = new Map<string, number>();
  for (const row of rows) legsPerConn.set(row.conn_id, (legsPerConn.get(row.conn_id) ?? 0) + 1);
  const firstLeg = new Map<string, SimulatedCall>();
  for (const call of calls) if (call.row.customer_id && !((firstLeg.get(call.row.conn_id)?.instant ?? Infinity) <= call.instant)) firstLeg.set(call.row.conn_id, call);
  const perCustomer = new Map<string, number[]>();
  for (const call of firstLeg.values()) perCustomer.set(call.row.customer_id, [...(perCustomer.get(call.row.customer_id) ?? []), call.instant]);
  const repeat = [...perCustomer.values()].filter((dates) => dates.sort((a, b) => a - b).some((d, k) => k > 0 && d - dates[k - 1]! <= DAY_MS)).length;
  const bands = [[0, 5], [6, 20], [21, 60], [61, 120], [121, Infinity]] as const;
  return {
    percentiles: [50, 90, 95, 99].map(percentile),
    histogram: bands.map(([from, to]) => {
      const inBand = rows.filter((row) => Number(row.time_seg) >= from && Number(row.time_seg) <= to);
      return { calls: inBand.length, cost: exactSum(inBand.map((row) => row.cost)) };
    }),
    shortCalls: seconds.filter((s) => s < 30).length,
    distinctCalls: legsPerConn.size,
    transferredCalls: [...legsPerConn.values()].filter((legs) => legs > 1).length,
    distinctCustomers: perCustomer.size,
    repeatCallers: repeat,
    uncoded: rows.filter((row) => ['', '-', 'TIMEOUTACW'].includes(row.cod_act.trim())).length,
    agentHungUp: rows.filter((row) => row.hang_up === 'agent').length,
    costPerBilledMinute: billed === '0' ? null : exactQuotient(cost, billed, 6),
    actualMinutes: exactQuotient(String(seconds.reduce((a, b) => a + b, 0)), '60', 6),
    billed: canonical(billed),
  };
}

async function productMetrics(stats: CallStats) {
  const legs = await stats.legs();
  return {
    percentiles: [50, 90, 95, 99].map((p) => legs.percentile(p)),
    histogram: legs.histogram([5, 20, 60, 120]).map((bucket) => ({ calls: bucket.calls, cost: bucket.totalCost })),
    shortCalls: legs.shorterThan(30),
    distinctCalls: legs.distinctCalls(),
    transferredCalls: legs.transferredCalls(),
    distinctCustomers: legs.distinctCustomers(),
    repeatCallers: legs.repeatCallers(DAY_MS),
    uncoded: stats.uncodedCalls,
    agentHungUp: stats.agentHungUpCalls,
    costPerBilledMinute: stats.costPerBilledMinute,
    actualMinutes: stats.actualMinutes,
    billed: stats.totalBilledMinutes,
  };
}

describe.each(['America/Bogota', 'America/New_York'])('every CallStats metric agrees with an independent oracle (%s)', (timeZone) => {
  const clock = new ZoneClock(timeZone);
  const whole = range('2025-10-31T09:30:00-04:00', '2025-11-03T17:15:00-05:00');
  let units: RangeWindows['units'];
  let calls: SimulatedCall[];
  beforeAll(async () => {
    const sim = await simulator({ dataset: { timeZone, callsPerDay: 900, seed: 23 } });
    ({ units } = await settledWindows(sim, clock, whole));
    calls = sim.dataset.callsBetween(whole);
  });

  it.each<[string, CallFilter]>([
    ['no filter', {}],
    ['a summarizable filter', { countries: ['CO'] }],
    ['a scanned filter', { not: { destinies: ['Interno'] }, durationSeconds: { min: 1 } }],
  ])('for the total and for each destination, with %s', async (_name, filter) => {
    const report = buildReport(units, { range: whole, filter, dimensions: ['DESTINY'] }, clock);
    const kept = calls.filter((call) => oracleMatches(call, filter, timeZone));
    expect(await productMetrics(report.total)).toEqual(oracleMetrics(kept));
    expect(report.groups.length).toBeGreaterThan(3);
    for (const group of report.groups) {
      const destiny = productKeyText(group.key, ['DESTINY'], timeZone);
      const mine = kept.filter((call) => (call.row.destiny || '∅') === destiny);
      expect(await productMetrics(group.stats), destiny).toEqual(oracleMetrics(mine));
    }
  });

  it('has transfers, repeat callers and uncoded legs to count, so the checks above bite', () => {
    const metrics = oracleMetrics(calls);
    expect(metrics.transferredCalls).toBeGreaterThan(5);
    expect(metrics.repeatCallers).toBeGreaterThan(10);
    expect(metrics.uncoded).toBeGreaterThan(50);
  });
});

describe('a report that scans gives the event loop turns', () => {
  it('lets other work run between its windows, and gives the same figures as at once', async () => {
    const clock = new ZoneClock('America/Bogota');
    const day = range('2025-03-04T00:30:00-05:00', '2025-03-05T00:00:00-05:00');
    const sim = await simulator({ dataset: { callsPerDay: 500, seed: 3 } });
    const { units } = await settledWindows(sim, clock, day);
    const query = { range: day, filter: { not: { countries: ['CO'] } }, dimensions: ['AGENT', 'DESTINY'] as const };
    let otherWorkRan = false;
    const report = buildReportYielding(units, query, clock, { sliceMs: 0 });
    setImmediate(() => (otherWorkRan = true));
    const yielding = await report;
    expect(otherWorkRan).toBe(true);
    const atOnce = buildReport(units, query, clock);
    expect(yielding.groups.map((g) => [g.key, g.stats.calls, g.stats.totalCost])).toEqual(atOnce.groups.map((g) => [g.key, g.stats.calls, g.stats.totalCost]));
    expect((await yielding.total.legs()).distinctCalls()).toBe((await atOnce.total.legs()).distinctCalls());
  });
});
