import { describe, expect, it } from 'vitest';
import { CallReportDocument } from '../../operations/generated/graphql.js';
import { UNREADABLE_RETRIES } from '../../src/feed/freshness.js';
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

  it('keeps being asked for, once a day for a week, while its rows cannot be read; then it is final', async () => {
    let now = TEST_NOW;
    const sim = await simulator({ faults: { malformedRowShare: 0.05 } });
    const { execute } = await graph({ sim, now: () => now, engine: { refreshMs: FRESHNESS_MS } });
    const report = async () => (await execute(CallReportDocument, { range: day })).data!.callReport!;

    sim.faults.script(...Array.from({ length: 2 + UNREADABLE_RETRIES.days }, () => 'malformed-rows' as const));
    expect((await report()).unreadableRows.count).toBeGreaterThan(0);
    now += FRESHNESS_MS;
    await report();
    expect(sim.counters.requests).toBe(2);
    for (let retry = 1; retry <= UNREADABLE_RETRIES.days; retry += 1) {
      now += UNREADABLE_RETRIES.dailyMs - 1;
      await report();
      expect(sim.counters.requests, `a day after ask ${retry + 1}, less a millisecond`).toBe(1 + retry);
      now += 1;
      await report();
      expect(sim.counters.requests, `a day after ask ${retry + 1}`).toBe(2 + retry);
    }
    const last = await report();
    expect(last.unreadableRows.count).toBeGreaterThan(0);
    now += 30 * 86_400_000;
    expect(await report()).toEqual(last);
    expect(sim.counters.requests).toBe(2 + UNREADABLE_RETRIES.days);
  });

  it('is read whole on a later daily ask when wolkvox has fixed its rows, and that copy is final', async () => {
    let now = TEST_NOW;
    const sim = await simulator({ faults: { malformedRowShare: 0.05 } });
    const { execute } = await graph({ sim, now: () => now, engine: { refreshMs: FRESHNESS_MS } });
    const report = async () => (await execute(CallReportDocument, { range: day })).data!.callReport!;
    const all = sim.dataset.callsBetween(instants(day)).length;

    sim.faults.script('malformed-rows', 'malformed-rows', 'malformed-rows');
    await report();
    now += FRESHNESS_MS;
    await report();
    now += UNREADABLE_RETRIES.dailyMs;
    expect((await report()).unreadableRows.count).toBeGreaterThan(0);
    now += UNREADABLE_RETRIES.dailyMs;
    const fixed = await report();
    expect(fixed.unreadableRows.count).toBe(0);
    expect(fixed.total.calls).toBe(all);
    expect(sim.counters.requests).toBe(4);
    now += 30 * 86_400_000;
    expect(await report()).toEqual(fixed);
    expect(sim.counters.requests).toBe(4);
  });
});
