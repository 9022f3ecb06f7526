import { beforeAll, describe, expect, it } from 'vitest';
import { CallReportDocument, type CallDimension } from '../../operations/generated/graphql.js';
import { ZoneClock } from '../../src/domain/time/zone-clock.js';
import { windowsCovering } from '../../src/feed/windows.js';
import { rollupKey } from '../../src/store/archive-keys.js';
import { LmdbWindowArchive } from '../../src/store/lmdb-archive.js';
import { decodeRollupFor, ROLLUP_FORMAT_VERSION } from '../../src/store/rollup-codec.js';
import type { TieredWindowStore } from '../../src/store/tiered-window-store.js';
import { buildReportYielding } from '../../src/domain/report/call-report.js';
import { durableFeeds } from '../support/feed.js';
import { graph, type TestGraph } from '../support/graph.js';
import { exactSum } from '../support/oracle.js';
import { oracleReport, productKeyText } from '../support/report-oracle.js';
import { describeWithRedis, startRedis, type TestRedis } from '../support/redis.js';
import { at, simulator } from '../support/simulator.js';
import { tempDirs } from '../support/temp-dirs.js';

const dataDir = tempDirs('cdr-rollups-');

const stop = (server: TestGraph) => server.durable!.archive.close();
const tiers = (server: TestGraph) => server.engine.store as TieredWindowStore;
const clock = new ZoneClock('America/Bogota');

/** 28 settled days, and what finance asks of them. */
const month = { from: '2025-02-01T00:00:00-05:00', to: '2025-03-01T00:00:00-05:00' };
const days = windowsCovering({ from: at(month.from), to: at(month.to) }, clock, 'day');
const BY_CAMPAIGN_AND_MONTH = { range: month, groupBy: ['CAMPAIGN', 'MONTH'] as CallDimension[] };
const DESTINY_PERCENTILES = {
  query: `query ($range: DateRange!) { callReport(range: $range, groupBy: [DESTINY]) { groups { destiny stats { calls totalCost durationPercentiles { p seconds } durationHistogram { calls totalCost } } } } }`,
  variables: { range: month },
};

describe('day roll-ups in the durable tier', () => {
  let expected: Awaited<ReturnType<TestGraph['execute']>>;
  let expectedDestinies: unknown;
  beforeAll(async () => {
    // The answers from the windows themselves, by a server without a durable tier.
    const plain = await graph({ sim: await simulator() });
    expected = await plain.execute(CallReportDocument, BY_CAMPAIGN_AND_MONTH);
    expectedDestinies = (await plain.post(DESTINY_PERCENTILES)).json.data;
    expect(expected.errors).toBeUndefined();
  });

  it('answer a settled month after a restart from its day roll-ups: no leg read, no request', async () => {
    const sim = await simulator();
    const dir = dataDir();
    const first = await graph({ sim, dataDir: dir });
    expect(await first.execute(CallReportDocument, BY_CAMPAIGN_AND_MONTH)).toEqual(expected);
    await stop(first);
    const requests = sim.counters.requests;

    const second = await graph({ sim, dataDir: dir });
    expect(await second.execute(CallReportDocument, BY_CAMPAIGN_AND_MONTH)).toEqual(expected);
    expect(sim.counters.requests).toBe(requests);
    expect(tiers(second).rollupHits).toBe(days.length);
    // Not one window (nor its legs) came into memory: the days answered.
    expect(second.engine.store.size).toBe(0);
    expect(tiers(second).hits.durable).toBe(0);
    expect(second.engine.store.rollupCount).toBe(days.length);
  });

  it('attach their windows to derive what they do not hold yet (profiles by destination), and keep it for the next restart', async () => {
    const sim = await simulator();
    const dir = dataDir();
    const first = await graph({ sim, dataDir: dir });
    await first.execute(CallReportDocument, BY_CAMPAIGN_AND_MONTH);
    await stop(first);

    const second = await graph({ sim, dataDir: dir });
    expect((await second.post(DESTINY_PERCENTILES)).json.data).toEqual(expectedDestinies);
    // The days' windows were read back from disk to derive the destinations' totals and profiles.
    expect(tiers(second).hits.durable).toBe(days.length * 24);
    await stop(second);

    const third = await graph({ sim, dataDir: dir });
    expect((await third.post(DESTINY_PERCENTILES)).json.data).toEqual(expectedDestinies);
    expect(third.engine.store.size).toBe(0);
    expect(tiers(third).rollupHits).toBe(days.length);
  });

  it('are never served when a byte is flipped or their format is another: the day is made again from its windows', async () => {
    const sim = await simulator();
    const dir = dataDir();
    const first = await graph({ sim, dataDir: dir });
    await first.execute(CallReportDocument, BY_CAMPAIGN_AND_MONTH);
    const namespace = first.durable!.namespace;
    await stop(first);

    const archive = LmdbWindowArchive.open(dir);
    const [flippedDay, olderDay] = [days[3]!, days[17]!];
    const flipped = Uint8Array.from(archive.read(rollupKey(namespace, flippedDay))!);
    flipped[flipped.length - 3]! ^= 0x01;
    archive.write(rollupKey(namespace, flippedDay), () => flipped);
    const older = Uint8Array.from(archive.read(rollupKey(namespace, olderDay))!);
    new DataView(older.buffer).setUint16(4, ROLLUP_FORMAT_VERSION - 1, true);
    archive.write(rollupKey(namespace, olderDay), () => older);
    await archive.close();

    const requests = sim.counters.requests;
    const second = await graph({ sim, dataDir: dir });
    expect(await second.execute(CallReportDocument, BY_CAMPAIGN_AND_MONTH)).toEqual(expected);
    expect(tiers(second).droppedRollups).toMatchObject({ checksum: 1, version: 1 });
    const metrics = await second.service.metrics.registry.metrics();
    expect(metrics).toContain('day_rollups_dropped_total{reason="checksum"} 1');
    expect(metrics).toMatch(/day_rollup_tier_hits_total\{tier="disk"\} 26\b/);
    // The two days' windows, from disk: no request to wolkvox.
    expect(tiers(second).hits.durable).toBe(48);
    expect(sim.counters.requests).toBe(requests);
    await stop(second);

    const reopened = LmdbWindowArchive.open(dir);
    for (const day of [flippedDay, olderDay]) expect(decodeRollupFor(day, reopened.read(rollupKey(namespace, day))!, () => undefined).summary.total.calls).toBeGreaterThan(0);
    await reopened.close();
  });

  it('read a damaged profile table never: its check fails when a report first asks for it, the legs answer, and the day is made again', async () => {
    const sim = await simulator();
    const dir = dataDir();
    const first = await graph({ sim, dataDir: dir });
    expect((await first.post(DESTINY_PERCENTILES)).json.data).toEqual(expectedDestinies);
    const namespace = first.durable!.namespace;
    await stop(first);

    const archive = LmdbWindowArchive.open(dir);
    const day = days[9]!;
    const damaged = Uint8Array.from(archive.read(rollupKey(namespace, day))!);
    // The last bytes are the destinations' profiles, which the header's checksum does not cover.
    damaged[damaged.length - 5]! ^= 0x10;
    archive.write(rollupKey(namespace, day), () => damaged);
    await archive.close();

    const second = await graph({ sim, dataDir: dir });
    expect(await second.execute(CallReportDocument, BY_CAMPAIGN_AND_MONTH)).toEqual(expected);
    expect(tiers(second).droppedRollups.checksum).toBe(0);
    expect((await second.post(DESTINY_PERCENTILES)).json.data).toEqual(expectedDestinies);
    expect(tiers(second).droppedRollups.checksum).toBe(1);
    await stop(second);
    // Made again from its windows and stored whole, without the table that was damaged.
    const reopened = LmdbWindowArchive.open(dir);
    const again = decodeRollupFor(day, reopened.read(rollupKey(namespace, day))!, () => undefined);
    expect(again.summary.holdsDerived('durations', ['DESTINY'])).toBe(false);
    expect(again.summary.total.calls).toBeGreaterThan(0);
    await reopened.close();
  });

  it('do not exist for a day that has not settled: its windows answer', async () => {
    const sim = await simulator();
    const dir = dataDir();
    const now = () => at('2025-02-28T23:30:00-05:00');
    const first = await graph({ sim, dataDir: dir, now });
    const lastDay = { from: '2025-02-28T00:00:00-05:00', to: '2025-03-01T00:00:00-05:00' };
    await first.execute(CallReportDocument, { range: lastDay, groupBy: ['CAMPAIGN'] });
    await first.durable!.archive.flushed();
    expect(first.durable!.archive.read(rollupKey(first.durable!.namespace, { from: at(lastDay.from), to: at(lastDay.to) }))).toBeUndefined();
  });
});

describe('a year of day roll-ups (at the feed: MAX_RANGE_DAYS is the history mirror\'s)', () => {
  it('gives a year by campaign and month equal to the oracle over its legs, made from windows and again read back after a restart', async () => {
    const sim = await simulator({ dataset: { callsPerDay: 60, seed: 9 } });
    const dir = dataDir();
    // The twelve months before the feed's present (2025-12-01).
    const year = { from: at('2024-11-01T00:00:00-05:00'), to: at('2025-11-01T00:00:00-05:00') };
    const query = { range: year, filter: {}, dimensions: ['CAMPAIGN', 'MONTH'] as CallDimension[] };
    const expected = oracleReport(sim.dataset.callsBetween(year), {}, query.dimensions, 'America/Bogota');
    const asOracle = (report: Awaited<ReturnType<typeof buildReportYielding>>) =>
      new Map(report.groups.map((group) => [productKeyText(group.key, query.dimensions, 'America/Bogota'), { calls: group.stats.calls, cost: group.stats.totalCost, seconds: group.stats.totalDurationSeconds }]));
    const oracle = new Map([...expected].map(([key, group]) => [key, { calls: group.calls, cost: exactSum(group.costs), seconds: group.seconds }]));

    const first = durableFeeds(sim, clock, dir);
    const made = await buildReportYielding((await first.feed().summariesIn(year)).units, query, clock);
    expect(asOracle(made)).toEqual(oracle);
    await first.close();

    const requests = sim.counters.requests;
    const second = durableFeeds(sim, clock, dir);
    const { units } = await second.feed().summariesIn(year);
    expect(units.filter((unit) => unit.parts === null)).toHaveLength(365);
    expect(asOracle(await buildReportYielding(units, query, clock))).toEqual(oracle);
    expect(second.engine.store.size).toBe(0);
    expect(sim.counters.requests).toBe(requests);
    await second.close();
  }, 120_000);
});

describeWithRedis('day roll-ups shared through Redis', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });

  it('let a second replica answer a month from the roll-ups the first made, reading no window', async () => {
    const sim = await simulator();
    const a = await graph({ sim, dataDir: dataDir(), redisUrl: redis.url });
    const b = await graph({ sim, dataDir: dataDir(), redisUrl: redis.url });
    const fromA = await a.execute(CallReportDocument, BY_CAMPAIGN_AND_MONTH);
    await a.replicas!.rollups.flushed();
    const requests = sim.counters.requests;
    expect(await b.execute(CallReportDocument, BY_CAMPAIGN_AND_MONTH)).toEqual(fromA);
    expect(sim.counters.requests).toBe(requests);
    expect(b.replicas!.rollups.stats.hits).toBe(days.length);
    expect(b.engine.store.size).toBe(0);
  });
});
