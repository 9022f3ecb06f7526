import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { print } from 'graphql';
import { afterAll, expect, it } from 'vitest';
import { CallReportDocument } from '../../operations/generated/graphql.js';
import { bogotaDay } from '../support/graph.js';
import { describeWithRedis, startRedis } from '../support/redis.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { at, simulator, TOKEN } from '../support/simulator.js';

const BURST = 102;
/** Distinct past days, one cold operation each: one process needs exactly one request per day. */
const days = Array.from({ length: BURST }, (_, i) => new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString().slice(0, 10));

describeWithRedis('three server processes on one token, sharing Redis', async () => {
  const redis = await startRedis();
  const sim = await simulator({ faults: { latencyMs: 10 }, dataset: { callsPerDay: 200 } });
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const replica = () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdr-replica-'));
    dirs.push(dir);
    return startServerProcess({ WOLKVOX_TOKEN: TOKEN, WOLKVOX_BASE_URL: sim.url, ALLOW_ANONYMOUS: 'true', REDIS_URL: redis.url, DATA_DIR: dir, WOLKVOX_TIMEOUT_MS: '2000', WOLKVOX_RETRIES: '1' });
  };
  const replicas = await Promise.all([replica(), replica(), replica()]);

  const report = async (server: ServerProcess, day: string) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: print(CallReportDocument), variables: { range: bogotaDay(day) } }),
    });
    const body = (await response.json()) as { data?: { callReport?: { total: { calls: number } } }; errors?: unknown[] };
    return { status: response.status, calls: body.data?.callReport?.total.calls, errors: body.errors };
  };
  const legsOn = (day: string) => {
    const { from, to } = bogotaDay(day);
    return sim.dataset.callsBetween({ from: at(from), to: at(to) }).length;
  };

  it(`keeps the token rule for a burst of ${BURST} distinct cold operations: no simultaneous use, no more requests than one process`, async () => {
    const answers = await Promise.all(days.map((day, i) => report(replicas[i % 3]!, day)));
    expect(answers.filter((answer) => answer.status !== 200 || answer.errors)).toEqual([]);
    expect(answers.map((answer) => answer.calls)).toEqual(days.map(legsOn));
    expect(sim.counters.concurrentViolations).toBe(0);
    expect(sim.counters.requests).toBeLessThanOrEqual(BURST);
  });

  it('lets another replica proceed after the lease when the holder is killed mid-request, and loses no window', async () => {
    sim.resetCounters();
    sim.faults.latencyMs = 1_500;
    const [holder, second, third] = replicas as [ServerProcess, ServerProcess, ServerProcess];
    const abandoned = report(holder, '2024-06-01').catch(() => null);
    await until(() => sim.counters.requests === 1);
    await holder.kill();
    await abandoned;
    sim.faults.latencyMs = 10;
    const [after, other, again] = await Promise.all([report(second, '2024-06-02'), report(third, '2024-06-03'), report(third, '2024-06-01')]);
    expect([after.calls, other.calls, again.calls]).toEqual([legsOn('2024-06-02'), legsOn('2024-06-03'), legsOn('2024-06-01')]);
    expect(sim.counters.concurrentViolations).toBe(0);
  });
}, { timeout: 180_000 });

/** Waits for `condition`, checking every 20 ms, for at most 30 s. */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 30_000) throw new Error('condition not met in 30 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
