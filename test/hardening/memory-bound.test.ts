import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CallReportDocument } from '../../operations/generated/graphql.js';
import { graph } from '../support/graph.js';
import { simulator } from '../support/simulator.js';

// A garbage collection on demand, so that the heap measured is what is still held, not what is still lying
// around; the sweep after it runs concurrently, hence the pauses.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
const heapAfterGc = async () => {
  for (let i = 0; i < 2; i += 1) {
    collect();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return process.memoryUsage().heapUsed;
};

const MiB = 2 ** 20;
const DAY_MS = 86_400_000;
const quarter = (i: number) => {
  const from = Date.parse('2023-06-01T00:00:00-05:00') + i * 92 * DAY_MS;
  return { from: new Date(from).toISOString(), to: new Date(from + 92 * DAY_MS).toISOString() };
};

describe('memory under many distinct ranges', () => {
  it('holds no more than the cache budget after many distinct quarter-long reports', async () => {
    const sim = await simulator({ dataset: { callsPerDay: 200 } });
    const { engine, service, execute } = await graph({ sim, engine: { cacheMaxBytes: 600_000, maxRequestSpanMs: 31 * DAY_MS } });
    const report = async (i: number) => {
      const result = await execute(CallReportDocument, { range: quarter(i), groupBy: ['AGENT'] });
      expect(result.errors).toBeUndefined();
      return result.data!.callReport!.total.calls;
    };
    // The simulator runs in this process and keeps its last 2,048 hours of calls: fill that first.
    await report(0);
    const before = await heapAfterGc();
    let legs = 0;
    for (let i = 1; i <= 4; i += 1) legs += await report(i);
    const growth = (await heapAfterGc()) - before;
    console.log(`4 distinct quarters, ${legs} legs, ${sim.counters.requests} requests: heap after GC grew ${(growth / MiB).toFixed(1)} MiB`);

    expect(legs).toBeGreaterThan(50_000);
    expect(engine.store.rows).toBeLessThanOrEqual(1_000);
    expect(engine.store.bytes).toBeLessThanOrEqual(engine.store.maxBytes);
    const metrics = await service.metrics.registry.metrics();
    expect(metrics).toContain(`cache_bytes ${engine.store.bytes}\n`);
    expect(metrics).toContain(`cache_max_bytes ${engine.store.maxBytes}\n`);
    // Kept for good, these legs weigh about 300 MiB; the budget is 0.6 MB.
    expect(growth).toBeLessThan(20 * MiB);
    // Five quarters of legs read and summarized: CPU-bound, about 20 s on a quiet 2-core machine.
  }, 120_000);
});
