import { expect, it } from 'vitest';
import { CallReportDocument } from '../../operations/generated/graphql.js';
import { DAY_MS } from '../../src/domain/time/time-range.js';
import { graph, TEST_NOW } from '../support/graph.js';
import { daysAsked, mirrorOf, tempDataDir } from '../support/mirror.js';
import { describeWithRedis, startRedis } from '../support/redis.js';
import { at, simulator } from '../support/simulator.js';

const TEN_DAYS = { from: '2025-02-28T00:00:00-05:00', to: '2025-03-10T00:00:00-05:00' };

/** Waits for `condition`, checking every 10 ms, for at most 30 s. */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 30_000) throw new Error('condition not met in 30 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describeWithRedis('the history mirror with replicas sharing Redis', async () => {
  const redis = await startRedis();

  it('backfills from exactly one replica, and every replica reports and reads what it stored without asking wolkvox', async () => {
    const sim = await simulator({ faults: { latencyMs: 20 }, dataset: { callsPerDay: 200 } });
    const settings = { sim, redisUrl: redis.url, history: { days: 10, requestsPerDay: 100 }, engine: { maxRequestSpanMs: DAY_MS } };
    const [a, b] = await Promise.all([graph({ ...settings, dataDir: tempDataDir() }), graph({ ...settings, dataDir: tempDataDir() })]);

    await Promise.all([mirrorOf(a).backfill(), mirrorOf(b).backfill()]);
    const requests = [mirrorOf(a).stats.requests, mirrorOf(b).stats.requests];
    expect(requests.filter((count) => count > 0)).toEqual([10]);
    expect(sim.counters.requests).toBe(10);
    expect(new Set(daysAsked(sim)).size).toBe(10);
    expect(sim.counters.concurrentViolations).toBe(0);
    // Neither replica's memory took the backfill.
    expect([a.engine.store.size, b.engine.store.size]).toEqual([0, 0]);

    for (const replica of [a, b]) {
      await mirrorOf(replica).refresh();
      expect(mirrorOf(replica).status()).toMatchObject({ heldDays: 10, requestsToday: 10, missing: [] });
      const report = await replica.execute(CallReportDocument, { range: TEN_DAYS });
      expect(report.errors).toBeUndefined();
      expect(report.data?.callReport?.total.calls).toBe(sim.dataset.callsBetween({ from: at(TEN_DAYS.from), to: at(TEN_DAYS.to) }).length);
      // From the day roll-ups the backfilling replica made into Redis: no window in memory.
      expect(replica.engine.store.size).toBe(0);
    }
    expect(mirrorOf(a).stats.rollups + mirrorOf(b).stats.rollups).toBe(10);
    expect(sim.counters.requests).toBe(10);
  });

  it('shares the day\'s count and the days held: the next replica to take the turn goes on where the last stopped', async () => {
    const sim = await simulator({ dataset: { callsPerDay: 200 } });
    let now = TEST_NOW;
    const settings = { sim, redisUrl: redis.url, now: () => now, history: { days: 10, requestsPerDay: 4 }, engine: { maxRequestSpanMs: DAY_MS } };
    const a = await graph({ ...settings, dataDir: tempDataDir() });
    await mirrorOf(a).backfill();
    expect(sim.counters.requests).toBe(4);

    const b = await graph({ ...settings, dataDir: tempDataDir() });
    await mirrorOf(b).backfill();
    expect(sim.counters.requests).toBe(4);
    expect(mirrorOf(b).status()).toMatchObject({ heldDays: 4, requestsToday: 4 });

    now += DAY_MS;
    await mirrorOf(b).backfill();
    expect(sim.counters.requests).toBe(8);
    const asked = daysAsked(sim);
    expect(asked).toEqual(['20250309', '20250308', '20250307', '20250306', '20250310', '20250305', '20250304', '20250303']);
  });

  it('lets an operation on another replica wait for at most the one background answer in flight', async () => {
    const latencyMs = 200;
    const sim = await simulator({ faults: { latencyMs }, dataset: { callsPerDay: 200 } });
    const settings = { sim, redisUrl: redis.url, history: { days: 30, requestsPerDay: 100 }, engine: { maxRequestSpanMs: DAY_MS } };
    const [backfilling, asking] = await Promise.all([graph({ ...settings, dataDir: tempDataDir() }), graph({ ...settings, dataDir: tempDataDir() })]);
    const work = mirrorOf(backfilling).backfill();
    await until(() => sim.counters.requests >= 3);

    const arrived = sim.received.length;
    const result = await asking.execute(CallReportDocument, { range: { from: '2024-06-01T00:00:00-05:00', to: '2024-06-04T00:00:00-05:00' } });
    expect(result.errors).toBeUndefined();
    const asked = daysAsked(sim, arrived);
    const last = asked.lastIndexOf('20240603');
    expect(asked.filter((day) => day.startsWith('202406'))).toEqual(['20240601', '20240602', '20240603']);
    expect(asked.slice(0, last).filter((day) => !day.startsWith('202406')).length).toBeLessThanOrEqual(1);
    expect(sim.counters.concurrentViolations).toBe(0);
    await work;
  });
});
