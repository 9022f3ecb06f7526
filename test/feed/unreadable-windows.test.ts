import { describe, expect, it } from 'vitest';
import { CallReportDocument } from '../../operations/generated/graphql.js';
import { TEST_NOW, bogotaDay, graph } from '../support/graph.js';
import { instants, simulator } from '../support/simulator.js';

const day = bogotaDay('2025-03-04');
const FRESHNESS_MS = 300_000;

describe('a settled window whose rows could not be read', () => {
  it('is asked for once more after the freshness interval, and then kept', async () => {
    let now = TEST_NOW;
    const sim = await simulator({ faults: { malformedRowShare: 0.05 } });
    const { execute } = await graph({ sim, now: () => now, engine: { refreshMs: FRESHNESS_MS } });
    const report = async () => (await execute(CallReportDocument, { range: day })).data!.callReport!;
    const all = sim.dataset.callsBetween(instants(day)).length;

    sim.faults.script('malformed-rows');
    const first = await report();
    expect(first.unreadableRows.count).toBeGreaterThan(0);
    expect(first.total.calls + first.unreadableRows.count).toBe(all);

    now += FRESHNESS_MS - 1;
    expect(await report()).toEqual(first);
    expect(sim.counters.requests).toBe(1);

    now += 1;
    const again = await report();
    expect(sim.counters.requests).toBe(2);
    expect(again.unreadableRows.count).toBe(0);
    expect(again.total.calls).toBe(all);

    now += 30 * 86_400_000;
    expect(await report()).toEqual(again);
    expect(sim.counters.requests).toBe(2);
  });

  it('is final after the second answer, even when that one has unreadable rows too', async () => {
    let now = TEST_NOW;
    const sim = await simulator({ faults: { malformedRowShare: 0.05 } });
    const { execute } = await graph({ sim, now: () => now, engine: { refreshMs: FRESHNESS_MS } });
    const report = async () => (await execute(CallReportDocument, { range: day })).data!.callReport!;

    sim.faults.script('malformed-rows', 'malformed-rows');
    await report();
    now += FRESHNESS_MS;
    const second = await report();
    expect(second.unreadableRows.count).toBeGreaterThan(0);
    now += 30 * 86_400_000;
    expect(await report()).toEqual(second);
    expect(sim.counters.requests).toBe(2);
  });
});
