import type { Registry } from 'prom-client';
import { scrapedMetric } from '../prometheus.js';
import type { WindowEngine } from './window-engine.js';

/** The window engine and its cache: what they hold and what they asked wolkvox for, read when Prometheus scrapes. */
export function watchEngine(registry: Registry, engine: WindowEngine): void {
  const stat = (name: string, help: string, read: () => number) => scrapedMetric(registry, name, help, read);
  stat('cache_hits_total', 'Windows served from the cache.', () => engine.stats.cacheHits);
  stat('cache_misses_total', 'Windows that had to be fetched.', () => engine.stats.cacheMisses);
  stat('cache_windows', 'Windows held in the cache.', () => engine.store.size);
  stat('cache_rows', 'Call legs held in the cache.', () => engine.store.rows);
  stat('cache_bytes', 'Estimated heap held by the cache: windows, their summaries and day roll-ups.', () => engine.store.bytes);
  stat('cache_max_bytes', 'The cache\'s heap budget (WOLKVOX_CACHE_MAX_BYTES).', () => engine.store.maxBytes);
  stat('cache_evictions_total', 'Windows evicted to stay within the budget (rows and heap).', () => engine.store.evictions);
  stat('engine_upstream_requests_total', 'Requests the window engine sent to wolkvox (at least one HTTP attempt went out).', () => engine.stats.upstreamRequests);
  stat('engine_upstream_refused_total', 'Requests the window engine asked for and this side refused before sending: daily budget spent, circuit open, token gate or Redis unavailable.', () => engine.stats.refusedRequests);
  stat('engine_rows_fetched_total', 'Rows fetched from wolkvox.', () => engine.stats.rowsFetched);
  stat('engine_stale_served_total', 'Windows served out of date because wolkvox could not be asked.', () => engine.stats.staleServed);
  stat('engine_refreshes_total', 'Windows fetched again because their copy went stale.', () => engine.stats.refreshes);
}
