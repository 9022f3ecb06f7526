import { createServer } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
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

const TOKEN = 'load-bench-token';
const ZONE = 'America/Bogota';
const CONNECTIONS = 100;
const REQUESTS = 3_000;
const day = (date: string) => `{from: "${date}T00:00:00-05:00", to: "${date}T23:00:00-05:00"}`;
const month = '{from: "2025-02-01T00:00:00-05:00", to: "2025-03-01T00:00:00-05:00"}';

/** Issue #14's mixed warm load: dashboards, month reports that merge summaries (two dimensions, and duration profiles among them), pages and lookups. */
const MIXED = [
  `{ callReport(range: ${day('2025-03-04')}, groupBy: [CAMPAIGN, HOUR]) { total { calls totalCost } groups { period campaign { id } stats { calls } } } }`,
  `{ calls(range: ${day('2025-03-05')}, first: 50) { totalCount edges { node { id cost agent { name } } } } }`,
  `{ agents(range: ${day('2025-03-06')}) { id name stats(range: ${day('2025-03-06')}) { calls totalCost } } }`,
  `{ callReport(range: ${month}, groupBy: [AGENT, TYPE]) { groups { agent { id } type stats { calls totalCost } } } }`,
  `{ callReport(range: ${month}, groupBy: [DESTINY]) { groups { destiny stats { calls durationPercentiles(p: [50, 90]) { p seconds } } } } }`,
  `{ agent(id: "1001") { name } }`,
];

/**
 * A slow report slows only itself: 100 connections send a mixed set of warm queries (month reports
 * among them), and then the same number of `{ __typename }`, against the same server; the p99 of
 * the first is compared with the p99 of the second (issue #14: within 10×).
 */
export async function loadBench(): Promise<BenchRow[]> {
  const simulator = await startSimulatorProcess({ token: TOKEN, callsPerDay: 2_000, timeZone: ZONE });
  const clock = new ZoneClock(ZONE);
  const client = new WolkvoxClient({ origin: simulator.url, token: new Secret(TOKEN), clock });
  const engine = new WindowEngine({ source: client, store: new WindowStore(2_000_000), freshness: new FreshnessPolicy({ refreshMs: 300_000, settleMs: 7_200_000 }), maxRequestSpanMs: 31 * 86_400_000, clock });
  const server = createGraphServer({ feed: sharedFeed(engine, clock, 'hour'), logger: createLogger('silent'), now: () => Date.parse('2025-03-10T12:00:00-05:00') });
  const http = createServer(server.handle).listen(0, '127.0.0.1');
  await once(http, 'listening');
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
  const run = (queries: readonly string[]) =>
    autocannon({
      url,
      connections: CONNECTIONS,
      amount: REQUESTS,
      timeout: 60,
      requests: queries.map((query) => ({ method: 'POST' as const, path: '/graphql', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })),
    });
  try {
    // Warm: every window of the mixed set is fetched and cached once before the load.
    for (const query of MIXED) await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    const mixed = await run(MIXED);
    console.log(`[load] mixed: p50 ${mixed.latency.p50} ms, p99 ${mixed.latency.p99} ms, ${Math.round(mixed.requests.average)} req/s, ${mixed.non2xx} non-2xx`);
    const trivial = await run(['{ __typename }']);
    console.log(`[load] __typename: p50 ${trivial.latency.p50} ms, p99 ${trivial.latency.p99} ms, ${Math.round(trivial.requests.average)} req/s`);
    const scenario = `${REQUESTS} requests from ${CONNECTIONS} connections, warm`;
    return [
      { scenario, measure: 'mixed queries: p50, p99, req/s', value: `${mixed.latency.p50} ms, ${mixed.latency.p99} ms, ${Math.round(mixed.requests.average)}` },
      { scenario, measure: '{ __typename }: p50, p99, req/s', value: `${trivial.latency.p50} ms, ${trivial.latency.p99} ms, ${Math.round(trivial.requests.average)}` },
      { scenario, measure: 'p99 mixed / p99 __typename', value: `${(mixed.latency.p99 / Math.max(1, trivial.latency.p99)).toFixed(1)}×`, target: '≤ 10×' },
    ];
  } finally {
    http.close();
    await client.close();
    simulator.stop();
  }
}
