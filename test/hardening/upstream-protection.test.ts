import { fetch } from 'undici';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { CallReportDocument, TwoRangesDocument } from '../../operations/generated/graphql.js';
import { bogotaDay, codes, graph } from '../support/graph.js';
import { listen } from '../support/listen.js';
import { simulator } from '../support/simulator.js';

describe('upstream protection', () => {
  it('caps the upstream requests of one operation with UPSTREAM_QUOTA, refusing what is over the cap before asking it', async () => {
    const { sim, execute } = await graph({ protection: { maxRequestsPerOperation: 1 } });
    // Two ranges three weeks apart cannot share a request (7-day span): the second is over the cap.
    const result = await execute(TwoRangesDocument, { first: bogotaDay('2025-02-01'), second: bogotaDay('2025-02-25') });
    expect(sim.counters.requests).toBe(1);
    expect(sim.received.map((request) => request.url)).not.toContainEqual(expect.stringContaining('date_ini=20250225'));
    expect(result.data?.first?.total.calls).toBeGreaterThan(0);
    expect(codes(result)).toEqual(['UPSTREAM_QUOTA']);
    expect(result.errors?.[0]?.message).toMatch(/may cause at most 1 \(MAX_UPSTREAM_REQUESTS_PER_OPERATION\), for a day the server does not hold: 2025-02-25/);
  });

  it('stops at the daily budget, before wolkvox\'s own quota, and still serves what it holds', async () => {
    const { sim, service, execute } = await graph({ protection: { dailyBudget: 2 } });
    await execute(CallReportDocument, { range: bogotaDay('2025-03-01') });
    await execute(CallReportDocument, { range: bogotaDay('2025-03-03') });
    const over = await execute(CallReportDocument, { range: bogotaDay('2025-03-05') });
    expect(codes(over)).toEqual(['UPSTREAM_QUOTA']);
    expect(over.errors?.[0]?.message).toMatch(/daily budget of 2 wolkvox requests \(WOLKVOX_DAILY_BUDGET\) is used up/);
    expect(sim.counters.requests).toBe(2);
    expect(service.budget?.used).toBe(2);
    const cached = await execute(CallReportDocument, { range: bogotaDay('2025-03-01') });
    expect(cached.errors).toBeUndefined();
  });

  it('counts in engine_upstream_requests_total only the requests sent, and the ones the daily budget refused apart', async () => {
    const { sim, service, execute } = await graph({ protection: { dailyBudget: 2 } });
    for (const day of ['2025-01-01', '2025-01-10', '2025-01-20', '2025-01-30', '2025-02-10']) await execute(CallReportDocument, { range: bogotaDay(day) });
    expect(sim.counters.requests).toBe(2);
    const text = await service.metrics.registry.metrics();
    expect(text).toMatch(/^engine_upstream_requests_total 2$/m);
    expect(text).toMatch(/^engine_upstream_refused_total 3$/m);
  });

  it('opens the circuit when wolkvox keeps failing: fails fast, serves stale data, reports not-ready, and recovers after its reset time', async () => {
    let now = Date.parse('2025-03-04T15:30:00-05:00');
    const clock = () => now;
    const sim = await simulator({ dataset: { now: clock } });
    const { service, execute, server } = await graph({ sim, now: clock, protection: { circuitResetMs: 30_000 }, client: { retries: 0 } });
    const base = await listen(server);
    const today = { from: '2025-03-04T15:00:00-05:00', to: '2025-03-04T16:00:00-05:00' };
    const fresh = (await execute(CallReportDocument, { range: today })).data!.callReport!.total.calls;

    now += 10 * 60_000; // the open window is stale now
    sim.faults.rates = { 'server-error': 1 };
    // The breaker (opossum) times its reset with setTimeout, so setTimeout runs on a test clock from before
    // the circuit opens. Nothing else here waits on it: undici's timer was started by the first request, and
    // one request at a time never queues at the token gate.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    onTestFinished(() => void vi.useRealTimers());
    // Without retries, one failed attempt per day: the breaker counts six before it judges.
    for (const day of ['2025-02-01', '2025-02-05', '2025-02-10', '2025-02-15', '2025-02-20', '2025-02-25']) {
      expect(codes(await execute(CallReportDocument, { range: bogotaDay(day) }))).toEqual(['UPSTREAM_UNAVAILABLE']);
    }
    expect(service.circuit.accepting()).toBe(false);
    const readiness = await fetch(`${base}/readyz`);
    expect(readiness.status).toBe(503);
    expect(await readiness.json()).toMatchObject({ status: 'not ready', reason: expect.stringContaining('circuit open') });

    const requests = sim.counters.requests;
    const fastFail = await execute(CallReportDocument, { range: bogotaDay('2025-01-15') });
    expect(codes(fastFail)).toEqual(['UPSTREAM_UNAVAILABLE']);
    expect(fastFail.errors?.[0]?.message).toMatch(/circuit open/);
    const stale = await execute(CallReportDocument, { range: today });
    expect(stale.data?.callReport?.total.calls).toBe(fresh);
    expect(sim.counters.requests).toBe(requests);
    expect(service.engine.stats.staleServed).toBeGreaterThan(0);

    sim.faults.clear();
    vi.advanceTimersByTime(29_999);
    expect(codes(await execute(CallReportDocument, { range: bogotaDay('2025-01-16') }))).toEqual(['UPSTREAM_UNAVAILABLE']);
    vi.advanceTimersByTime(1);
    vi.useRealTimers();
    const recovered = await execute(CallReportDocument, { range: bogotaDay('2025-01-15') });
    expect(recovered.errors).toBeUndefined();
    expect(service.circuit.accepting()).toBe(true);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });
});
