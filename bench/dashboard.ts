import { performance } from 'node:perf_hooks';
import { print } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { OverviewDocument } from '../operations/generated/graphql.js';
import { rangeDirectory } from '../src/domain/summary/range-directory.js';
import { WindowSummary } from '../src/domain/summary/window-summary.js';
import { unitOf } from '../src/domain/summary/window-view.js';
import { ZoneClock } from '../src/domain/time/zone-clock.js';
import { WindowEngine } from '../src/feed/window-engine.js';
import { NO_HISTORY } from '../src/feed/history.js';
import { sharedFeed, type RangeFeed } from '../src/feed/call-feed.js';
import { ChangeEvents } from '../src/feed/change-events.js';
import { FreshnessPolicy } from '../src/feed/freshness.js';
import { WindowStore } from '../src/feed/window-store.js';
import type { GraphContext } from '../src/schema/core/context.js';
import { OperationWork } from '../src/schema/core/operation-work.js';
import { createLiveSource } from '../src/schema/live/live-source.js';
import { schema } from '../src/schema/index.js';
import { OperationRangeDays } from '../src/schema/inputs/range-limits.js';
import { Secret } from '../src/secret.js';
import { createGraphServer } from '../src/server.js';
import { createLogger } from '../src/logger.js';
import { LIMIT_DEFAULTS } from '../src/defaults.js';
import { WolkvoxClient } from '../src/upstream/wolkvox-client.js';
import { startSimulator } from '../simulator/server.js';
import type { BenchRow } from './measure.js';

const TOKEN = 'bench-token';
const ZONE = 'America/Bogota';
const RANGE = { from: '2025-03-04T00:00:00-05:00', to: '2025-03-07T00:00:00-05:00' };
const NOW = Date.parse('2025-03-10T12:00:00-05:00');

/**
 * The three-day dashboard (agents, campaigns and skills with stats, a report, a page of calls) on a
 * simulator answering in 200 ms: the window engine against a naive strategy where every field fetches
 * its own range. Same server code, same client, same simulator; only the feed differs.
 */
export async function dashboardBench(): Promise<BenchRow[]> {
  const sim = await startSimulator({ tokens: [TOKEN], dataset: { seed: 3, callsPerDay: 2_000, timeZone: ZONE }, faults: { latencyMs: 200 } });
  const clock = new ZoneClock(ZONE);
  const client = new WolkvoxClient({ origin: sim.url, token: new Secret(TOKEN), clock });
  const body = JSON.stringify({ query: print(OverviewDocument), variables: { range: RANGE } });
  const run = async (fetchFn: (request: Request) => Promise<Response> | Response) => {
    const before = sim.counters.requests;
    const started = performance.now();
    const response = await fetchFn(new Request('http://bench/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body }));
    const result = (await response.json()) as { errors?: unknown };
    if (result.errors) throw new Error(`dashboard failed: ${JSON.stringify(result.errors)}`);
    return { ms: performance.now() - started, requests: sim.counters.requests - before };
  };

  const engine = new WindowEngine({
    source: client,
    store: new WindowStore(1_000_000),
    freshness: new FreshnessPolicy({ refreshMs: 300_000, settleMs: 7_200_000 }),
    maxRequestSpanMs: 7 * 86_400_000,
    now: () => NOW,
  });
  const shared = sharedFeed(engine, clock, 'hour');
  const engineServer = createGraphServer({ feed: shared, logger: createLogger('silent'), now: () => NOW });
  // Subscriptions are not measured here: the naive server's live source is the engine's, unused.
  const live = createLiveSource({ feed: shared, changes: new ChangeEvents(), limits: LIMIT_DEFAULTS, maxSubscriptions: 0, maxSubscriptionsPerPrincipal: 0 });
  const naiveYoga = createYoga<Record<string, never>, GraphContext>({
    schema,
    context: () => ({
      viewer: { name: 'bench', pii: true },
      feed: naiveFeed(client),
      clock,
      now: NOW,
      history: NO_HISTORY,
      limits: LIMIT_DEFAULTS,
      ranges: new OperationRangeDays(LIMIT_DEFAULTS.rangeDays, LIMIT_DEFAULTS.longestRangeDays),
      live: { ...live, feed: () => naiveFeed(client) },
      work: new OperationWork(LIMIT_DEFAULTS),
    }),
    logging: false,
  });

  const naive = await run((request) => naiveYoga.fetch(request));
  const cold = await run((request) => engineServer.yoga.fetch(request));
  const warm = await run((request) => engineServer.yoga.fetch(request));
  await Promise.all([client.close(), sim.close()]);

  const scenario = 'dashboard, 3 days, 200 ms upstream';
  const ratio = (a: number, b: number) => (b === 0 ? '∞' : `${(a / b).toFixed(1)}×`);
  return [
    { scenario, measure: 'naive: upstream requests, wall time', value: `${naive.requests}, ${naive.ms.toFixed(0)} ms` },
    { scenario, measure: 'window engine cold: requests, wall time', value: `${cold.requests}, ${cold.ms.toFixed(0)} ms`, target: '≤ 3 requests' },
    { scenario, measure: 'window engine warm: requests, wall time', value: `${warm.requests}, ${warm.ms.toFixed(1)} ms`, target: '0 requests' },
    { scenario, measure: 'naive / engine cold', value: `${ratio(naive.requests, cold.requests)} requests, ${ratio(naive.ms, cold.ms)} time` },
    { scenario, measure: 'naive / engine warm (time)', value: ratio(naive.ms, warm.ms) },
  ];
}

/** Every field fetches its own range, straight from wolkvox: what the window engine replaces. */
function naiveFeed(client: WolkvoxClient): RangeFeed {
  const feed: RangeFeed = {
    summariesIn: (range) => feed.callsIn(range),
    callsIn: async (range) => {
      const answer = await client.fetchCalls(range);
      const columns = answer.calls;
      const view = { window: range, columns, summary: WindowSummary.of(columns) };
      const units = [unitOf(view)];
      // Fetched just now, whole: as fresh as an answer can be.
      const freshness = { asOf: Date.now(), complete: true, open: [], stale: [], missing: [] };
      return { range, views: [view], units, unreadable: [], directory: () => rangeDirectory(units, range), freshness, scope: {}, finalUntil: -Infinity };
    },
  };
  return feed;
}
