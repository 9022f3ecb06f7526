import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { print } from 'graphql';
import { request } from 'undici';
import { CostPerCampaignAndDayDocument } from '../operations/generated/graphql.js';
import { ZoneClock } from '../src/domain/time/zone-clock.js';
import { sharedFeed } from '../src/feed/call-feed.js';
import { FreshnessPolicy } from '../src/feed/freshness.js';
import { WindowEngine, type CallSource } from '../src/feed/window-engine.js';
import { windowsCovering } from '../src/feed/windows.js';
import { createLogger } from '../src/logger.js';
import { Secret } from '../src/secret.js';
import { createGraphServer } from '../src/server.js';
import { archiveKey, archiveNamespace } from '../src/store/archive-keys.js';
import { LmdbWindowArchive } from '../src/store/lmdb-archive.js';
import { TieredWindowStore } from '../src/store/tiered-window-store.js';
import { WolkvoxClient } from '../src/upstream/wolkvox-client.js';
import { collectGarbage, medianMs, type BenchRow } from './measure.js';
import { LEGS_PER_DAY, TOKEN, ZONE } from './reports.js';
import { startSimulatorProcess } from './simulator-process.js';

const LATENCY_MS = 200;
const RANGE = { from: '2025-03-01T00:00:00-05:00', to: '2025-03-31T00:00:00-05:00' };
const REPORT = JSON.stringify({ query: print(CostPerCampaignAndDayDocument), variables: { range: RANGE } });
const RESTARTS = 5;

/**
 * Where a 30-day report is served from after a restart: the same report (30 days × 20,000 legs) from
 * wolkvox (the simulator in its own process, answering after 200 ms), from memory, and from the LMDB
 * tier by a server that has just started over the same DATA_DIR (memory empty), side by side; and what
 * the disk tier takes per leg.
 */
export async function durableBench(): Promise<BenchRow[]> {
  const simulator = await startSimulatorProcess({ token: TOKEN, callsPerDay: LEGS_PER_DAY, timeZone: ZONE, latencyMs: LATENCY_MS });
  const dataDir = mkdtempSync(join(tmpdir(), 'cdr-bench-'));
  const clock = new ZoneClock(ZONE);
  const client = new WolkvoxClient({ origin: simulator.url, token: new Secret(TOKEN), clock });
  const namespace = archiveNamespace({ mode: 'live', origin: simulator.url, token: new Secret(TOKEN) }, ZONE);
  try {
    const first = await startServer(client, dataDir, namespace);
    const wolkvox = await timed(() => first.post());
    const memory = await medianMs(() => first.post(), 21, 3, false);
    const legs = wolkvox.calls;
    const requests = first.engine.stats.upstreamRequests;
    await first.stop();

    const fromDisk: number[] = [];
    let diskRequests = 0;
    for (let i = 0; i < RESTARTS; i += 1) {
      collectGarbage();
      const restarted = await startServer(client, dataDir, namespace);
      fromDisk.push((await timed(() => restarted.post())).ms);
      diskRequests += restarted.engine.stats.upstreamRequests;
      await restarted.stop();
    }

    const archive = LmdbWindowArchive.open(dataDir);
    const windows = windowsCovering({ from: Date.parse(RANGE.from), to: Date.parse(RANGE.to) }, clock, 'hour');
    const stored = windows.reduce((sum, window) => sum + (archive.read(archiveKey(namespace, window))?.length ?? 0), 0);
    const onDisk = archive.bytes();
    await archive.close();

    const scenario = `30-day report, ${legs.toLocaleString('en-US')} legs, wolkvox at ${LATENCY_MS} ms`;
    return [
      { scenario, measure: 'from wolkvox (cold): requests, time', value: `${requests}, ${wolkvox.ms.toFixed(0)} ms` },
      { scenario, measure: 'from memory (warm), median', value: `${memory.toFixed(1)} ms` },
      { scenario, measure: `from disk after a restart, median of ${RESTARTS}: requests, time`, value: `${diskRequests}, ${median(fromDisk).toFixed(0)} ms`, target: '0 requests' },
      { scenario, measure: 'disk tier: stored bytes per leg (values / LMDB pages)', value: `${(stored / legs).toFixed(0)} / ${(onDisk / legs).toFixed(0)} bytes` },
    ];
  } finally {
    await client.close();
    simulator.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A server as main.ts composes it (memory tier over an LMDB tier), with memory empty. */
async function startServer(source: CallSource, dataDir: string, namespace: string) {
  const archive = LmdbWindowArchive.open(dataDir);
  const engine = new WindowEngine({
    source,
    store: new TieredWindowStore(2_000_000, { archive, namespace }),
    freshness: new FreshnessPolicy({ refreshMs: 300_000, settleMs: 7_200_000 }),
    maxRequestSpanMs: 7 * 86_400_000,
  });
  const server = createGraphServer({ feed: sharedFeed(engine, new ZoneClock(ZONE), 'hour'), logger: createLogger('silent') });
  const http = createServer(server.handle).listen(0, '127.0.0.1');
  await once(http, 'listening');
  const endpoint = `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
  return {
    engine,
    post: async () => {
      const response = await request(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: REPORT });
      const json = (await response.body.json()) as { data?: { callReport?: { total: { calls: number } } }; errors?: unknown };
      if (json.errors) throw new Error(`bench query failed: ${JSON.stringify(json.errors)}`);
      return json.data!.callReport!.total.calls;
    },
    stop: async () => {
      http.close();
      await archive.close();
    },
  };
}

async function timed(task: () => Promise<number>): Promise<{ ms: number; calls: number }> {
  const started = performance.now();
  const calls = await task();
  return { ms: performance.now() - started, calls };
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
