import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { bogotaDay } from '../support/graph.js';
import { BRAND_A_KEY, BRAND_B_KEY, bearer, policyYaml } from '../support/principals.js';
import { describeWithRedis, startRedis } from '../support/redis.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { simulator, TOKEN } from '../support/simulator.js';

const SHARE = 5;
const BURST = 12;
/** Distinct past days, one cold request each. */
const daysFrom = (start: number, count: number) => Array.from({ length: count }, (_, i) => new Date(Date.UTC(2025, 0, start + i)).toISOString().slice(0, 10));

describeWithRedis('a principal\'s daily share across three server processes sharing Redis', async () => {
  const redis = await startRedis();
  const sim = await simulator({ faults: { latencyMs: 10 }, dataset: { callsPerDay: 200 } });
  const dir = mkdtempSync(join(tmpdir(), 'cdr-shares-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const policy = join(dir, 'policy.yaml');
  writeFileSync(policy, policyYaml([
    { name: 'brand-a-dashboard', key: BRAND_A_KEY, campaigns: ['3001'], upstreamRequestsPerDay: SHARE },
    { name: 'brand-b-quality', key: BRAND_B_KEY, campaigns: ['3002'] },
  ]));
  const replicas: ServerProcess[] = await Promise.all(
    [1, 2, 3].map(() =>
      // A generous timeout: an attempt timed out on a loaded machine and sent again would count twice at the simulator.
      startServerProcess({ WOLKVOX_TOKEN: TOKEN, WOLKVOX_BASE_URL: sim.url, ACCESS_POLICY: policy, REDIS_URL: redis.url, WOLKVOX_TIMEOUT_MS: '60000' }),
    ),
  );

  const report = async (server: ServerProcess, key: string, day: string) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(key) },
      body: JSON.stringify({ query: 'query($r: DateRange!) { callReport(range: $r) { total { calls } } }', variables: { r: bogotaDay(day) } }),
    });
    const body = (await response.json()) as { data?: { callReport: { total: { calls: number } } | null }; errors?: { message: string; extensions?: { code?: string } }[] };
    return { calls: body.data?.callReport?.total.calls, code: body.errors?.[0]?.extensions?.code, message: body.errors?.[0]?.message };
  };

  it(`lets ${BURST} cold operations spread over the replicas cause ${SHARE} wolkvox requests, refuses the rest, and leaves other principals their own`, async () => {
    const answers = await Promise.all(daysFrom(1, BURST).map((day, i) => report(replicas[i % 3]!, BRAND_A_KEY, day)));
    const served = answers.filter((answer) => answer.code === undefined);
    const refused = answers.filter((answer) => answer.code === 'UPSTREAM_QUOTA');
    expect(served).toHaveLength(SHARE);
    expect(refused).toHaveLength(BURST - SHARE);
    expect(refused[0]!.message).toContain(`brand-a-dashboard's share of ${SHARE} wolkvox requests a day (upstreamRequestsPerDay) is used up`);
    expect(sim.counters.requests).toBe(SHARE);
    expect(sim.counters.concurrentViolations).toBe(0);

    const others = await Promise.all(daysFrom(20, 3).map((day, i) => report(replicas[i]!, BRAND_B_KEY, day)));
    expect(others.every((answer) => answer.code === undefined && typeof answer.calls === 'number')).toBe(true);
    expect(sim.counters.requests).toBe(SHARE + 3);
    // What brand-b fetched is served to brand-a from the shared cache, on any replica, at no cost to its share.
    expect((await report(replicas[2]!, BRAND_A_KEY, daysFrom(20, 1)[0]!)).code).toBeUndefined();
    expect(sim.counters.requests).toBe(SHARE + 3);
  });
}, { timeout: 180_000 });
