import { describe, expect, it } from 'vitest';
import { CallReportDocument, TwoRangesDocument } from '../../operations/generated/graphql.js';
import { ZoneClock } from '../../src/domain/time/zone-clock.js';
import { RequestAllowance } from '../../src/feed/request-allowance.js';
import type { WindowData } from '../../src/feed/window-store.js';
import { windowsCovering } from '../../src/feed/windows.js';
import { bogotaDay, codes, graph } from '../support/graph.js';
import { instants, simulator } from '../support/simulator.js';

/** wolkvox's 60,000-row cap scaled down, so that dense ranges stay small. */
const ROW_CAP = 400;

describe('the upstream allowance of one operation', () => {
  it('counts every request the operation causes, truncation splits included, and stops at it with UPSTREAM_QUOTA', async () => {
    const sim = await simulator({ rowCap: ROW_CAP, dataset: { callsPerDay: 2_000 } });
    const { execute } = await graph({ sim, client: { maxRowsPerResponse: ROW_CAP }, protection: { maxRequestsPerOperation: 10 } });
    const result = await execute(CallReportDocument, { range: { from: '2025-03-04T00:00:00-05:00', to: '2025-03-07T00:00:00-05:00' } });
    expect(codes(result)).toEqual(['UPSTREAM_QUOTA']);
    expect(result.errors?.[0]?.message).toMatch(/needs more than 10 wolkvox requests \(MAX_UPSTREAM_REQUESTS_PER_OPERATION\)/);
    expect(sim.counters.requests).toBe(10);
  });

  it('plans dense spans from the answers before them: a 30-day report at a third of the cap a day fits the default allowance', async () => {
    // The figures scaled down: 20,000 legs a day against a 60,000-row cap cost 29 requests for 30 days.
    const sim = await simulator({ rowCap: ROW_CAP, dataset: { callsPerDay: 133 } });
    const { engine, execute } = await graph({ sim, client: { maxRowsPerResponse: ROW_CAP }, protection: { maxRequestsPerOperation: 20 } });
    const month = { from: '2025-02-01T00:00:00-05:00', to: '2025-03-03T00:00:00-05:00' };
    const report = await execute(CallReportDocument, { range: month });
    expect(report.errors).toBeUndefined();
    expect(report.data?.callReport?.total.calls).toBe(sim.dataset.callsBetween(instants(month)).length);
    expect(sim.counters.requests).toBeLessThanOrEqual(20);

    // A later week of the same density is cut before it is asked: no answer reaches the cap.
    const splits = engine.stats.truncationSplits;
    const week = { from: '2025-03-03T00:00:00-05:00', to: '2025-03-10T00:00:00-05:00' };
    const later = await execute(CallReportDocument, { range: week });
    expect(later.data?.callReport?.total.calls).toBe(sim.dataset.callsBetween(instants(week)).length);
    expect(engine.stats.truncationSplits).toBe(splits);
  });

  it('does not start a span it already knows the allowance cannot finish', async () => {
    const sim = await simulator({ rowCap: ROW_CAP, dataset: { callsPerDay: 133 } });
    const { execute } = await graph({ sim, client: { maxRowsPerResponse: ROW_CAP }, protection: { maxRequestsPerOperation: 6 } });
    const fortnight = { from: '2025-02-01T00:00:00-05:00', to: '2025-02-15T00:00:00-05:00' };
    expect(codes(await execute(CallReportDocument, { range: fortnight }))).toEqual(['UPSTREAM_QUOTA']);
    // The first week (asked whole, truncated, split) taught the density: the second needs more requests than are left.
    expect(sim.received.filter((r) => r.url.includes('date_ini=202502080') || r.url.includes('date_ini=2025021'))).toEqual([]);
    expect(sim.counters.requests).toBe(5);
  });

  it('asks for a range it saw truncated in parts, not whole, even after the operation that saw it failed', async () => {
    const sim = await simulator({ rowCap: ROW_CAP, dataset: { callsPerDay: 1_000 } });
    const { execute } = await graph({ sim, client: { maxRowsPerResponse: ROW_CAP }, protection: { maxRequestsPerOperation: 2 } });
    const day = bogotaDay('2025-03-04');
    const whole = '/api/v2/reports_manager.php?api=cdr_1&date_ini=20250304000000&date_end=20250304235959';
    expect(codes(await execute(CallReportDocument, { range: day }))).toEqual(['UPSTREAM_QUOTA']);
    expect(sim.received[0]?.url).toBe(whole);
    sim.resetCounters();
    // Now known to need more than two requests, the day is refused before it is asked, never asked whole again.
    expect(codes(await execute(CallReportDocument, { range: day }))).toEqual(['UPSTREAM_QUOTA']);
    expect(sim.received.map((r) => r.url)).not.toContain(whole);
  });

  it("does not fail another operation with its refusal: only real fetches are shared (#11)", async () => {
    const { sim, execute } = await graph({ protection: { maxRequestsPerOperation: 1 } });
    const feb = bogotaDay('2025-02-01');
    const mar = bogotaDay('2025-03-01');
    // Same document, same tick: both operations reach the engine in one turn, A first.
    const [a, b] = await Promise.all([execute(TwoRangesDocument, { first: feb, second: mar }), execute(TwoRangesDocument, { first: mar, second: mar })]);
    expect(a.data?.first?.total.calls).toBe(sim.dataset.callsBetween(instants(feb)).length);
    expect(codes(a)).toEqual(['UPSTREAM_QUOTA']);
    expect(b.errors).toBeUndefined();
    expect(b.data?.first?.total.calls).toBe(sim.dataset.callsBetween(instants(mar)).length);
    expect(sim.counters.requests).toBe(2);
  });

  it("loads a window with its own allowance when the fetch it joined ran out of another operation's", async () => {
    const sim = await simulator({ rowCap: ROW_CAP, dataset: { callsPerDay: 1_000 } });
    const { engine } = await graph({ sim, client: { maxRowsPerResponse: ROW_CAP } });
    const day = bogotaDay('2025-03-04');
    const windows = windowsCovering(instants(day), new ZoneClock('America/Bogota'), 'hour');
    // Same tick: B joins the fetch A starts; A's allowance cannot pay for the splits that fetch needs.
    const [a, b] = await Promise.all([engine.load(windows, new RequestAllowance(2)), engine.load(windows, new RequestAllowance(100))]);
    expect(a.find((data) => data instanceof Error)).toMatchObject({ code: 'UPSTREAM_QUOTA', message: expect.stringContaining('more than 2 wolkvox requests') });
    expect(b.some((data) => data instanceof Error)).toBe(false);
    expect((b as WindowData[]).reduce((sum, data) => sum + data.columns.length, 0)).toBe(sim.dataset.callsBetween(instants(day)).length);
    expect(engine.stats.inFlightJoins).toBe(windows.length);
  });
});
