import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { CallReportDocument, TwoRangesDocument } from '../../operations/generated/graphql.js';
import { bogotaDay, graph } from '../support/graph.js';
import { listen } from '../support/listen.js';
import { describeWithRedis, startRedis } from '../support/redis.js';
import { Secret } from '../../src/secret.js';
import { archiveKey, archiveNamespace } from '../../src/store/archive-keys.js';
import { FORMAT_VERSION } from '../../src/store/window-codec.js';
import { at, simulator, TOKEN } from '../support/simulator.js';

const threeDays = { from: '2025-03-04T00:00:00-05:00', to: '2025-03-07T00:00:00-05:00' };
const legsIn = (range: { from: string; to: string }) => ({ from: at(range.from), to: at(range.to) });

describeWithRedis('replicas sharing state through Redis', async () => {
  const redis = await startRedis();

  it('costs a freshly started replica no request for what another fetched', async () => {
    const sim = await simulator();
    const first = await graph({ sim, redisUrl: redis.url });
    const fetched = await first.execute(CallReportDocument, { range: threeDays, groupBy: ['CAMPAIGN', 'DAY'] });
    const requests = sim.counters.requests;
    expect(requests).toBeGreaterThan(0);

    const second = await graph({ sim, redisUrl: redis.url });
    const served = await second.execute(CallReportDocument, { range: threeDays, groupBy: ['CAMPAIGN', 'DAY'] });
    expect(served).toEqual(fetched);
    expect(sim.counters.requests).toBe(requests);
    expect(second.replicas!.windows.stats.hits).toBe(72);
  });

  it('shares a window whose rows could not be read as provisional: another replica asks for it again when it is due, not never', async () => {
    let now = Date.parse('2025-03-10T12:00:00-05:00');
    const sim = await simulator({ faults: { malformedRowShare: 0.05 } });
    const engine = { refreshMs: 300_000 };
    const day = bogotaDay('2025-02-14');
    const first = await graph({ sim, redisUrl: redis.url, now: () => now, engine });
    sim.faults.script('malformed-rows');
    expect((await first.execute(CallReportDocument, { range: day })).data?.callReport?.unreadableRows.count).toBeGreaterThan(0);
    expect(sim.counters.requests).toBe(1);

    now += engine.refreshMs;
    const second = await graph({ sim, redisUrl: redis.url, now: () => now, engine });
    const again = await second.execute(CallReportDocument, { range: day });
    expect(sim.counters.requests).toBe(2);
    expect(again.data?.callReport?.unreadableRows.count).toBe(0);
    expect(again.data?.callReport?.total.calls).toBe(sim.dataset.callsBetween(legsIn(day)).length);
  });

  it('fetches again, and never serves, a shared window with a flipped byte or of another format version', async () => {
    const sim = await simulator();
    const day = bogotaDay('2025-02-03');
    const first = await graph({ sim, redisUrl: redis.url });
    const original = await first.execute(CallReportDocument, { range: day, groupBy: ['HOUR'] });
    const namespace = archiveNamespace({ mode: 'live', origin: sim.url, token: new Secret(TOKEN) }, 'America/Bogota');
    const keyOf = (hour: string) => archiveKey(namespace, { from: at(`2025-02-03T${hour}:00:00-05:00`), to: at(`2025-02-03T${hour}:00:00-05:00`) + 3600_000 });
    const { redis: client } = first.replicas!.state;
    const flipped = (await client.getBuffer(keyOf('10')))!;
    flipped[flipped.length - 9]! ^= 0x01;
    await client.set(keyOf('10'), flipped);
    const newer = (await client.getBuffer(keyOf('11')))!;
    newer.writeUInt16LE(FORMAT_VERSION + 1, 4);
    await client.set(keyOf('11'), newer);

    sim.resetCounters();
    const second = await graph({ sim, redisUrl: redis.url });
    expect(await second.execute(CallReportDocument, { range: day, groupBy: ['HOUR'] })).toEqual(original);
    expect(sim.received.map((request) => request.url)).toEqual(['/api/v2/reports_manager.php?api=cdr_1&date_ini=20250203100000&date_end=20250203115959']);
    expect(second.replicas!.windows.dropped).toMatchObject({ checksum: 1, version: 1 });
  });

  it('asks wolkvox once when replicas want the same cold windows at the same time, never two at once', async () => {
    const sim = await simulator({ faults: { latencyMs: 100 } });
    const replicas = await Promise.all([1, 2, 3].map(() => graph({ sim, redisUrl: redis.url })));
    const day = bogotaDay('2025-02-12');
    const answers = await Promise.all(replicas.flatMap((replica) => [replica, replica].map((r) => r.execute(CallReportDocument, { range: day }))));
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    expect(answers[0]!.data?.callReport?.total.calls).toBe(sim.dataset.callsBetween(legsIn(day)).length);
    expect(sim.counters.requests).toBe(1);
    expect(sim.counters.concurrentViolations).toBe(0);
  });

  it('without Redis serves what it holds, fails the rest as UPSTREAM_UNAVAILABLE without asking wolkvox, is not ready (saying why, not where), and recovers by itself', async () => {
    const sim = await simulator();
    const replica = await graph({ sim, redisUrl: redis.url });
    const base = await listen(replica.server);
    const held = bogotaDay('2025-01-20');
    const other = bogotaDay('2025-01-05');
    expect((await replica.execute(CallReportDocument, { range: held })).errors).toBeUndefined();
    const requests = sim.counters.requests;

    await redis.stop();
    const during = await replica.execute(TwoRangesDocument, { first: held, second: other });
    expect(during.data?.first?.total.calls).toBe(sim.dataset.callsBetween(legsIn(held)).length);
    expect(during.errors?.map((error) => [error.path?.[0], error.extensions?.code])).toEqual([['second', 'UPSTREAM_UNAVAILABLE']]);
    expect(sim.counters.requests).toBe(requests);
    const readiness = await fetch(`${base}/readyz`);
    expect(readiness.status).toBe(503);
    const reason = await readiness.text();
    expect(reason).toMatch(/Redis.* unreachable/);
    // Served to anyone: the reason, never where Redis is or what the connection said.
    const { hostname, port } = new URL(redis.url);
    for (const secret of [hostname, port, 'ECONNREFUSED', 'connect']) expect(reason).not.toContain(secret);

    await redis.start();
    expect(await replica.replicas!.state.connected(15_000)).toBe(true);
    const after = await replica.execute(TwoRangesDocument, { first: held, second: other });
    expect(after.errors).toBeUndefined();
    expect(after.data?.second?.total.calls).toBe(sim.dataset.callsBetween(legsIn(other)).length);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  it('goes through Redis going away and coming back under load: no 5xx, no simultaneous use, all answers back without a restart', async () => {
    const sim = await simulator({ faults: { latencyMs: 20 } });
    const servers = await Promise.all([1, 2].map(() => graph({ sim, redisUrl: redis.url })));
    const bases = await Promise.all(servers.map((server) => listen(server.server)));
    const days = Array.from({ length: 24 }, (_, i) => new Date(Date.UTC(2024, 8, 1) + i * 86_400_000).toISOString().slice(0, 10));
    const ask = (day: string, i: number) =>
      fetch(`${bases[i % 2]}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'query($range: DateRange!) { callReport(range: $range) { total { calls } } }', variables: { range: bogotaDay(day) } }),
      }).then(async (response) => ({ status: response.status, body: (await response.json()) as { data?: { callReport: { total: { calls: number } } | null }; errors?: { extensions?: { code?: string } }[] } }));

    const first = days.slice(0, 12).map(ask);
    await redis.stop();
    const during = await Promise.all([...first, ...days.slice(12).map(ask)]);
    expect(during.map((answer) => answer.status).filter((status) => status !== 200)).toEqual([]);
    const codes = new Set(during.flatMap((answer) => answer.body.errors?.map((error) => error.extensions?.code) ?? []));
    expect([...codes]).toEqual(['UPSTREAM_UNAVAILABLE']);
    expect((await fetch(`${bases[0]}/readyz`)).status).toBe(503);

    await redis.start();
    await Promise.all(servers.map((server) => server.replicas!.state.connected(15_000)));
    const after = await Promise.all(days.map(ask));
    expect(after.map((answer) => answer.body.data?.callReport?.total.calls)).toEqual(days.map((day) => sim.dataset.callsBetween(legsIn(bogotaDay(day))).length));
    expect(sim.counters.concurrentViolations).toBe(0);
    expect((await fetch(`${bases[1]}/readyz`)).status).toBe(200);
  });

  it('keeps today warm from one replica at a time', async () => {
    const now = () => at('2025-03-04T15:20:00-05:00');
    const sim = await simulator({ dataset: { now } });
    const [a, b] = await Promise.all([graph({ sim, now, redisUrl: redis.url }), graph({ sim, now, redisUrl: redis.url })]);
    await Promise.all([a.service.refresher.tick(), b.service.refresher.tick()]);
    const looked = [a, b].map((replica) => replica.replicas!.windows.stats.hits + replica.replicas!.windows.stats.misses);
    expect(looked.filter((count) => count > 0)).toHaveLength(1);
    expect(sim.counters.requests).toBe(1);
  });

  it('spends one daily budget across replicas: together they stop at WOLKVOX_DAILY_BUDGET', async () => {
    const sim = await simulator();
    const protection = { dailyBudget: 3 };
    const [a, b] = await Promise.all([graph({ sim, redisUrl: redis.url, protection }), graph({ sim, redisUrl: redis.url, protection })]);
    const days = ['2024-11-01', '2024-11-10', '2024-11-20', '2024-11-30'].map(bogotaDay);
    expect((await a.execute(CallReportDocument, { range: days[0]! })).errors).toBeUndefined();
    expect((await b.execute(CallReportDocument, { range: days[1]! })).errors).toBeUndefined();
    expect((await a.execute(CallReportDocument, { range: days[2]! })).errors).toBeUndefined();
    const refused = await b.execute(CallReportDocument, { range: days[3]! });
    expect(refused.errors?.[0]?.extensions?.code).toBe('UPSTREAM_QUOTA');
    expect(sim.counters.requests).toBe(3);
  });

  it('keeps the day\'s count under DATA_DIR too: a Redis restarted without persistence does not give the budget back', async () => {
    const sim = await simulator();
    const protection = { dailyBudget: 3 };
    const replica = await graph({ sim, redisUrl: redis.url, dataDir: mkdtempSync(join(tmpdir(), 'cdr-budget-')), protection });
    const days = ['2024-10-01', '2024-10-10', '2024-10-20', '2024-10-30'].map(bogotaDay);
    expect((await replica.execute(CallReportDocument, { range: days[0]! })).errors).toBeUndefined();
    expect((await replica.execute(CallReportDocument, { range: days[1]! })).errors).toBeUndefined();

    await redis.stop();
    await redis.start();
    expect(await replica.replicas!.state.connected(15_000)).toBe(true);
    expect((await replica.execute(CallReportDocument, { range: days[2]! })).errors).toBeUndefined();
    const refused = await replica.execute(CallReportDocument, { range: days[3]! });
    expect(refused.errors?.[0]?.extensions?.code).toBe('UPSTREAM_QUOTA');
    expect(sim.counters.requests).toBe(3);
    // Redis holds the repaired count, so a replica without this disk sees it as well.
    const other = await graph({ sim, redisUrl: redis.url, protection });
    expect((await other.execute(CallReportDocument, { range: days[3]! })).errors?.[0]?.extensions?.code).toBe('UPSTREAM_QUOTA');
    expect(sim.counters.requests).toBe(3);
  });
});
