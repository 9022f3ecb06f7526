import { describe, expect, it } from 'vitest';
import { CallReportDocument } from '../../operations/generated/graphql.js';
import type { FaultKind } from '../../simulator/faults.js';
import { bogotaDay, codes, graph } from '../support/graph.js';
import { canonical, exactSum } from '../support/oracle.js';
import { instants, rowsIn, simulator } from '../support/simulator.js';

const day = bogotaDay('2025-03-04');
const other = bogotaDay('2025-02-20');

/** Each fault wolkvox or the network can show, what the client sees, and whether a retry hides it. */
const cases: { faults: FaultKind[]; expected: string }[] = [
  { faults: ['server-error', 'server-error', 'server-error'], expected: 'ok' },
  { faults: ['hang'], expected: 'ok' },
  { faults: ['reset', 'reset'], expected: 'ok' },
  { faults: ['simultaneous', 'simultaneous'], expected: 'ok' },
  { faults: ['maintenance', 'maintenance'], expected: 'ok' },
  { faults: ['server-error', 'server-error', 'server-error', 'server-error', 'server-error'], expected: 'UPSTREAM_UNAVAILABLE' },
  { faults: ['hang', 'hang', 'hang', 'hang', 'hang'], expected: 'UPSTREAM_UNAVAILABLE' },
  { faults: ['malformed-json'], expected: 'ok' },
  { faults: ['malformed-json', 'malformed-json', 'malformed-json', 'malformed-json', 'malformed-json'], expected: 'UPSTREAM_BAD_DATA' },
  { faults: ['quota'], expected: 'UPSTREAM_QUOTA' },
];

describe('fault injection against the simulator, through the real server', () => {
  it.each(cases)('$faults → $expected; the server still serves, nothing failed is cached, nothing good is lost', async ({ faults, expected }) => {
    const sim = await simulator();
    const { execute, engine } = await graph({ sim, client: { timeoutMs: 250, retries: 4 } });
    const rows = rowsIn(sim, day);
    const truth = { calls: rows.length, totalCost: exactSum(rows.map((r) => r.cost)) };

    sim.faults.script(...faults);
    const first = await execute(CallReportDocument, { range: day });
    if (expected === 'ok') {
      expect(first.errors).toBeUndefined();
      expect(first.data?.callReport?.total).toMatchObject(truth);
    } else {
      expect(codes(first)).toEqual([expected]);
      expect(engine.store.size).toBe(0);
    }
    sim.faults.clear();

    // Still serving: another range, then the same one, exact to the last digit.
    expect((await execute(CallReportDocument, { range: other })).errors).toBeUndefined();
    const again = await execute(CallReportDocument, { range: day });
    expect(again.errors).toBeUndefined();
    expect(again.data?.callReport?.total.calls).toBe(truth.calls);
    expect(canonical(again.data!.callReport!.total.totalCost)).toBe(truth.totalCost);
    expect(sim.counters.concurrentViolations).toBe(0);
  });

  it('malformed rows: every readable row counts, every unreadable one is reported', async () => {
    const sim = await simulator({ faults: { malformedRowShare: 0.05 } });
    const { execute } = await graph({ sim });
    sim.faults.script('malformed-rows');
    const report = (await execute(CallReportDocument, { range: day })).data!.callReport!;
    const all = sim.dataset.callsBetween(instants(day)).length;
    expect(report.unreadableRows.count).toBeGreaterThan(0);
    expect(report.total.calls + report.unreadableRows.count).toBe(all);
  });

  it('survives random faults on a third of the requests with every answer exact or a typed error', async () => {
    const sim = await simulator({ faults: { rates: { 'server-error': 0.15, reset: 0.1, maintenance: 0.1 }, seed: 3 } });
    const { execute } = await graph({ sim, client: { retries: 6 } });
    for (let d = 1; d <= 12; d += 1) {
      const range = bogotaDay(`2025-02-${String(d * 2).padStart(2, '0')}`);
      const result = await execute(CallReportDocument, { range });
      const rows = rowsIn(sim, range);
      if (result.errors) expect(codes(result)).toEqual(['UPSTREAM_UNAVAILABLE']);
      else expect(result.data?.callReport?.total).toMatchObject({ calls: rows.length, totalCost: exactSum(rows.map((r) => r.cost)) });
    }
    expect(sim.counters.faultsInjected).toBeGreaterThan(0);
    expect(sim.counters.concurrentViolations).toBe(0);
  });
});
