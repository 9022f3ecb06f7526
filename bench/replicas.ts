import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { ZoneClock } from '../src/domain/time/zone-clock.js';
import { windowsCovering } from '../src/feed/windows.js';
import { Secret } from '../src/secret.js';
import { archiveKey, archiveNamespace } from '../src/store/archive-keys.js';
import { CdrDataset } from '../simulator/dataset.js';
import { startSimulator, type WolkvoxSimulator } from '../simulator/server.js';
import { freePort, launchRedis, launchServer, type Launched } from '../test/support/processes.js';
import type { BenchRow } from './measure.js';

const TOKEN = 'bench-token';
const ZONE = 'America/Bogota';
const BURST = 102;
const LATENCY_MS = 50;
const DATASET = { seed: 5, callsPerDay: 2_000, timeZone: ZONE };
const DAYS = Array.from({ length: BURST }, (_, i) => new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString().slice(0, 10));
const QUERY = 'query($range: DateRange!) { callReport(range: $range) { total { calls } } }';

/**
 * A burst of 102 concurrent, distinct, cold one-day reports against real server processes on one
 * token: one process alone (embedded store), three replicas each with its own gate (the problem), and
 * three sharing a redis-server; each time against a fresh simulator that refuses a second request in
 * flight (as wolkvox does) and counts it. Also what a leg takes in Redis.
 */
export async function replicasBench(): Promise<BenchRow[]> {
  const redisPort = await freePort();
  const redis = await launchRedis(redisPort);
  const redisUrl = `redis://127.0.0.1:${redisPort}`;
  try {
    const alone = await burst(1, {});
    const unshared = await burst(3, {});
    const shared = await burst(3, { REDIS_URL: redisUrl });
    const stored = await redisBytes(redisUrl, shared.simUrl);
    const scenario = `${BURST} concurrent cold one-day reports, wolkvox at ${LATENCY_MS} ms, 1 in flight`;
    const line = (run: BurstResult) => `${run.requests} requests, ${run.violations} simultaneous, ${run.failed} failed, ${run.ms.toFixed(0)} ms`;
    return [
      { scenario, measure: '1 process (embedded store)', value: line(alone) },
      { scenario, measure: '3 replicas without Redis (each its own gate)', value: line(unshared) },
      { scenario, measure: '3 replicas + Redis', value: line(shared), target: `0 simultaneous, ≤ ${alone.requests} requests` },
      { scenario, measure: 'Redis tier: stored bytes per leg (values / MEMORY USAGE)', value: `${(stored.values / stored.legs).toFixed(0)} / ${(stored.memory / stored.legs).toFixed(0)} bytes` },
    ];
  } finally {
    await redis.kill();
  }
}

interface BurstResult {
  readonly requests: number;
  readonly violations: number;
  readonly failed: number;
  readonly ms: number;
  readonly simUrl: string;
}

async function burst(replicas: number, env: Record<string, string>): Promise<BurstResult> {
  const sim = await startSimulator({ tokens: [TOKEN], dataset: DATASET, faults: { latencyMs: LATENCY_MS } });
  const dirs = Array.from({ length: replicas }, () => mkdtempSync(join(tmpdir(), 'cdr-bench-replica-')));
  const servers: (Launched & { url: string })[] = [];
  try {
    servers.push(...(await Promise.all(dirs.map((dir) => launchServer({ WOLKVOX_TOKEN: TOKEN, WOLKVOX_BASE_URL: sim.url, WOLKVOX_TIMEZONE: ZONE, ALLOW_ANONYMOUS: 'true', DATA_DIR: dir, ...env })))));
    const started = performance.now();
    const answers = await Promise.all(DAYS.map((day, i) => report(servers[i % servers.length]!.url, day)));
    return { ...counts(sim), failed: answers.filter((ok) => !ok).length, ms: performance.now() - started, simUrl: sim.url };
  } finally {
    await Promise.all(servers.map((server) => server.kill()));
    await sim.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

const counts = (sim: WolkvoxSimulator) => ({ requests: sim.counters.requests, violations: sim.counters.concurrentViolations });

async function report(url: string, day: string): Promise<boolean> {
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: QUERY, variables: { range: { from: `${day}T00:00:00-05:00`, to: `${next}T00:00:00-05:00` } } }),
  });
  const body = (await response.json()) as { errors?: unknown };
  return response.status === 200 && !body.errors;
}

/** Bytes the burst's windows take in Redis: their values, and what Redis says it uses for them. */
async function redisBytes(url: string, simUrl: string): Promise<{ values: number; memory: number; legs: number }> {
  const redis = new Redis(url);
  try {
    const clock = new ZoneClock(ZONE);
    const namespace = archiveNamespace({ mode: 'live', origin: simUrl, token: new Secret(TOKEN) }, ZONE);
    const first = Date.parse(`${DAYS[0]}T00:00:00-05:00`);
    const keys = windowsCovering({ from: first, to: first + BURST * 86_400_000 }, clock, 'hour').map((window) => archiveKey(namespace, window));
    const batch = redis.pipeline();
    for (const key of keys) batch.strlen(key).memory('USAGE', key);
    const results = ((await batch.exec()) ?? []).map(([, value]) => Number(value ?? 0));
    const values = results.filter((_, i) => i % 2 === 0).reduce((sum, n) => sum + n, 0);
    const memory = results.filter((_, i) => i % 2 === 1).reduce((sum, n) => sum + n, 0);
    const legs = new CdrDataset(DATASET).callsBetween({ from: first, to: first + BURST * 86_400_000 }).length;
    return { values, memory, legs };
  } finally {
    redis.disconnect();
  }
}
