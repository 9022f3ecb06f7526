import { describe, expect, it } from 'vitest';
import { CallReportDocument, TwoRangesDocument } from '../../operations/generated/graphql.js';
import { print } from 'graphql';
import { LIMIT_DEFAULTS } from '../../src/defaults.js';
import { DAY_MS } from '../../src/domain/time/time-range.js';
import { codes, graph } from '../support/graph.js';
import { mirrorOf, tempDataDir } from '../support/mirror.js';
import { at, simulator } from '../support/simulator.js';

const range = (from: string, to: string) => ({ from: `${from}T00:00:00-05:00`, to: `${to}T00:00:00-05:00` });

describe('ranges up to the mirrored history', () => {
  it('refuses, before any request, a range it does not hold and cannot fetch within the allowance, saying what is held, what is missing and when it will be', async () => {
    const sim = await simulator({ dataset: { callsPerDay: 200 } });
    const served = await graph({ sim, dataDir: tempDataDir(), history: { days: 10, requestsPerDay: 4 }, engine: { maxRequestSpanMs: DAY_MS }, protection: { maxRequestsPerOperation: 3 } });
    await mirrorOf(served).backfill();
    expect(mirrorOf(served).status()).toMatchObject({ heldDays: 4, requestsToday: 4 });
    const requests = sim.counters.requests;

    const refused = await served.post({ query: '{ callReport(range: {from: "2025-02-28T00:00:00-05:00", to: "2025-03-10T00:00:00-05:00"}) { total { calls } } }' });
    expect(sim.counters.requests).toBe(requests);
    expect(codes(refused.json)).toEqual(['UPSTREAM_QUOTA']);
    const [error] = refused.json.errors!;
    expect(error!.message).toMatch(/needs about 6 wolkvox requests, and may cause at most 3 \(MAX_UPSTREAM_REQUESTS_PER_OPERATION\), for 6 days the server does not hold: 2025-02-28 to 2025-03-05/);
    expect(error!.message).toMatch(/holds 2025-03-06 to 2025-03-09 \(4 of 10 days\)/);
    // Four requests a day, none left today: four on 2025-03-11, the last two on 2025-03-12.
    expect(error!.message).toMatch(/expects to hold these days by 2025-03-12T00:00/);
    expect(error!.extensions).toMatchObject({
      limit: 'upstreamRequestsPerOperation',
      measured: 6,
      max: 3,
      missingDays: 6,
      missing: [range('2025-02-28', '2025-03-06')],
      historyFrom: '2025-03-06T00:00:00-05:00',
      historyTo: '2025-03-10T00:00:00-05:00',
      availableAt: expect.stringMatching(/^2025-03-12T00:00/),
    });

    // What is held costs nothing; what is not, within the allowance, is fetched.
    const held = await served.execute(CallReportDocument, { range: range('2025-03-06', '2025-03-10') });
    expect(held.errors).toBeUndefined();
    expect(sim.counters.requests).toBe(requests);
    const mixed = await served.execute(CallReportDocument, { range: range('2025-03-04', '2025-03-10') });
    expect(mixed.errors).toBeUndefined();
    expect(sim.counters.requests).toBe(requests + 2);
    expect(mixed.data?.callReport?.total.calls).toBe(sim.dataset.callsBetween({ from: at('2025-03-04T00:00:00-05:00'), to: at('2025-03-10T00:00:00-05:00') }).length);
  });

  it('says when a range lies beyond the history it keeps: the mirror will never hold it', async () => {
    const sim = await simulator({ dataset: { callsPerDay: 200 } });
    const served = await graph({ sim, dataDir: tempDataDir(), history: { days: 10, requestsPerDay: 100 }, engine: { maxRequestSpanMs: DAY_MS }, protection: { maxRequestsPerOperation: 3 } });
    await mirrorOf(served).backfill();
    const refused = await served.post({ query: '{ callReport(range: {from: "2025-01-01T00:00:00-05:00", to: "2025-01-10T00:00:00-05:00"}) { total { calls } } }' });
    expect(codes(refused.json)).toEqual(['UPSTREAM_QUOTA']);
    expect(refused.json.errors![0]!.message).toMatch(/holds 2025-02-28 to 2025-03-09 \(10 of 10 days\)\. Some of these days are not in the history it keeps/);
    expect(refused.json.errors![0]!.extensions).toMatchObject({ measured: 9, max: 3, availableAt: null });
  });

  it('answers a year over the mirrored history with no wolkvox request, and a year against the year before in one operation', { timeout: 120_000 }, async () => {
    const sim = await simulator({ dataset: { callsPerDay: 24 } });
    const served = await graph({ sim, dataDir: tempDataDir(), history: { days: 740, requestsPerDay: 1_000 }, engine: { maxRequestSpanMs: 31 * DAY_MS } });
    await mirrorOf(served).backfill();
    expect(mirrorOf(served).status()).toMatchObject({ heldDays: 740, missing: [] });
    const requests = sim.counters.requests;
    const year = range('2024-03-10', '2025-03-10');
    const lastYear = range('2023-03-10', '2024-03-10');

    const { json: report } = await served.post({ query: print(CallReportDocument), variables: { range: year, groupBy: ['CAMPAIGN', 'MONTH'] } });
    expect(report.errors).toBeUndefined();
    // A legal year report is well within the default cost limit, though its cost counts days.
    const { complexity } = (report.extensions as { cost: { complexity: number } }).cost;
    expect(complexity).toBeGreaterThan(365);
    expect(complexity).toBeLessThan(LIMIT_DEFAULTS.complexity / 10);
    const { callReport } = report.data as { callReport: { total: { calls: number }; groups: { period: string }[] } };
    expect(callReport.total.calls).toBe(sim.dataset.callsBetween({ from: at(year.from), to: at(year.to) }).length);
    expect(new Set(callReport.groups.map((group) => group.period)).size).toBe(13);
    const both = await served.execute(TwoRangesDocument, { first: year, second: lastYear });
    expect(both.errors).toBeUndefined();
    expect(both.data?.second?.total.calls).toBe(sim.dataset.callsBetween({ from: at(lastYear.from), to: at(lastYear.to) }).length);
    expect(sim.counters.requests).toBe(requests);
  });
});
