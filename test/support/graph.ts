import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { TracerProvider } from '@opentelemetry/api';
import { print, type ExecutionResult } from 'graphql';
import { ZoneClock } from '../../src/domain/time/zone-clock.js';
import type { UpstreamProtection, WindowSettings } from '../../src/config.js';
import type { CallSource, WindowEngine } from '../../src/feed/window-engine.js';
import type { WindowSize } from '../../src/feed/windows.js';
import { LIMIT_DEFAULTS, MAX_SUBSCRIPTIONS, MAX_SUBSCRIPTIONS_PER_PRINCIPAL, PROTECTION_DEFAULTS, WINDOW_DEFAULTS } from '../../src/defaults.js';
import type { OperationLimits } from '../../src/http/operation-limits.js';
import type { TrustedDocuments } from '../../src/http/trusted-documents.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { Secret } from '../../src/secret.js';
import type { GraphServer } from '../../src/server.js';
import { composeService, type Service } from '../../src/service.js';
import { connectReplicas, type Replicas } from '../../src/replicas/replicas.js';
import { archiveNamespace, sourceNamespace } from '../../src/store/archive-keys.js';
import { DurableDailyBudget } from '../../src/budget/durable-budget.js';
import { durableShares } from '../../src/budget/daily-shares.js';
import { parseAccessPolicy } from '../../src/access/access-policy.js';
import type { JwtSettings } from '../../src/access/jwt-verifier.js';
import { LmdbWindowArchive } from '../../src/store/lmdb-archive.js';
import type { DurableTier } from '../../src/store/tiered-window-store.js';
import type { KeptCounts } from '../../src/budget/shared-budget.js';
import type { WolkvoxClientOptions } from '../../src/upstream/wolkvox-client.js';
import type { DailyBudget } from '../../src/upstream/daily-budget.js';
import type { WolkvoxSimulator } from '../../simulator/server.js';
import { closeAfterFile } from './cleanup.js';
import { clientFor, simulator, TOKEN } from './simulator.js';

export type Result<T> = ExecutionResult<T> & { errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] };

export interface TestGraph {
  readonly sim: WolkvoxSimulator;
  readonly server: GraphServer;
  readonly engine: WindowEngine;
  readonly service: Service;
  /** The durable tier, when `dataDir` was given. */
  readonly durable?: DurableTier;
  /** What this replica shares through Redis, when `redisUrl` was given. */
  readonly replicas?: Replicas;
  /** Runs a typed operation through the real yoga server (in-process fetch); its data and errors. */
  readonly execute: <T, V>(document: TypedDocumentNode<T, V>, variables: V) => Promise<Result<T>>;
  /** Posts raw GraphQL text, for documents no client would send. */
  readonly post: (body: unknown, headers?: Record<string, string>) => Promise<{ status: number; text: string; json: Result<Record<string, unknown>> }>;
}

export interface GraphOptions {
  readonly sim?: WolkvoxSimulator;
  /** Replaces the client over `sim`, e.g. a source that fails on purpose. */
  readonly source?: CallSource;
  readonly token?: string;
  /** The server's and the engine's clock. */
  readonly now?: () => number;
  readonly timeZone?: string;
  readonly windowSize?: WindowSize;
  readonly engine?: Partial<Pick<WindowSettings, 'maxRequestSpanMs' | 'refreshMs' | 'settleMs' | 'cacheMaxRows' | 'cacheMaxBytes'>>;
  readonly apiKeys?: readonly string[];
  /** An ACCESS_POLICY file's text (YAML or JSON), read as main.ts reads the file. */
  readonly policy?: string;
  /** JWT settings, as config.ts makes them from JWT_*. */
  readonly jwt?: JwtSettings;
  readonly introspection?: boolean;
  readonly gatewayKeys?: readonly string[];
  readonly metricsKey?: string;
  readonly corsOrigins?: readonly string[];
  readonly graphiql?: boolean;
  readonly maxSubscriptions?: number;
  readonly maxSubscriptionsPerPrincipal?: number;
  /** TRUSTED_DOCUMENTS, read as main.ts reads it. */
  readonly trustedDocuments?: TrustedDocuments;
  readonly trustedDeveloperKeys?: readonly string[];
  readonly limits?: Partial<OperationLimits>;
  readonly protection?: Partial<UpstreamProtection>;
  readonly client?: Partial<Omit<WolkvoxClientOptions, 'token'>>;
  readonly logger?: Logger;
  /** Keep windows in an LMDB archive in this folder too (a temp dir), as main.ts does in DATA_DIR. */
  readonly dataDir?: string;
  /** Share windows, the token gate and the daily budget with other graphs through this Redis, as main.ts does with REDIS_URL. */
  readonly redisUrl?: string;
  /** Trace operations and wolkvox requests through this provider, as main.ts does with OTEL_EXPORTER_OTLP_ENDPOINT. */
  readonly tracing?: TracerProvider;
  /** A history mirror (not started: tests call `service.mirror.backfill()`), with `dataDir` or `redisUrl`, as main.ts builds it. */
  readonly history?: { readonly days: number; readonly requestsPerDay: number };
  /** SCAN_WORKERS, with `dataDir` (as main.ts builds them); absent: 0, long scans on the event loop. */
  readonly scanWorkers?: number;
}

/** The `extensions.code` of each error of a result, in order; undefined when there is none. */
export const codes = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => result.errors?.map((e) => e.extensions?.code);

/** "Now" for graph tests unless told otherwise: well after the data the tests ask for. */
export const TEST_NOW = Date.parse('2025-03-10T12:00:00-05:00');

/** The real service (server, engine, circuit, budget, metrics) over the real client and simulator, wired as main.ts wires it. */
export async function graph(options: GraphOptions = {}): Promise<TestGraph> {
  const sim = options.sim ?? (await simulator({ dataset: { timeZone: options.timeZone ?? 'America/Bogota' } }));
  const now = options.now ?? (() => TEST_NOW);
  const clock = new ZoneClock(sim.dataset.options.timeZone);
  const durable = options.dataDir === undefined ? undefined : durableTier(options.dataDir, sim, options.token);
  // Week-long spans, shorter than the served default (31 days), so that a test of a few weeks shows
  // several requests: allowances, coalescing and order are tested where they have something to do.
  const windows: WindowSettings = { ...WINDOW_DEFAULTS, cacheMaxRows: null, size: options.windowSize ?? WINDOW_DEFAULTS.size, maxRequestSpanMs: 7 * 86_400_000, backgroundRefresh: false, ...options.engine };
  // No daily budget unless a test sets one: tests would otherwise share the 900 of one day.
  const protection: UpstreamProtection = { ...PROTECTION_DEFAULTS, dailyBudget: 0, ...options.protection };
  const replicas = options.redisUrl === undefined ? undefined : sharedState(options.redisUrl, sim, clock, windows, protection, now, options.token, durable?.archive, options.history?.requestsPerDay);
  if (replicas) await replicas.state.connected(10_000);
  const service = composeService({
    ...(durable && { durable }),
    ...(replicas && { replicas, budget: replicas.budget, shares: replicas.shares }),
    ...(durable && !replicas && protection.dailyBudget > 0 && { budget: durableBudget(durable, protection.dailyBudget, sim, clock, now, options.token) }),
    ...(durable && !replicas && { shares: durableShares(durable.archive, `${sourceOf(sim, options.token)}/principal-shares`, clock, now) }),
    ...(options.tracing && { tracing: options.tracing }),
    ...(options.history && { history: { days: options.history.days, share: backfillShare(options.history.requestsPerDay, replicas, durable, sim, clock, now, options.token) } }),
    ...(options.scanWorkers !== undefined && { scanWorkers: options.scanWorkers }),
    clock,
    logger: options.logger ?? createLogger('silent'),
    now,
    windows,
    security: {
      apiKeys: (options.apiKeys ?? []).map((key) => new Secret(key)),
      policy: options.policy === undefined ? [] : parseAccessPolicy(options.policy),
      jwt: options.jwt ?? null,
      introspection: options.introspection ?? true,
      gatewayKeys: (options.gatewayKeys ?? []).map((key) => new Secret(key)),
      metricsKey: options.metricsKey === undefined ? null : new Secret(options.metricsKey),
      metricsPort: null,
      corsOrigins: options.corsOrigins ?? [],
      graphiql: options.graphiql ?? true,
      maxSubscriptions: options.maxSubscriptions ?? MAX_SUBSCRIPTIONS,
      maxSubscriptionsPerPrincipal: options.maxSubscriptionsPerPrincipal ?? MAX_SUBSCRIPTIONS_PER_PRINCIPAL,
      trustedDocuments: options.trustedDocuments ?? null,
      trustedDeveloperKeys: (options.trustedDeveloperKeys ?? []).map((key) => new Secret(key)),
    },
    limits: { ...LIMIT_DEFAULTS, ...options.limits },
    protection,
    connect: ({ budget, observer, circuit }) =>
      options.source ?? clientFor(sim, { ...(options.token === undefined ? {} : { token: options.token }), budget, observer, circuit, ...options.client }),
  });
  const server = service.graph;
  closeAfterFile(async () => {
    await service.mirror?.stop();
    await service.scans?.close();
    service.circuit.shutdown();
    await durable?.archive.close();
    await replicas?.close();
    return server.yoga.dispose();
  });
  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const response = await server.yoga.fetch('http://graph.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, text, json: JSON.parse(text) as Result<Record<string, unknown>> };
  };
  return {
    sim,
    server,
    engine: service.engine,
    service,
    ...(durable && { durable }),
    ...(replicas && { replicas }),
    post,
    // Without `extensions`: the cost (which counts this request's wolkvox requests) differs between equal answers; visible-cost.test.ts checks it.
    execute: async <T, V>(document: TypedDocumentNode<T, V>, variables: V) => {
      const { extensions: _cost, ...result } = (await post({ query: print(document), variables })).json;
      return result as Result<T>;
    },
  };
}

/** The archive in `dataDir`, namespaced as main.ts would for a live upstream at the simulator's address. */
type LocalStore = DurableTier & { readonly archive: LmdbWindowArchive };

function durableTier(dataDir: string, sim: WolkvoxSimulator, token = TOKEN): LocalStore {
  const namespace = archiveNamespace({ mode: 'live', origin: sim.url, token: new Secret(token) }, sim.dataset.options.timeZone);
  return { archive: LmdbWindowArchive.open(dataDir), namespace };
}

/** The namespace of the simulator's token, as main.ts names a live upstream at its address. */
const sourceOf = (sim: WolkvoxSimulator, token = TOKEN) => sourceNamespace({ mode: 'live', origin: sim.url, token: new Secret(token) });

/** The daily budget kept in the archive, as main.ts keeps it under DATA_DIR. */
function durableBudget(durable: LocalStore, limit: number, sim: WolkvoxSimulator, clock: ZoneClock, now: () => number, token = TOKEN): DurableDailyBudget {
  return new DurableDailyBudget(limit, durable.archive, `${sourceOf(sim, token)}/daily-budget`, clock, now);
}

/** The history mirror's count: in Redis for replicas, else beside the daily budget in the archive, as main.ts keeps it. */
function backfillShare(limit: number, replicas: Replicas | undefined, durable: LocalStore | undefined, sim: WolkvoxSimulator, clock: ZoneClock, now: () => number, token = TOKEN): DailyBudget {
  if (replicas?.backfillShare) return replicas.backfillShare;
  if (!durable) throw new Error('a history mirror needs dataDir or redisUrl');
  const prefix = `${sourceNamespace({ mode: 'live', origin: sim.url, token: new Secret(token) })}/backfill-requests`;
  return new DurableDailyBudget(limit, durable.archive, prefix, clock, now);
}

/** What main.ts connects with REDIS_URL, namespaced for a live upstream at the simulator's address. */
function sharedState(
  url: string,
  sim: WolkvoxSimulator,
  clock: ZoneClock,
  windows: WindowSettings,
  protection: UpstreamProtection,
  now: () => number,
  token = TOKEN,
  keptCounts?: KeptCounts,
  backfillRequestsPerDay?: number,
): Replicas {
  const source = { mode: 'live', origin: sim.url, token: new Secret(token) } as const;
  return connectReplicas({
    redisUrl: new Secret(url),
    sourceNamespace: sourceNamespace(source),
    windowNamespace: archiveNamespace(source, clock.zone),
    windows,
    maxInFlight: 1,
    timeoutMs: 5_000,
    dailyBudget: protection.dailyBudget,
    ...(keptCounts && { keptCounts }),
    ...(backfillRequestsPerDay !== undefined && { backfillRequestsPerDay }),
    clock,
    logger: createLogger('silent'),
    now,
  });
}

/** A local day in Bogotá as a DateRange. */
export const bogotaDay = (date: string) => ({ from: `${date}T00:00:00-05:00`, to: nextDay(date) });

function nextDay(date: string): string {
  const next = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return `${next}T00:00:00-05:00`;
}
