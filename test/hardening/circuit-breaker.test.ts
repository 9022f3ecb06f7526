import { fetch } from 'undici';
import { describe, expect, it } from 'vitest';
import { CallReportDocument } from '../../operations/generated/graphql.js';
import { bogotaDay, codes, graph } from '../support/graph.js';
import { listen } from '../support/listen.js';


describe('the circuit breaker in front of wolkvox', () => {
  it('counts every failed attempt, so that with the default retries it opens, reports not-ready and stops the retries', async () => {
    const { sim, service, server, execute } = await graph();
    const base = await listen(server);
    sim.faults.rates = { 'server-error': 1 };

    // The first operation spends its retries (1 + 4 attempts) and fails; the circuit opens at the
    // second's first attempt, which ends its retries at once.
    expect(codes(await execute(CallReportDocument, { range: bogotaDay('2025-02-01') }))).toEqual(['UPSTREAM_UNAVAILABLE']);
    expect(service.circuit.accepting()).toBe(true);
    const second = await execute(CallReportDocument, { range: bogotaDay('2025-02-10') });
    expect(codes(second)).toEqual(['UPSTREAM_UNAVAILABLE']);
    expect(second.errors?.[0]?.message).toMatch(/circuit open/);
    expect(sim.counters.requests).toBe(6);

    expect(service.circuit.accepting()).toBe(false);
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    expect(await (await fetch(`${base}/metrics`)).text()).toMatch(/^upstream_circuit_open 1$/m);
  });

  it('does not count a busy token or a spent quota as wolkvox failing: they only dilute the failures', async () => {
    const { sim, service, execute } = await graph();
    // Four simultaneous-use 403s the retries ride out, then two quota refusals: seven attempts, none wolkvox's fault.
    sim.faults.script('simultaneous', 'simultaneous', 'simultaneous', 'simultaneous');
    expect((await execute(CallReportDocument, { range: bogotaDay('2025-02-01') })).errors).toBeUndefined();
    sim.faults.script('quota', 'quota');
    expect(codes(await execute(CallReportDocument, { range: bogotaDay('2025-02-10') }))).toEqual(['UPSTREAM_QUOTA']);
    expect(codes(await execute(CallReportDocument, { range: bogotaDay('2025-02-11') }))).toEqual(['UPSTREAM_QUOTA']);
    expect(sim.counters.requests).toBe(7);
    expect(service.circuit.accepting()).toBe(true);

    sim.faults.rates = { 'server-error': 1 };
    for (const day of ['2025-02-12', '2025-02-13', '2025-02-14']) {
      if (service.circuit.accepting()) await execute(CallReportDocument, { range: bogotaDay(day) });
    }
    // It opens when failed attempts are more than half of those in its window: the 8th failure of 15.
    expect(service.circuit.accepting()).toBe(false);
    expect(sim.counters.requests).toBe(15);
  });
});
