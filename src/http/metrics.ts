import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { HEAP_BYTES_PER_BUDGET_LEG } from '../domain/summary/heap-cost.js';
import type { WindowEngine } from '../feed/window-engine.js';
import type { Replicas } from '../replicas/replicas.js';
import type { TierStats } from '../store/tiered-window-store.js';
import type { DailyBudget } from '../upstream/daily-budget.js';
import type { UpstreamObserver } from '../upstream/wolkvox-client.js';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * The Prometheus metrics of one server, served on `/metrics`. Counters the engine and budget keep
 * themselves are read at scrape time, so they carry no metrics code.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly httpRequests = new Counter({ name: 'http_requests_total', help: 'HTTP requests by route and status.', labelNames: ['route', 'status'], registers: [this.registry] });
  private readonly httpLatency = new Histogram({ name: 'http_request_duration_seconds', help: 'HTTP request latency by route.', labelNames: ['route'], buckets: LATENCY_BUCKETS, registers: [this.registry] });
  private readonly operations = new Counter({ name: 'graphql_operations_total', help: 'GraphQL operations by outcome (ok, error, rejected).', labelNames: ['outcome'], registers: [this.registry] });
  private readonly upstream = new Counter({ name: 'upstream_requests_total', help: 'HTTP attempts to wolkvox by outcome (ok, empty, or the error code).', labelNames: ['outcome'], registers: [this.registry] });
  private readonly upstreamLatency = new Histogram({ name: 'upstream_request_duration_seconds', help: 'Latency of HTTP attempts to wolkvox.', buckets: LATENCY_BUCKETS, registers: [this.registry] });
  private readonly reportSteps = new Counter({
    name: 'report_steps_total',
    help: 'Steps of report work: a window scanned, a summary table derived, a window of a leg scan. It stops rising when an operation is stopped.',
    registers: [this.registry],
  });
  private readonly gateWait = new Histogram({ name: 'token_gate_wait_seconds', help: 'Time a request waited for the wolkvox token.', buckets: LATENCY_BUCKETS, registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** The hooks the wolkvox client reports its attempts through. */
  readonly upstreamObserver: UpstreamObserver = {
    attempt: (outcome, seconds) => {
      this.upstream.inc({ outcome });
      this.upstreamLatency.observe(seconds);
    },
    gateWait: (seconds) => this.gateWait.observe(seconds),
  };

  httpRequest(route: string, status: number, seconds: number): void {
    this.httpRequests.inc({ route, status: String(status) });
    this.httpLatency.observe({ route }, seconds);
  }

  reportStep(): void {
    this.reportSteps.inc();
  }

  operation(outcome: 'ok' | 'error' | 'rejected'): void {
    this.operations.inc({ outcome });
  }

  /** Engine, cache, budget and circuit state, read when Prometheus scrapes. */
  watch(engine: WindowEngine, budget: DailyBudget | null, circuitOpen: () => boolean): void {
    const stat = this.stat.bind(this);
    stat('cache_hits_total', 'Windows served from the cache.', () => engine.stats.cacheHits);
    stat('cache_misses_total', 'Windows that had to be fetched.', () => engine.stats.cacheMisses);
    stat('cache_windows', 'Windows held in the cache.', () => engine.store.size);
    stat('cache_rows', 'Call legs held in the cache.', () => engine.store.rows);
    stat('cache_bytes', 'Estimated heap held by the cache: windows, their summaries and day roll-ups.', () => engine.store.bytes);
    stat('cache_max_bytes', `The cache's heap budget: WOLKVOX_CACHE_MAX_ROWS × ${HEAP_BYTES_PER_BUDGET_LEG} bytes.`, () => engine.store.maxBytes);
    stat('cache_evictions_total', 'Windows evicted to stay within the budget (rows and heap).', () => engine.store.evictions);
    stat('engine_upstream_requests_total', 'Requests the window engine sent.', () => engine.stats.upstreamRequests);
    stat('engine_rows_fetched_total', 'Rows fetched from wolkvox.', () => engine.stats.rowsFetched);
    stat('engine_stale_served_total', 'Windows served out of date because wolkvox could not be asked.', () => engine.stats.staleServed);
    stat('engine_refreshes_total', 'Windows fetched again because their copy went stale.', () => engine.stats.refreshes);
    stat('quota_used_today', 'wolkvox requests spent today against WOLKVOX_DAILY_BUDGET.', () => budget?.used ?? 0);
    stat('quota_budget', 'WOLKVOX_DAILY_BUDGET (0: no guard).', () => budget?.limit ?? 0);
    stat('upstream_circuit_open', '1 while the wolkvox circuit breaker is open.', () => (circuitOpen() ? 1 : 0));
  }

  /** What this replica shares through Redis: windows found there, the token gate across replicas, the connection. */
  watchReplicas(replicas: Pick<Replicas, 'windows' | 'gate' | 'state'>): void {
    const stat = this.stat.bind(this);
    stat('shared_window_hits_total', 'Windows this replica found fresh in Redis (stored by any replica).', () => replicas.windows.stats.hits);
    stat('shared_window_misses_total', 'Windows looked for in Redis and not found fresh there.', () => replicas.windows.stats.misses);
    stat('shared_token_gate_acquired_total', 'Times this replica took a slot of the token gate shared by all replicas.', () => replicas.gate.stats.acquired);
    stat('shared_token_gate_wait_seconds_total', 'Time this replica waited for the shared token gate (other replicas held it).', () => replicas.gate.stats.waitSeconds);
    stat('shared_token_leases_expired_total', 'Leases left to run out because wolkvox may still have been working (timeouts, resets).', () => replicas.gate.stats.leasesLeftToExpire);
    stat('shared_state_up', '1 while Redis is reachable; at 0 this replica serves cached windows only.', () => (replicas.state.reachable ? 1 : 0));
  }

  /** A value kept elsewhere, read at scrape time: monotonic counts (`_total`) as counters, levels as gauges. */
  private stat(name: string, help: string, read: () => number): void {
    const registers = [this.registry];
    if (name.endsWith('_total')) new Counter({ name, help, registers, collect() { this.reset(); this.inc(read()); } });
    else new Gauge({ name, help, registers, collect() { this.set(read()); } });
  }

  /** The window tiers: which one answered, what the durable one holds, what it refused to serve. */
  watchTiers(tiers: TierStats): void {
    const registers = [this.registry];
    new Counter({
      name: 'window_tier_hits_total',
      help: 'Window lookups answered by each tier (memory, then the durable one); the rest went to wolkvox (cache_misses_total).',
      labelNames: ['tier'],
      registers,
      collect() {
        this.reset();
        this.inc({ tier: 'memory' }, tiers.hits.memory);
        this.inc({ tier: tiers.durableTier }, tiers.hits.durable);
      },
    });
    new Gauge({ name: 'durable_store_bytes', help: 'Bytes the durable window tier occupies.', labelNames: ['tier'], registers, collect() { this.set({ tier: tiers.durableTier }, tiers.durableBytes()); } });
    new Counter({
      name: 'durable_store_dropped_total',
      help: 'Stored windows dropped and fetched again instead of served, by reason (format, version, checksum, content).',
      labelNames: ['reason'],
      registers,
      collect() {
        this.reset();
        for (const [reason, count] of Object.entries(tiers.dropped)) this.inc({ reason }, count);
      },
    });
  }
}
