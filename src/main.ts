import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as committedOperations from '../operations/generated/graphql.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { DEFAULT_QUERY } from './http/graphiql.js';
import { HttpDrain } from './http/drain.js';
import { metricsAccess, metricsListener } from './http/metrics-endpoint.js';
import { ZoneClock } from './domain/time/zone-clock.js';
import { setDefaultCountry } from './domain/model/phone-country.js';
import { startExitWatchdog } from './exit-watchdog.js';
import { processLogDestination } from './log-destination.js';
import { createLogger, type Logger } from './logger.js';
import { Secret } from './secret.js';
import { composeService } from './service.js';
import { connectReplicas } from './replicas/replicas.js';
import { openDurableTier } from './store/open-durable-tier.js';
import { archiveNamespace, sourceNamespace } from './store/archive-keys.js';
import { WolkvoxClient } from './upstream/wolkvox-client.js';
import { startTracing } from './tracing/provider.js';
import { warmUp } from './warm-up.js';
import { DAY_MS } from './domain/time/time-range.js';

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const logger = createLogger(config.logLevel, processLogDestination().stream);
for (const warning of config.warnings) logger.warn(warning);
// The last line of defence, not the design: every load is awaited where it starts (test/hardening/entity-fuzz.test.ts
// proves it under faults). Should one slip through, it is a failed load, not corrupt state: one request's
// answer is already sent, and ending the process would cut every other client's.
process.on('unhandledRejection', (reason) => {
  const error = reason instanceof Error ? { name: reason.name, message: reason.message, code: (reason as { code?: unknown }).code } : { reason: String(reason) };
  logger.error({ err: error }, 'unhandled rejection: a promise nobody awaited (a bug); the process keeps serving');
});
const tracing = config.otlpEndpoint ? startTracing() : undefined;
if (tracing && config.otlpEndpoint) logger.info({ otlp: new URL(config.otlpEndpoint).origin }, 'tracing: spans exported over OTLP');
const clock = new ZoneClock(config.timeZone);
setDefaultCountry(config.defaultCountry);
const upstream = await connectUpstream(config, logger);
const durable = openDurableTier(config, clock, logger);
const replicas = config.redisUrl
  ? connectReplicas({
      redisUrl: config.redisUrl,
      sourceNamespace: sourceNamespace(config.upstream),
      windowNamespace: archiveNamespace(config.upstream, config.timeZone),
      windows: config.windows,
      maxInFlight: config.maxInFlight,
      timeoutMs: config.timeoutMs,
      dailyBudget: config.protection.dailyBudget,
      backfillRequestsPerDay: config.history.requestsPerDay,
      keptCounts: durable.dayCounts,
      clock,
      logger,
    })
  : undefined;
if (replicas && !(await replicas.state.connected(5_000))) logger.warn('starting without Redis: not ready, serving cached windows only, until it is reachable');
let client: WolkvoxClient | undefined;
const service = composeService({
  clock,
  logger,
  durable,
  ...(replicas && { replicas }),
  budget: replicas ? replicas.budget : durable.budget,
  shares: replicas ? replicas.shares : durable.shares,
  windows: config.windows,
  security: config.security,
  limits: config.limits,
  protection: config.protection,
  ...(tracing && { tracing: tracing.provider }),
  history: { days: config.history.days, share: replicas?.backfillShare ?? durable.backfillShare },
  scanWorkers: config.scanWorkers,
  connect: ({ budget, observer, circuit }) =>
    (client = new WolkvoxClient({
      origin: upstream.origin,
      token: upstream.token,
      clock,
      timeoutMs: config.timeoutMs,
      retries: config.retries,
      fetchDeadlineMs: config.fetchDeadlineMs,
      maxInFlight: config.maxInFlight,
      budget,
      observer,
      circuit,
    })),
});
const { graph, refresher, circuit, mirror } = service;
const { windows } = config;
if (windows.backgroundRefresh) refresher.start();
if (mirror) {
  mirror.start();
  logger.info({ days: config.history.days, requestsPerDay: config.history.requestsPerDay, tier: replicas ? 'redis' : 'disk' }, 'history mirror: keeping the settled days of WOLKVOX_HISTORY_DAYS in the durable tier, in the background');
}
// The committed operations (what the typed clients send) and GraphiQL's default query, compiled before the first user asks.
const operations = [...Object.entries(committedOperations).filter(([name]) => name.endsWith('Document')).map(([, document]) => document), DEFAULT_QUERY];
logger.info(await warmUp({ graph, clock, now: Date.now(), operations }), 'warmed up: the first request of each known operation runs compiled');
const drain = new HttpDrain();
const http = createServer(drain.wrap(graph.handle));
const metricsHttp = config.security.metricsPort === null ? undefined : serveMetrics(config.security.metricsPort);
http.listen(config.port, config.host, () => {
  const { port } = http.address() as AddressInfo;
  const auth = authenticationSummary(config);
  logger.info({ port, timeZone: config.timeZone, windows, limits: config.limits, protection: config.protection, auth }, `GraphQL ready on http://localhost:${port}/graphql (GraphiQL in a browser)`);
});

/** How requests are authenticated, for the start-up line: counts and names only, never a key. */
function authenticationSummary({ security }: Config): string {
  const ways = [
    security.apiKeys.length > 0 && `${security.apiKeys.length} API key(s)`,
    security.policy.length > 0 && `ACCESS_POLICY: ${security.policy.map(({ principal }) => principal.name).join(', ')}`,
    security.jwt && `JWTs of ${security.jwt.issuer}`,
  ].filter(Boolean);
  return ways.length > 0 ? ways.join('; ') : 'anonymous (no API keys, policy or JWTs)';
}

/** METRICS_PORT: /metrics on a listener of its own, for a network rule to guard. */
function serveMetrics(port: number): Server {
  const server = createServer(metricsListener(service.metrics, metricsAccess({ ...config.security, metricsOnOwnPort: true, graphIsOpen: false })));
  server.once('error', (error) => {
    logger.fatal({ err: error, metricsPort: port }, 'METRICS_PORT cannot be listened on (in use, or not allowed)');
    process.exit(1);
  });
  return server.listen(port, config.host, () => logger.info({ metricsPort: port, key: config.security.metricsKey ? 'METRICS_KEY' : 'none' }, `metrics on http://localhost:${port}/metrics`));
}

async function connectUpstream(config: Config, logger: Logger): Promise<{ origin: string; token: Secret; close?: () => Promise<void> }> {
  if (config.upstream.mode === 'live') {
    logger.info({ origin: config.upstream.origin }, 'wolkvox upstream: live');
    return config.upstream;
  }
  const { startSimulator } = await import('../simulator/server.js');
  const token = randomBytes(16).toString('hex');
  const sim = await startSimulator({
    tokens: [token],
    dataset: { seed: config.upstream.seed, callsPerDay: config.upstream.callsPerDay, timeZone: config.timeZone, nightShift: config.upstream.nightShift },
  });
  // The days GraphiQL's dashboard and most first queries ask for, generated now rather than on the first request.
  sim.dataset.callsBetween({ from: Date.now() - 3 * DAY_MS, to: Date.now() });
  logger.warn(
    { simulator: sim.url, seed: config.upstream.seed, callsPerDay: config.upstream.callsPerDay },
    'No WOLKVOX_TOKEN set: serving SIMULATED wolkvox data from the built-in simulator (set WOLKVOX_TOKEN and WOLKVOX_SERVER for real data)',
  );
  return { origin: sim.url, token: new Secret(token), close: () => sim.close() };
}

let stopping = false;
/**
 * What orchestrators expect of SIGTERM: not ready at once (so load balancers stop sending), still
 * serving for the grace period, then no new connections, requests in flight finished up to the drain
 * timeout, the rest answered 503, and an exit in every case: nothing (a hanging wolkvox request, a
 * log reader gone) may keep the process alive.
 */
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  const { graceMs, drainMs } = config.shutdown;
  const deadlineMs = graceMs + drainMs + 5_000;
  setTimeout(() => process.exit(1), deadlineMs).unref();
  startExitWatchdog(deadlineMs + 2_000);
  logger.info({ signal, graceMs, drainMs }, 'shutting down: not ready, still serving for the grace period');
  graph.markNotReady();
  refresher.stop();
  // Ends after its request in flight, which destroying the client below cuts short.
  const mirrorStopped = mirror?.stop();
  await new Promise((resolve) => setTimeout(resolve, graceMs));
  await service.changes.close();
  logger.info({ inFlight: drain.pending }, 'no longer accepting connections; finishing requests in flight (subscriptions ended)');
  const cut = await drain.close(http, drainMs);
  if (cut > 0) logger.warn({ cut }, 'requests still running at the drain timeout were answered 503');
  metricsHttp?.close();
  metricsHttp?.closeAllConnections();
  circuit.shutdown();
  // destroy, not close: close would wait for a wolkvox request that may hang for minutes.
  await Promise.allSettled([client?.destroy(), upstream.close?.()]);
  await mirrorStopped?.catch(() => undefined);
  // Its threads end before the LMDB file they read is closed.
  await service.scans?.close();
  await Promise.allSettled([durable.archive.close(), replicas?.close(), tracing?.shutdown()]);
  logger.info('stopped');
  process.exit(0);
}

/** A shutdown that fails half-way still ends the process: at once, and with a failure code. */
const stopOn = (signal: string) => () =>
  void shutdown(signal).catch((error: unknown) => {
    logger.error({ err: error instanceof Error ? error.message : String(error) }, 'shutdown failed; exiting now');
    process.exit(1);
  });
// `on`, not `once`: Ctrl-C reaches the server twice under `npm start` (from the terminal, and from npm
// passing it on), and a second signal without a handler would kill the server mid-drain.
process.on('SIGTERM', stopOn('SIGTERM'));
process.on('SIGINT', stopOn('SIGINT'));
