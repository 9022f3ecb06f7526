import { describe, expect, it } from 'vitest';
import { CallReportDocument } from '../../operations/generated/graphql.js';
import { DAY_MS } from '../../src/domain/time/time-range.js';
import { graph } from '../support/graph.js';
import { daysAsked, mirrorOf, tempDataDir } from '../support/mirror.js';
import { simulator } from '../support/simulator.js';

const LATENCY_MS = 200;

/** Waits for `condition`, checking every 10 ms, for at most 30 s. */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 30_000) throw new Error('condition not met in 30 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('operations first, the history mirror in the gaps', () => {
  it(`lets an operation that arrives during backfill wait for at most the one answer in flight (wolkvox at ${LATENCY_MS} ms)`, async () => {
    const sim = await simulator({ faults: { latencyMs: LATENCY_MS }, dataset: { callsPerDay: 200 } });
    // A day per request: thirty requests of background work, one after the other.
    const served = await graph({ sim, dataDir: tempDataDir(), history: { days: 30, requestsPerDay: 100 }, engine: { maxRequestSpanMs: DAY_MS } });
    const backfilling = mirrorOf(served).backfill();
    await until(() => sim.counters.requests >= 3);

    // Three days outside the history, a request each: an operation of several requests, each asked as the previous one's answer is in.
    const arrived = sim.received.length;
    const started = performance.now();
    const result = await served.execute(CallReportDocument, { range: { from: '2024-06-01T00:00:00-05:00', to: '2024-06-04T00:00:00-05:00' } });
    const waited = performance.now() - started;
    expect(result.errors).toBeUndefined();

    const asked = daysAsked(sim, arrived);
    const last = asked.lastIndexOf('20240603');
    expect(asked.filter((day) => day.startsWith('202406'))).toEqual(['20240601', '20240602', '20240603']);
    // Between the operation's arrival and its last request, at most one background request got the token: the one already on its way.
    expect(asked.slice(0, last).filter((day) => !day.startsWith('202406')).length).toBeLessThanOrEqual(1);
    // Its three answers and at most one more: loose bounds, for a loaded machine.
    expect(waited).toBeLessThan((3 + 1) * LATENCY_MS + 1_500);
    expect(sim.counters.concurrentViolations).toBe(0);

    await backfilling;
    expect(mirrorOf(served).status().heldDays).toBe(30);
  });
});
