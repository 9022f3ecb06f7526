import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { buildReportYielding } from '../src/domain/report/call-report.js';
import { DAY_MS } from '../src/domain/time/time-range.js';
import { ZoneClock } from '../src/domain/time/zone-clock.js';
import { CallFeed, sharedFeed } from '../src/feed/call-feed.js';
import { FreshnessPolicy } from '../src/feed/freshness.js';
import { WindowEngine } from '../src/feed/window-engine.js';
import { windowsCovering } from '../src/feed/windows.js';
import { archiveKey, archiveNamespace, rollupKey } from '../src/store/archive-keys.js';
import { LmdbWindowArchive } from '../src/store/lmdb-archive.js';
import { TieredWindowStore } from '../src/store/tiered-window-store.js';
import { freePort, launchRedis } from '../test/support/processes.js';
import type { BenchRow } from './measure.js';
import { fillYear, NOW, SEED, ZONE } from './year.js';

const DENSITIES = [
  { legsPerDay: 2_000, days: 14 },
  { legsPerDay: 20_000, days: 7 },
  { legsPerDay: 100_000, days: 3 },
] as const;

/**
 * What a mirrored history costs an operator, per leg and per day, at three densities: the stored
 * windows and day roll-ups (every dimension, and the destinations' duration profiles a report asked
 * for) in LMDB, and the same values in a real redis-server (MEMORY USAGE, key overhead included); and
 * a year of it at that density. A week or two of data stands for the year: both grow with legs and days.
 */
export async function historyCostsBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const redisPort = await freePort();
  const redisServer = await launchRedis(redisPort);
  const redis = new Redis(`redis://127.0.0.1:${redisPort}`);
  try {
    for (const { legsPerDay, days } of DENSITIES) {
      const dataDir = mkdtempSync(join(tmpdir(), 'cdr-bench-costs-'));
      try {
        rows.push(...(await density(legsPerDay, days, dataDir, redis)));
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    redis.disconnect();
    await redisServer.kill();
  }
  return rows;
}

async function density(legsPerDay: number, days: number, dataDir: string, redis: Redis): Promise<BenchRow[]> {
  const clock = new ZoneClock(ZONE);
  const namespace = archiveNamespace({ mode: 'simulator', seed: SEED, callsPerDay: legsPerDay, nightShift: false }, ZONE);
  const range = { from: Date.parse('2025-06-02T00:00:00-05:00'), to: Date.parse('2025-06-02T00:00:00-05:00') + days * DAY_MS };
  const fill = await fillYear(legsPerDay, clock, dataDir, namespace, range);

  const archive = LmdbWindowArchive.open(dataDir);
  const engine = new WindowEngine({
    source: { fetchCalls: () => Promise.reject(new Error('held: nothing is asked')) },
    store: new TieredWindowStore(Infinity, { archive, namespace }, undefined, 600_000_000),
    freshness: new FreshnessPolicy({ refreshMs: 300_000, settleMs: 7_200_000 }),
    maxRequestSpanMs: DAY_MS,
    now: () => NOW,
    clock,
  });
  const { units } = await new CallFeed(sharedFeed(engine, clock, 'hour')).summariesIn(range);
  const report = await buildReportYielding(units, { range, filter: {}, dimensions: ['DESTINY'] }, clock);
  await Promise.all(report.groups.map((group) => group.stats.durations()));
  await archive.flushed();

  const dayKeys = windowsCovering(range, clock, 'day').map((day) => rollupKey(namespace, day));
  const windowKeys = windowsCovering(range, clock, 'hour').map((window) => archiveKey(namespace, window));
  const rollupBytes = dayKeys.reduce((sum, key) => sum + (archive.read(key)?.length ?? 0), 0);
  const pages = archive.bytes();
  const batch = redis.pipeline();
  for (const key of [...windowKeys, ...dayKeys]) batch.set(key, Buffer.from(archive.read(key)!));
  await batch.exec();
  const usage = async (keys: readonly string[]) => {
    const sizes = await redis.pipeline(keys.map((key) => ['memory', 'usage', key])).exec();
    return (sizes ?? []).reduce((sum, [, value]) => sum + Number(value ?? 0), 0);
  };
  const [redisWindows, redisRollups] = [await usage(windowKeys), await usage(dayKeys)];
  await redis.flushall();
  await archive.close();

  const perLeg = (bytes: number) => bytes / fill.legs;
  const perDay = (bytes: number) => bytes / days;
  const yearOf = (legBytes: number, dayBytes: number) => (365 * (legsPerDay * legBytes + dayBytes)) / 1e9;
  const scenario = `history at ${legsPerDay.toLocaleString('en-US')} legs/day (${days} days, ${fill.legs.toLocaleString('en-US')} legs)`;
  return [
    { scenario, measure: 'LMDB: window values per leg; file pages per leg (all in)', value: `${perLeg(fill.valueBytes).toFixed(0)} B; ${perLeg(pages).toFixed(0)} B` },
    { scenario, measure: 'day roll-up stored (every dimension + destinations\' profiles)', value: `${(perDay(rollupBytes) / 1000).toFixed(1)} KB a day` },
    { scenario, measure: 'Redis MEMORY USAGE: per leg (windows); per day (roll-up)', value: `${perLeg(redisWindows).toFixed(0)} B; ${(perDay(redisRollups) / 1000).toFixed(1)} KB` },
    { scenario, measure: 'a mirrored year: LMDB file; Redis memory', value: `${yearOf(perLeg(pages), 0).toFixed(2)} GB; ${yearOf(perLeg(redisWindows), perDay(redisRollups)).toFixed(2)} GB` },
  ];
}
