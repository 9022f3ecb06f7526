import { createServer } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { request } from 'undici';
import { LIMIT_DEFAULTS, PROTECTION_DEFAULTS } from '../src/defaults.js';
import { ZoneClock } from '../src/domain/time/zone-clock.js';
import { sharedFeed } from '../src/feed/call-feed.js';
import { FreshnessPolicy } from '../src/feed/freshness.js';
import { WindowEngine } from '../src/feed/window-engine.js';
import { WindowStore } from '../src/feed/window-store.js';
import { createLogger } from '../src/logger.js';
import { Secret } from '../src/secret.js';
import { createGraphServer } from '../src/server.js';
import { WolkvoxClient } from '../src/upstream/wolkvox-client.js';
import type { BenchRow } from './measure.js';
import { startSimulatorProcess } from './simulator-process.js';

const TOKEN = 'bounds-bench-token';
const ZONE = 'America/Bogota';
/** The simulator's default volume, as issue #19 measured it. */
const CALLS_PER_DAY = 2_000;
const QUARTER = '{from: "2024-12-01T00:00:00-05:00", to: "2025-03-02T00:00:00-05:00"}';
const COPIES = 20;
/** Long enough for a few thousand requests, short enough that every copy is still running at its end. */
const TRIVIAL_SECONDS = 10;

const FORTNIGHT = '{from: "2025-02-15T00:00:00-05:00", to: "2025-03-01T00:00:00-05:00"}';
/**
 * A heavy report the limits let through: two weeks that summaries cannot answer (`not`), so every leg is
 * scanned twice (totals, then the legs for distinct customers and percentiles), by agent and day: some
 * 570 groups. Twenty at once share the event loop, so each takes about twenty times as long as alone,
 * which on a loaded machine nears MAX_OPERATION_SECONDS for a month's.
 */
const LEGAL_HEAVY = `{ callReport(range: ${FORTNIGHT}, filter: {not: {types: [INTERNAL]}}, groupBy: [AGENT, DAY]) {
  groups { agent { id } period stats { calls totalCost distinctCustomers durationPercentiles(p: [50, 90]) { p seconds } } } } }`;

/** Issue #19's: twenty aliases of a 91-day AGENT × HOUR report with every figure (35.7 s and a 452 MB answer before). */
const FIGURES = `fragment Every on CallStats { calls totalCost averageCost totalDurationSeconds averageDurationSeconds maxDurationSeconds totalBilledMinutes
  callsByType { type calls } callsByHangUp { hangUp calls } actualMinutes roundingOverheadMinutes costPerBilledMinute uncodedCalls uncodedRate
  agentHungUpCalls agentHungUpRate durationPercentiles(p: $p) { p seconds } durationHistogram(bounds: $bounds) { fromSeconds toSeconds calls totalCost }
  shortCalls(under: 10) distinctCalls transferredCalls legsPerCall distinctCustomers callsPerCustomer repeatCallers }`;
const ISSUE_HEAVY = {
  query: `query ($p: [Float!]!, $bounds: [Int!]!) { ${Array.from({ length: 20 }, (_, i) => `r${i}: callReport(range: ${QUARTER}, groupBy: [AGENT, HOUR]) { total { ...Every } groups { agent { id name } period stats { ...Every } } }`).join(' ')} } ${FIGURES}`,
  variables: { p: Array.from({ length: 20 }, (_, i) => (i + 1) * 5), bounds: Array.from({ length: 50 }, (_, i) => (i + 1) * 10) },
};

/**
 * Issue #19's done-when, in simulator mode (2,000 calls a day): its heavy document is refused before any
 * work, and twenty copies of a legal heavy report running at once leave `{ __typename }` its p99 under
 * 250 ms (reports hand the event loop back every few milliseconds).
 */
export async function boundsBench(): Promise<BenchRow[]> {
  const simulator = await startSimulatorProcess({ token: TOKEN, callsPerDay: CALLS_PER_DAY, timeZone: ZONE });
  const clock = new ZoneClock(ZONE);
  const client = new WolkvoxClient({ origin: simulator.url, token: new Secret(TOKEN), clock });
  const engine = new WindowEngine({ source: client, store: new WindowStore(2_000_000), freshness: new FreshnessPolicy({ refreshMs: 300_000, settleMs: 7_200_000 }), maxRequestSpanMs: 31 * 86_400_000, clock });
  const server = createGraphServer({
    feed: sharedFeed(engine, clock, 'hour', PROTECTION_DEFAULTS.maxRequestsPerOperation),
    logger: createLogger('silent'),
    now: () => Date.parse('2025-03-10T12:00:00-05:00'),
    limits: LIMIT_DEFAULTS,
  });
  const http = createServer(server.handle).listen(0, '127.0.0.1');
  await once(http, 'listening');
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
  const post = async (body: unknown) => {
    const started = performance.now();
    const response = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = (await response.body.json()) as { errors?: { extensions?: { code?: string; limit?: string } }[] };
    return { ms: performance.now() - started, json };
  };
  try {
    // The quarter's windows (the month's among them), fetched once: what follows measures computing.
    const warm = await post({ query: `{ callReport(range: ${QUARTER}) { total { calls } } }` });
    console.error(`[bounds] the quarter's windows loaded in ${(warm.ms / 1000).toFixed(1)} s`);
    const refused = await post(ISSUE_HEAVY);
    const refusal = refused.json.errors?.[0]?.extensions;
    const alone = await post({ query: LEGAL_HEAVY });
    if (alone.json.errors) throw new Error(`the legal heavy report failed: ${JSON.stringify(alone.json.errors)}`);
    console.error(`[bounds] issue #19's document: ${refusal?.code ?? 'answered'} in ${refused.ms.toFixed(0)} ms; the legal heavy report alone: ${alone.ms.toFixed(0)} ms`);

    // Twenty copies at once, and `{ __typename }` from ten connections while they run.
    const started = performance.now();
    const loopDelay = monitorEventLoopDelay({ resolution: 5 });
    loopDelay.enable();
    const pauses: number[] = [];
    const gc = new PerformanceObserver((list) => pauses.push(...list.getEntries().map((entry) => entry.duration)));
    gc.observe({ entryTypes: ['gc'] });
    let answered = 0;
    const failures = new Set<string>();
    const copies = Array.from({ length: COPIES }, async () => {
      const { ms, json } = await post({ query: LEGAL_HEAVY });
      answered += 1;
      for (const error of json.errors ?? []) failures.add(error.extensions?.code ?? 'unknown');
      return ms;
    });
    const trivial = await autocannon({
      url,
      connections: 10,
      duration: TRIVIAL_SECONDS,
      timeout: 60,
      requests: [{ method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) }],
    });
    const stillRunning = COPIES - answered;
    loopDelay.disable();
    gc.disconnect();
    const longestPause = Math.max(0, ...pauses);
    const reportTimes = (await Promise.all(copies)).sort((a, b) => a - b);
    const all = performance.now() - started;
    const median = reportTimes[Math.floor(reportTimes.length / 2)]!;
    console.error(`[bounds] event-loop delay p99 ${(loopDelay.percentile(99) / 1e6).toFixed(0)} ms, max ${(loopDelay.max / 1e6).toFixed(0)} ms; longest GC pause ${longestPause.toFixed(0)} ms`);
    console.error(`[bounds] __typename under ${COPIES} heavy reports (${stillRunning} still running when it ended): p50 ${trivial.latency.p50} ms, p99 ${trivial.latency.p99} ms; reports: median ${median.toFixed(0)} ms, all in ${(all / 1000).toFixed(1)} s`);
    const scenario = `${CALLS_PER_DAY.toLocaleString('en-US')} calls a day, warm`;
    return [
      { scenario, measure: "issue #19's 20 × 91-day AGENT×HOUR with every figure: answer, time", value: `${refusal?.code ?? 'answered'} (${refusal?.limit ?? '—'}), ${refused.ms.toFixed(0)} ms`, target: 'refused up front' },
      { scenario, measure: 'legal heavy report (two weeks scanned, by agent and day, distinct customers, percentiles) alone', value: `${alone.ms.toFixed(0)} ms` },
      { scenario, measure: `${COPIES} copies at once: each (median), all`, value: `${(median / 1000).toFixed(1)} s, ${(all / 1000).toFixed(1)} s${failures.size > 0 ? `; errors: ${[...failures].join(', ')}` : ''}`, target: 'no error' },
      { scenario, measure: 'event-loop delay meanwhile: p99, max; longest GC pause', value: `${(loopDelay.percentile(99) / 1e6).toFixed(0)} ms, ${(loopDelay.max / 1e6).toFixed(0)} ms; ${longestPause.toFixed(0)} ms` },
      { scenario, measure: `{ __typename } for ${TRIVIAL_SECONDS} s meanwhile (${stillRunning} copies still running at its end): p50, p99`, value: `${trivial.latency.p50} ms, ${trivial.latency.p99} ms`, target: 'p99 ≤ 250 ms' },
    ];
  } finally {
    http.closeAllConnections();
    http.close();
    await client.close();
    simulator.stop();
  }
}
