import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import type { PolicyEntry } from '../src/access/access-policy.js';
import { ZoneClock } from '../src/domain/time/zone-clock.js';
import { sharedFeed, type SharedFeed } from '../src/feed/call-feed.js';
import { FreshnessPolicy } from '../src/feed/freshness.js';
import { WindowEngine } from '../src/feed/window-engine.js';
import { WindowStore } from '../src/feed/window-store.js';
import { createLogger } from '../src/logger.js';
import { Secret } from '../src/secret.js';
import { createGraphServer } from '../src/server.js';
import { WolkvoxClient } from '../src/upstream/wolkvox-client.js';

export interface MemoryGraph {
  readonly clock: ZoneClock;
  readonly shared: SharedFeed;
  /** The graph's /graphql on loopback. */
  readonly endpoint: string;
  /** Closes the listener, its kept-alive connections and the client to the simulator. */
  readonly close: () => Promise<void>;
}

/**
 * The graph the warm benchmarks ask over HTTP: windows of the simulator at `origin` (token `token`) held
 * in memory (2,000,000 legs), hour windows, two-day requests, the server's logs off.
 */
export async function startMemoryGraph(origin: string, token: string, zone: string, access: { apiKeys?: readonly Secret[]; policy?: readonly PolicyEntry[] } = {}): Promise<MemoryGraph> {
  const clock = new ZoneClock(zone);
  const client = new WolkvoxClient({ origin, token: new Secret(token), clock });
  const engine = new WindowEngine({
    source: client,
    store: new WindowStore(2_000_000),
    freshness: new FreshnessPolicy({ refreshMs: 300_000, settleMs: 7_200_000 }),
    maxRequestSpanMs: 2 * 86_400_000,
  });
  const shared = sharedFeed(engine, clock, 'hour');
  const server = createGraphServer({ feed: shared, logger: createLogger('silent'), ...access });
  const http = createServer(server.handle).listen(0, '127.0.0.1');
  await once(http, 'listening');
  return {
    clock,
    shared,
    endpoint: `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`,
    close: async () => {
      http.close();
      // Kept-alive connections would keep this engine and its legs alive through the benchmarks after it.
      http.closeAllConnections();
      await client.close();
    },
  };
}
