import { describe, expect, it } from 'vitest';
import { CallReportDocument, CallsPageDocument, OverviewDocument, TwoRangesDocument } from '../../operations/generated/graphql.js';
import { bogotaDay, graph } from '../support/graph.js';
import { canonical, exactSum } from '../support/oracle.js';
import { clientFor, instants, rowsIn, simulator } from '../support/simulator.js';

const threeDays = { from: '2025-03-04T00:00:00-05:00', to: '2025-03-07T00:00:00-05:00' };

describe('the window engine behind the graph', () => {
  it('serves a three-day dashboard in at most 3 upstream requests cold and none when repeated', async () => {
    const { sim, engine, execute } = await graph();
    const cold = await execute(OverviewDocument, { range: threeDays });
    expect(cold.errors).toBeUndefined();
    expect(sim.counters.requests).toBeLessThanOrEqual(3);
    expect(engine.stats.coalescedWindows).toBe(72);
    const rows = rowsIn(sim, threeDays);
    expect(cold.data?.callReport?.total).toEqual({ calls: rows.length, totalCost: exactSum(rows.map((r) => r.cost)) });
    expect(cold.data?.agents?.reduce((sum, a) => sum + a.stats.calls, 0)).toBe(rows.length);

    const before = sim.counters.requests;
    const warm = await execute(OverviewDocument, { range: threeDays });
    expect(sim.counters.requests).toBe(before);
    expect(warm.data).toEqual(cold.data);
  });

  it('costs the same for 50 concurrent copies of the dashboard, with no concurrent use of the token', async () => {
    const sim = await simulator({ faults: { latencyMs: 50 } });
    const { engine, execute } = await graph({ sim });
    const results = await Promise.all(Array.from({ length: 50 }, () => execute(OverviewDocument, { range: threeDays })));
    expect(results.every((r) => r.errors === undefined)).toBe(true);
    expect(new Set(results.map((r) => JSON.stringify(r.data))).size).toBe(1);
    expect(sim.counters.requests).toBeLessThanOrEqual(3);
    expect(sim.counters.concurrentViolations).toBe(0);
    expect(engine.stats.inFlightJoins).toBeGreaterThan(0);
  });

  it('shares windows between overlapping ranges: only what is missing is fetched', async () => {
    const { sim, execute } = await graph();
    await execute(CallsPageDocument, { range: bogotaDay('2025-03-04') });
    sim.resetCounters();
    await execute(CallsPageDocument, { range: { from: '2025-03-04T12:00:00-05:00', to: '2025-03-05T12:00:00-05:00' } });
    expect(sim.received.map((r) => r.url)).toEqual(['/api/v2/reports_manager.php?api=cdr_1&date_ini=20250305000000&date_end=20250305115959']);
  });

  it('bridges the gap between missing windows with one request, and keeps only the windows asked for', async () => {
    const { sim, engine, execute } = await graph();
    const morning = { from: '2025-03-04T08:00:00-05:00', to: '2025-03-04T09:00:00-05:00' };
    const evening = { from: '2025-03-04T18:00:00-05:00', to: '2025-03-04T19:00:00-05:00' };
    const result = await execute(TwoRangesDocument, { first: morning, second: evening });
    expect(result.data?.first?.total.calls).toBe(sim.dataset.callsBetween(instants(morning)).length);
    expect(result.data?.second?.total.calls).toBe(sim.dataset.callsBetween(instants(evening)).length);
    expect(sim.received.map((r) => r.url)).toEqual(['/api/v2/reports_manager.php?api=cdr_1&date_ini=20250304080000&date_end=20250304185959']);
    expect(engine.store.size).toBe(2);
    const noon = { from: '2025-03-04T12:00:00-05:00', to: '2025-03-04T13:00:00-05:00' };
    await execute(CallsPageDocument, { range: noon });
    expect(sim.counters.requests).toBe(2);
  });

  it('refetches the open window only after the freshness interval, and then sees the new calls', async () => {
    let now = Date.parse('2025-03-04T15:20:00-05:00');
    const clock = () => now;
    const sim = await simulator({ dataset: { now: clock } });
    const { execute } = await graph({ sim, now: clock, engine: { refreshMs: 300_000 } });
    const today = { from: '2025-03-04T15:00:00-05:00', to: '2025-03-04T16:00:00-05:00' };
    const count = async () => (await execute(CallsPageDocument, { range: today, first: 0 })).data!.calls!.totalCount;

    const first = await count();
    expect(sim.counters.requests).toBe(1);
    now += 4 * 60_000;
    expect(await count()).toBe(first);
    expect(sim.counters.requests).toBe(1);
    now += 2 * 60_000;
    const later = await count();
    expect(sim.counters.requests).toBe(2);
    expect(later).toBeGreaterThan(first);
    expect(later).toBe(sim.dataset.callsBetween(instants(today)).length);
  });

  it('keeps a settled window without refetching it', async () => {
    let now = Date.parse('2025-03-05T15:00:00-05:00');
    const { sim, execute } = await graph({ now: () => now, engine: { settleMs: 2 * 3600_000 } });
    await execute(CallsPageDocument, { range: bogotaDay('2025-03-04') });
    now += 24 * 3600_000;
    await execute(CallsPageDocument, { range: bogotaDay('2025-03-04') });
    expect(sim.counters.requests).toBe(1);
  });

  it('does not ask wolkvox for windows that have not started yet', async () => {
    const { sim, execute } = await graph({ now: () => Date.parse('2025-03-04T12:30:00-05:00') });
    const result = await execute(CallsPageDocument, { range: bogotaDay('2025-03-04') });
    expect(result.errors).toBeUndefined();
    expect(sim.received.map((r) => r.url)).toEqual(['/api/v2/reports_manager.php?api=cdr_1&date_ini=20250304000000&date_end=20250304125959']);
  });

  it('splits an answer at the row cap until no part is, and loses nothing', async () => {
    const sim = await simulator({ rowCap: 400, dataset: { callsPerDay: 2_000 } });
    // 6,000 legs at 400 a request: more requests than the default allowance of one operation.
    const { engine, execute } = await graph({ sim, source: clientFor(sim, { maxRowsPerResponse: 400 }), protection: { maxRequestsPerOperation: 100 } });
    const report = (await execute(CallReportDocument, { range: threeDays, groupBy: ['DAY'] })).data!.callReport!;
    const rows = rowsIn(sim, threeDays);
    expect(engine.stats.truncationSplits).toBeGreaterThan(0);
    expect(report.total.calls).toBe(rows.length);
    expect(canonical(report.total.totalCost)).toBe(exactSum(rows.map((r) => r.cost)));
    // Nothing truncated was kept: asking again costs nothing and gives the same.
    const requests = sim.counters.requests;
    expect((await execute(CallReportDocument, { range: threeDays, groupBy: ['DAY'] })).data!.callReport!).toEqual(report);
    expect(sim.counters.requests).toBe(requests);
  });

  it('splits a single truncated window inside itself', async () => {
    const sim = await simulator({ rowCap: 30, dataset: { callsPerDay: 2_000 } });
    const { execute } = await graph({ sim, source: clientFor(sim, { maxRowsPerResponse: 30 }) });
    const hour = { from: '2025-03-04T10:00:00-05:00', to: '2025-03-04T11:00:00-05:00' };
    const page = (await execute(CallsPageDocument, { range: hour, first: 1000 })).data!.calls!;
    const expected = sim.dataset.callsBetween(instants(hour));
    expect(expected.length).toBeGreaterThan(30);
    expect(page.totalCount).toBe(expected.length);
    expect(new Set(page.edges.map((e) => e.node.id)).size).toBe(expected.length);
  });

  it('caches no failed window; a field that needs it fails, the others resolve', async () => {
    const { sim, execute } = await graph();
    sim.faults.script('quota');
    // More than the 7-day request span apart, so that they are two requests; the earlier one goes first.
    const first = bogotaDay('2025-02-20');
    const second = bogotaDay('2025-03-04');
    const result = await execute(TwoRangesDocument, { first, second });
    expect(result.errors?.map((e) => [e.path?.[0], e.extensions?.code])).toEqual([['first', 'UPSTREAM_QUOTA']]);
    expect(result.data?.first).toBeNull();
    expect(result.data?.second?.total.calls).toBe(sim.dataset.callsBetween(instants(second)).length);

    const again = await execute(TwoRangesDocument, { first, second });
    expect(again.errors).toBeUndefined();
    expect(again.data?.first?.total.calls).toBe(sim.dataset.callsBetween(instants(first)).length);
    expect(sim.counters.requests).toBe(3);
  });

  it('stays within its row budget, evicting the least recently used windows', async () => {
    const { engine, execute } = await graph({ engine: { cacheMaxRows: 1_000 } });
    for (const day of ['2025-03-01', '2025-03-02', '2025-03-03', '2025-03-04']) await execute(CallsPageDocument, { range: bogotaDay(day) });
    expect(engine.store.rows).toBeLessThanOrEqual(1_000);
    expect(engine.store.evictions).toBeGreaterThan(0);
    expect(engine.store.size).toBeGreaterThan(0);
  });
});
