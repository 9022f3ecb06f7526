import type { SecuritySettings, UpstreamProtection, WindowSettings } from './config.js';
import type { ZoneClock } from './domain/time/zone-clock.js';
import { sharedFeed } from './feed/call-feed.js';
import { ChangeEvents } from './feed/change-events.js';
import { FreshnessPolicy } from './feed/freshness.js';
import { WindowRefresher } from './feed/refresher.js';
import { WindowEngine } from './feed/window-engine.js';
import { WindowStore } from './feed/window-store.js';
import { watchEngine } from './feed/engine-metrics.js';
import { Metrics } from './http/metrics.js';
import type { OperationLimits } from './http/operation-limits.js';
import type { Logger } from './logger.js';
import { createGraphServer, type GraphServer } from './server.js';
import type { Replicas } from './replicas/replicas.js';
import { watchReplicas } from './replicas/replica-metrics.js';
import { TieredWindowStore, type DurableTier } from './store/tiered-window-store.js';
import { watchTiers } from './store/tier-metrics.js';
import type { CallSource } from './upstream/call-source.js';
import { UpstreamCircuit } from './upstream/circuit.js';
import { upstreamMetrics, watchUpstreamProtection } from './upstream/upstream-metrics.js';
import { MemoryDailyBudget } from './budget/memory-budget.js';
import type { DailyShares } from './budget/daily-shares.js';
import type { DailyBudget } from './upstream/daily-budget.js';
import type { UpstreamObserver } from './upstream/wolkvox-client.js';
import type { TracerProvider } from '@opentelemetry/api';
import { tracedSource, tracingObserver } from './tracing/upstream-spans.js';
import { NO_HISTORY } from './feed/history.js';
import { HistoryMirror } from './mirror/history-mirror.js';
import { DiskMirrorTier, type MirrorTier } from './mirror/mirror-tier.js';
import { SharedMirrorTier } from './mirror/shared-mirror-tier.js';
import { watchHistory } from './mirror/mirror-metrics.js';
import { LmdbWindowArchive } from './store/lmdb-archive.js';
import { LongScans } from './scan-pool/long-scans.js';
import { ScanPool } from './scan-pool/scan-pool.js';

export interface ServiceOptions {
  readonly clock: ZoneClock;
  readonly logger: Logger;
  readonly windows: WindowSettings;
  readonly security: SecuritySettings;
  readonly limits: OperationLimits;
  readonly protection: UpstreamProtection;
  /** Builds the upstream (the wolkvox client), given the budget, observer and circuit every attempt must pass. */
  readonly connect: (hooks: { budget: DailyBudget | null; observer: UpstreamObserver; circuit: UpstreamCircuit }) => CallSource;
  /** Where windows outlive the process (src/store/); without it they live in memory only. */
  readonly durable?: DurableTier;
  /** With REDIS_URL: the token gate and windows shared with the other replicas. */
  readonly replicas?: Replicas;
  /** Where WOLKVOX_DAILY_BUDGET is counted when not in this process's memory (DATA_DIR, or Redis for replicas). */
  readonly budget?: DailyBudget | null;
  /** Where principals' daily shares (`upstreamRequestsPerDay`) are counted: the same tier as `budget`; memory when absent. */
  readonly shares?: DailyShares;
  readonly now?: () => number;
  /** With OTEL_EXPORTER_OTLP_ENDPOINT: spans for operations and wolkvox requests (src/tracing/). */
  readonly tracing?: TracerProvider;
  /**
   * The history mirror: WOLKVOX_HISTORY_DAYS, and where its requests are counted (beside the daily
   * budget). Needs a durable tier (`durable`, or `replicas`); absent or 0 days: no mirror.
   */
  readonly history?: { readonly days: number; readonly share: DailyBudget; readonly tickMs?: number };
  /** SCAN_WORKERS: long scans stream from an LMDB durable tier in this many worker threads; absent or 0: none. */
  readonly scanWorkers?: number;
}

/** The whole service, wired once: what main.ts starts and what tests run. */
export interface Service {
  readonly graph: GraphServer;
  readonly engine: WindowEngine;
  readonly metrics: Metrics;
  readonly circuit: UpstreamCircuit;
  readonly budget: DailyBudget | null;
  readonly refresher: WindowRefresher;
  /** What the refresher found, for subscriptions (through Redis to every replica with REDIS_URL). */
  readonly changes: ChangeEvents;
  /** The history mirror, when there is one (start it, stop it before closing the tiers). */
  readonly mirror: HistoryMirror | null;
  /** The worker threads of long scans, when there are any (close it when the server closes). */
  readonly scans: ScanPool | null;
}

export function composeService(options: ServiceOptions): Service {
  const { clock, logger, windows, protection } = options;
  const now = options.now ?? Date.now;
  const metrics = new Metrics();
  const upstreamObserver = upstreamMetrics(metrics.registry);
  const { replicas } = options;
  const budget = options.budget !== undefined ? options.budget : protection.dailyBudget > 0 ? new MemoryDailyBudget(protection.dailyBudget, clock, now) : null;
  const circuit = new UpstreamCircuit({ resetMs: protection.circuitResetMs });
  const observer = options.tracing ? tracingObserver(upstreamObserver) : upstreamObserver;
  const connected = options.connect({ budget, observer, circuit });
  const source = options.tracing ? tracedSource(connected) : connected;
  const maxRows = windows.cacheMaxRows ?? Infinity;
  const store = options.durable
    ? new TieredWindowStore(maxRows, options.durable, logger, windows.cacheMaxBytes, replicas?.rollups.write)
    : new WindowStore(maxRows, windows.cacheMaxBytes);
  const freshness = new FreshnessPolicy({ refreshMs: windows.refreshMs, settleMs: windows.settleMs });
  // Built after the engine it fetches with; the engine asks it which windows it holds.
  let mirror: HistoryMirror | null = null;
  const engine = new WindowEngine({
    source,
    store,
    freshness,
    maxRequestSpanMs: windows.maxRequestSpanMs,
    now,
    ...(replicas && { shared: replicas.spans }),
    clock,
    held: (window) => mirror?.holds(window) ?? false,
  });
  const tier = mirrorTier(options, store, freshness);
  if (tier && options.history) {
    mirror = new HistoryMirror({
      engine, tier, clock, logger, now,
      windowSize: windows.size,
      days: options.history.days,
      settleMs: windows.settleMs,
      ...(options.history.tickMs !== undefined && { tickMs: options.history.tickMs }),
    });
  }
  watchEngine(metrics.registry, engine);
  watchUpstreamProtection(metrics.registry, budget, () => !circuit.accepting());
  if (store instanceof TieredWindowStore) watchTiers(metrics.registry, store);
  if (replicas) watchReplicas(metrics.registry, replicas);
  if (mirror) watchHistory(metrics.registry, mirror, mirror.stats);
  const changes = replicas ? new ChangeEvents(replicas.changes.topic, replicas.changes.target) : new ChangeEvents();
  const feed = sharedFeed(engine, clock, windows.size, protection.maxRequestsPerOperation, mirror ?? NO_HISTORY, replicas?.rollups);
  const { scanWorkers = 0, durable } = options;
  // Workers open the LMDB file themselves: a tier they cannot open (Redis) keeps scans on the event loop.
  const scans = durable?.archive instanceof LmdbWindowArchive && scanWorkers > 0 ? new ScanPool(scanWorkers) : null;
  if (scans && durable?.archive instanceof LmdbWindowArchive) feed.scans = new LongScans({ pool: scans, engine, path: durable.archive.path, namespace: durable.namespace, clock });
  const graph = createGraphServer({
    feed,
    logger,
    now,
    apiKeys: options.security.apiKeys,
    policy: options.security.policy,
    jwt: options.security.jwt,
    ...(options.shares && { shares: options.shares }),
    introspection: options.security.introspection,
    gatewayKeys: options.security.gatewayKeys,
    metricsKey: options.security.metricsKey,
    metricsOnOwnPort: options.security.metricsPort !== null,
    corsOrigins: options.security.corsOrigins,
    graphiql: options.security.graphiql,
    maxSubscriptions: options.security.maxSubscriptions,
    maxSubscriptionsPerPrincipal: options.security.maxSubscriptionsPerPrincipal,
    trustedDocuments: options.security.trustedDocuments,
    trustedDeveloperKeys: options.security.trustedDeveloperKeys,
    limits: options.limits,
    changes,
    metrics,
    ...(options.tracing && { tracing: options.tracing }),
    notReadyReason: () => circuit.notReadyReason() ?? replicas?.notReadyReason() ?? null,
  });
  const refresher = new WindowRefresher(engine, clock, windows.size, windows.refreshMs, logger, now, replicas?.refreshTurn, (change) => changes.publish(change));
  return { graph, engine, metrics, circuit, budget, refresher, changes, mirror, scans };
}

/** Where the history mirror keeps what it fetches: Redis for replicas, else the disk tier; none without a durable tier or days to keep. */
function mirrorTier(options: ServiceOptions, store: WindowStore, freshness: FreshnessPolicy): MirrorTier | null {
  const { history, replicas, durable } = options;
  if (!history || history.days === 0) return null;
  if (replicas) return new SharedMirrorTier(replicas, `${replicas.windowNamespace}/mirror/held-days`, history.share, freshness);
  if (durable && store instanceof TieredWindowStore) return new DiskMirrorTier(store, durable.archive, `${durable.namespace}/mirror/held-days`, history.share, freshness);
  return null;
}
