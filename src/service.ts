import type { SecuritySettings, UpstreamProtection, WindowSettings } from './config.js';
import type { ZoneClock } from './domain/zone-clock.js';
import { sharedFeed } from './feed/call-feed.js';
import { FreshnessPolicy } from './feed/freshness.js';
import { WindowRefresher } from './feed/refresher.js';
import { WindowEngine } from './feed/window-engine.js';
import { WindowStore } from './feed/window-store.js';
import { Metrics } from './http/metrics.js';
import type { OperationLimits } from './http/operation-limits.js';
import type { Logger } from './logger.js';
import { createGraphServer, type GraphServer } from './server.js';
import { UpstreamCircuit, type CallSource } from './upstream/circuit.js';
import { DailyBudget } from './upstream/daily-budget.js';
import type { UpstreamObserver } from './upstream/wolkvox-client.js';

export interface ServiceOptions {
  readonly clock: ZoneClock;
  readonly logger: Logger;
  readonly windows: WindowSettings;
  readonly security: SecuritySettings;
  readonly limits: OperationLimits;
  readonly protection: UpstreamProtection;
  /** Builds the upstream (the wolkvox client), given the budget, observer and circuit every attempt must pass. */
  readonly connect: (hooks: { budget: DailyBudget | null; observer: UpstreamObserver; circuit: UpstreamCircuit }) => CallSource;
  readonly now?: () => number;
}

/** The whole service, wired once: what main.ts starts and what tests run. */
export interface Service {
  readonly graph: GraphServer;
  readonly engine: WindowEngine;
  readonly metrics: Metrics;
  readonly circuit: UpstreamCircuit;
  readonly budget: DailyBudget | null;
  readonly refresher: WindowRefresher;
}

export function composeService(options: ServiceOptions): Service {
  const { clock, logger, windows, protection } = options;
  const now = options.now ?? Date.now;
  const metrics = new Metrics();
  const budget = protection.dailyBudget > 0 ? new DailyBudget(protection.dailyBudget, clock, now) : null;
  const circuit = new UpstreamCircuit({ resetMs: protection.circuitResetMs });
  const source = options.connect({ budget, observer: metrics.upstreamObserver, circuit });
  const engine = new WindowEngine({
    source,
    store: new WindowStore(windows.cacheMaxRows),
    freshness: new FreshnessPolicy({ refreshMs: windows.refreshMs, settleMs: windows.settleMs }),
    maxRequestSpanMs: windows.maxRequestSpanMs,
    now,
    clock,
  });
  metrics.watch(engine, budget, () => !circuit.accepting());
  const graph = createGraphServer({
    feed: sharedFeed(engine, clock, windows.size, protection.maxRequestsPerOperation),
    logger,
    now,
    apiKeys: options.security.apiKeys,
    introspection: options.security.introspection,
    corsOrigins: options.security.corsOrigins,
    graphiql: options.security.graphiql,
    limits: options.limits,
    metrics,
    notReadyReason: () => circuit.notReadyReason(),
  });
  const refresher = new WindowRefresher(engine, clock, windows.size, windows.refreshMs, logger, now);
  return { graph, engine, metrics, circuit, budget, refresher };
}
