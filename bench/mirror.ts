import { rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { print } from 'graphql';
import { CallReportDocument } from '../operations/generated/graphql.js';
import { DurableDailyBudget } from '../src/budget/durable-budget.js';
import { LIMIT_DEFAULTS, MAX_SUBSCRIPTIONS, MAX_SUBSCRIPTIONS_PER_PRINCIPAL, PROTECTION_DEFAULTS, WINDOW_DEFAULTS } from '../src/defaults.js';
import { ZoneClock } from '../src/domain/time/zone-clock.js';
import type { CallSource } from '../src/feed/window-engine.js';
import { windowsCovering } from '../src/feed/windows.js';
import { createLogger } from '../src/logger.js';
import { Secret } from '../src/secret.js';
import { composeService } from '../src/service.js';
import { archiveNamespace, sourceNamespace } from '../src/store/archive-keys.js';
import { LmdbWindowArchive } from '../src/store/lmdb-archive.js';
import { WolkvoxClient } from '../src/upstream/wolkvox-client.js';
import type { BenchRow } from './measure.js';
import { LEGS_PER_DAY, TOKEN, ZONE } from './reports.js';
import { startSimulatorProcess } from './simulator-process.js';

const LATENCY_MS = 200;
const DAYS = 365;
/** "Now": the mirrored year is 2025, every day of it settled. */
const NOW = Date.parse('2026-01-01T12:00:00-05:00');
/** Operations that arrive while the mirror works: cold days outside its year, one every few seconds. */
const PROBE_EVERY_MS = 10_000;

/**
 * A year mirrored at the simulator's speed (issue #21): 365 days × 20,000 legs (7.3 million) backfilled
 * into LMDB from the simulator in its own process, answering after 200 ms, by the history mirror as
 * main.ts wires it: the requests it takes, the time, what one request costs, and what it leaves on
 * disk and in memory. Meanwhile an operation for a cold day outside the year arrives every 10 s: how
 * long its request waited for the token, beside the time of one background answer, shows whether it
 * waited behind more than one (its whole time also counts the reading of answers on the one event loop).
 */
export async function mirrorBench(): Promise<BenchRow[]> {
  const simulator = await startSimulatorProcess({ token: TOKEN, callsPerDay: LEGS_PER_DAY, timeZone: ZONE, latencyMs: LATENCY_MS, logServed: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'cdr-bench-mirror-'));
  const clock = new ZoneClock(ZONE);
  const source = { mode: 'live', origin: simulator.url, token: new Secret(TOKEN) } as const;
  const archive = LmdbWindowArchive.open(dataDir);
  const client = new WolkvoxClient({ origin: simulator.url, token: new Secret(TOKEN), clock });
  /** How long each operation's request waited before it went out: the token gate (and the daily budget). */
  const tokenWaits: number[] = [];
  const share = new DurableDailyBudget(10_000, archive, `${sourceNamespace(source)}/backfill-requests`, clock, () => NOW);
  const service = composeService({
    clock,
    logger: createLogger('silent'),
    now: () => NOW,
    windows: { ...WINDOW_DEFAULTS, cacheMaxRows: null, backgroundRefresh: false },
    security: { apiKeys: [], introspection: true, corsOrigins: [], graphiql: false, maxSubscriptions: MAX_SUBSCRIPTIONS, maxSubscriptionsPerPrincipal: MAX_SUBSCRIPTIONS_PER_PRINCIPAL, trustedDocuments: null, trustedDeveloperKeys: [], gatewayKeys: [], metricsKey: null, metricsPort: null, policy: [], jwt: null },
    limits: LIMIT_DEFAULTS,
    protection: { ...PROTECTION_DEFAULTS, dailyBudget: 0 },
    durable: { archive, namespace: archiveNamespace(source, ZONE) },
    history: { days: DAYS, share },
    connect: () => timingOperations(client, tokenWaits),
  });
  const mirror = service.mirror!;
  try {
    const started = performance.now();
    const backfill = mirror.backfill();
    let done = false;
    void backfill.then(() => void (done = true));
    const probes: { ms: number; calls: number }[] = [];
    for (let day = 1; !done; day += 1) {
      await Promise.race([backfill, new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS))]);
      if (done) break;
      probes.push(await probe((request) => service.graph.yoga.fetch(request), day));
    }
    const ms = performance.now() - started;
    await archive.flushed();
    const { stats } = mirror;
    const legs = DAYS * LEGS_PER_DAY;
    const served = simulator.served.filter((answer) => answer.status === 200);
    const wolkvoxMs = median(served.map((answer) => answer.ms));
    const probeMs = probes.map((one) => one.ms);
    const year = windowsCovering({ from: Date.parse('2025-01-01T00:00:00-05:00'), to: Date.parse('2026-01-01T00:00:00-05:00') }, clock, 'hour');
    const inMemory = year.filter((window) => service.engine.store.peek(window)).length;
    const scenario = `a year mirrored: ${DAYS} days × ${LEGS_PER_DAY.toLocaleString('en-US')} legs, wolkvox at ${LATENCY_MS} ms`;
    return [
      { scenario, measure: 'backfill: requests, time', value: `${stats.requests} requests, ${(ms / 1000).toFixed(0)} s`, target: 'within the daily share (300 by default: a day)' },
      { scenario, measure: 'per request: wolkvox\'s answer (median) / the mirror\'s, stored', value: `${wolkvoxMs.toFixed(0)} / ${(ms / stats.requests).toFixed(0)} ms` },
      { scenario, measure: `operations arriving meanwhile (${probes.length}, a cold day each): wait for the token, median / max`, value: `${median(tokenWaits).toFixed(0)} / ${Math.max(...tokenWaits).toFixed(0)} ms`, target: `≤ one background answer (median ${wolkvoxMs.toFixed(0)} ms)` },
      { scenario, measure: 'the same operations: whole time, median / max', value: `${median(probeMs).toFixed(0)} / ${Math.max(...probeMs).toFixed(0)} ms` },
      { scenario, measure: 'after: the year\'s windows in memory / disk per leg', value: `${inMemory} of ${year.length} / ${(archive.bytes() / legs).toFixed(0)} bytes`, target: '0 in memory' },
    ];
  } finally {
    await mirror.stop();
    await client.close();
    simulator.stop();
    await archive.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A cold one-day report of 2024 (outside the mirrored year), through the graph: its time. */
async function probe(fetch: (request: Request) => Response | Promise<Response>, day: number): Promise<{ ms: number; calls: number }> {
  const date = new Date(Date.UTC(2024, 0, day)).toISOString().slice(0, 10);
  const next = new Date(Date.UTC(2024, 0, day + 1)).toISOString().slice(0, 10);
  const body = JSON.stringify({ query: print(CallReportDocument), variables: { range: { from: `${date}T00:00:00-05:00`, to: `${next}T00:00:00-05:00` } } });
  const started = performance.now();
  const response = await fetch(new Request('http://bench/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body }));
  const json = (await response.json()) as { data?: { callReport?: { total: { calls: number } } }; errors?: unknown };
  if (json.errors) throw new Error(`probe failed: ${JSON.stringify(json.errors)}`);
  return { ms: performance.now() - started, calls: json.data!.callReport!.total.calls };
}

/** The client, timing how long each operation's request waits before its first attempt goes out. */
function timingOperations(client: WolkvoxClient, waits: number[]): CallSource {
  return {
    maxRowsPerResponse: client.maxRowsPerResponse,
    accepting: () => client.accepting(),
    fetchCalls: (range, signal, hooks = {}) => {
      if (hooks.background) return client.fetchCalls(range, signal, hooks);
      const asked = performance.now();
      let first = true;
      const sent = () => {
        if (first) waits.push(performance.now() - asked);
        first = false;
        hooks.sent?.();
      };
      return client.fetchCalls(range, signal, { ...hooks, sent });
    },
  };
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
