import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { z } from 'zod';
import type { OperationLimits } from './http/operation-limits.js';
import { Secret } from './secret.js';
import { HISTORY_DEFAULTS, LIMIT_DEFAULTS, WINDOW_DEFAULTS } from './defaults.js';
import type { TrustedDocuments } from './http/trusted-documents.js';
import { DAY_MS } from './domain/time/time-range.js';
import { HEAP_BYTES_PER_BUDGET_LEG } from './domain/summary/heap-cost.js';
import type { PolicyEntry } from './access/access-policy.js';
import type { JwtSettings } from './access/jwt-verifier.js';
import { ConfigError, environment, withoutBlanks } from './config-environment.js';
import { apiKeysOf, gatewaysOf, jwtOf, metricsPortOf, policyOf, trustedDevelopersOf, trustedDocumentsOf } from './config-security.js';

export { ConfigError };

/** Every variable the server reads (docs/configuration.md describes each; a test holds it to that). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(environment.shape);


interface LiveUpstream {
  readonly mode: 'live';
  readonly origin: string;
  readonly token: Secret;
}

interface SimulatedUpstream {
  readonly mode: 'simulator';
  readonly seed: number;
  readonly callsPerDay: number;
  /** Calls around the clock, so that live data moves at any hour (simulator/dataset.ts). */
  readonly nightShift: boolean;
}

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly timeZone: string;
  /** Where telephones written nationally are dialed, for CallDimension.COUNTRY. */
  readonly defaultCountry: string;
  readonly logLevel: z.infer<typeof environment>['LOG_LEVEL'];
  readonly upstream: LiveUpstream | SimulatedUpstream;
  readonly timeoutMs: number;
  readonly retries: number;
  /** Time one window fetch may take over all its attempts. */
  readonly fetchDeadlineMs: number;
  readonly maxInFlight: number;
  readonly windows: WindowSettings;
  readonly security: SecuritySettings;
  readonly limits: OperationLimits;
  readonly protection: UpstreamProtection;
  readonly history: HistorySettings;
  /** SCAN_WORKERS: worker threads long scans run in (scan-pool/); 0: on the event loop, as every other report. */
  readonly scanWorkers: number;
  readonly shutdown: ShutdownSettings;
  /** Absolute path of the folder that holds the durable window store (src/store/). */
  readonly dataDir: string;
  /** Shared state for replicas (src/replicas/); a Secret because the URL may carry a password. Null: one instance. */
  readonly redisUrl: Secret | null;
  /** OTEL_EXPORTER_OTLP_ENDPOINT: traces exported over OTLP (the exporter reads the OTEL_* variables itself); null: no tracing. */
  readonly otlpEndpoint: string | null;
  /** What start-up should warn about: deprecated variables still honoured. */
  readonly warnings: readonly string[];
}

export interface SecuritySettings {
  /** Client keys of unrestricted principals, accepted as `Authorization: Bearer <key>`; with no policy or JWTs either, access is anonymous. */
  readonly apiKeys: readonly Secret[];
  /** ACCESS_POLICY: principals with scopes, by the digest of their keys. */
  readonly policy: readonly PolicyEntry[];
  /** JWT_*: how Bearer JWTs are verified; null: no JWTs. */
  readonly jwt: JwtSettings | null;
  /** False: introspection, `_service { sdl }` and "Did you mean" suggestions are refused or left out, but for the gateways. */
  readonly introspection: boolean;
  /** GATEWAY_KEYS: API keys of the gateways that see the schema with introspection off. */
  readonly gatewayKeys: readonly Secret[];
  /** METRICS_KEY: the key that reads /metrics; null: the API keys do (anyone, when there are none). */
  readonly metricsKey: Secret | null;
  /** METRICS_PORT: /metrics on a listener of its own (on HOST), not on PORT; null: on PORT. */
  readonly metricsPort: number | null;
  /** Browser origins allowed by CORS; empty: none. */
  readonly corsOrigins: readonly string[];
  /** Serve GraphiQL (default: with the simulator only). */
  readonly graphiql: boolean;
  /** Live subscriptions held open at most (each a connection). */
  readonly maxSubscriptions: number;
  /** Of those, what one principal may hold. */
  readonly maxSubscriptionsPerPrincipal: number;
  /** TRUSTED_DOCUMENTS: when set, only these documents run, by id. */
  readonly trustedDocuments: TrustedDocuments | null;
  /** TRUSTED_DEVELOPER_KEYS: API keys that may still send any document. */
  readonly trustedDeveloperKeys: readonly Secret[];
}

/** What SIGTERM does: keep serving while load balancers notice /readyz, then drain, then exit. */
interface ShutdownSettings {
  /** Not ready but still serving, so that a load balancer stops sending first. */
  readonly graceMs: number;
  /** How long operations in flight may finish once the listener is closed. */
  readonly drainMs: number;
}

export interface UpstreamProtection {
  readonly maxRequestsPerOperation: number;
  /** Upstream requests allowed per local day (0: no guard); stops short of the token's quota. */
  readonly dailyBudget: number;
  readonly circuitResetMs: number;
}

/** The history mirror (src/mirror/). */
interface HistorySettings {
  /** WOLKVOX_HISTORY_DAYS: settled days kept in the durable tier (0: no mirror). */
  readonly days: number;
  /** WOLKVOX_BACKFILL_REQUESTS_PER_DAY: wolkvox requests the mirror may spend per local day. */
  readonly requestsPerDay: number;
}

/** How the window engine caches and batches (see src/feed/). */
export interface WindowSettings {
  readonly size: 'hour' | 'day';
  /** A window near now is fetched again at most this often (5 minutes live, 15 s with the simulator). */
  readonly refreshMs: number;
  /** A window this long past its end is final. */
  readonly settleMs: number;
  /** Longest range of one coalesced upstream request. */
  readonly maxRequestSpanMs: number;
  /** The in-memory cache's budget of estimated heap (WOLKVOX_CACHE_MAX_BYTES). */
  readonly cacheMaxBytes: number;
  /** Deprecated WOLKVOX_CACHE_MAX_ROWS: legs held at most, besides the bytes; null when not set. */
  readonly cacheMaxRows: number | null;
  /** Keep today's windows warm in the background, which is what subscriptions hear of (default: on). */
  readonly backgroundRefresh: boolean;
}

/** Reads and checks the environment; throws one ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environment.safeParse(withoutBlanks(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const upstream = upstreamOf(e);
  const apiKeys = apiKeysOf(e);
  const policy = policyOf(e, apiKeys);
  const jwt = jwtOf(e);
  if (upstream.mode === 'live' && apiKeys.length === 0 && policy.length === 0 && jwt === null && e.ALLOW_ANONYMOUS !== 'true') {
    throw new ConfigError(
      'Invalid configuration: API_KEYS (or API_KEYS_FILE, ACCESS_POLICY or JWT_*) is required with a real WOLKVOX_TOKEN, so that billing data is not open to anyone; set ALLOW_ANONYMOUS=true to serve without keys on purpose',
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    timeZone: e.WOLKVOX_TIMEZONE,
    defaultCountry: e.WOLKVOX_DEFAULT_COUNTRY,
    logLevel: e.LOG_LEVEL,
    timeoutMs: e.WOLKVOX_TIMEOUT_MS,
    retries: e.WOLKVOX_RETRIES,
    fetchDeadlineMs: e.WOLKVOX_FETCH_DEADLINE_SECONDS * 1000,
    maxInFlight: e.WOLKVOX_MAX_IN_FLIGHT,
    upstream,
    windows: {
      size: e.WOLKVOX_WINDOW,
      refreshMs: e.WOLKVOX_FRESHNESS === undefined ? (upstream.mode === 'live' ? WINDOW_DEFAULTS.refreshMs : WINDOW_DEFAULTS.simulatorRefreshMs) : e.WOLKVOX_FRESHNESS * 1000,
      settleMs: e.WOLKVOX_SETTLE_MARGIN * 1000,
      maxRequestSpanMs: e.WOLKVOX_MAX_REQUEST_DAYS * DAY_MS,
      // A deployment that set only the deprecated row cap keeps the byte budget it had: 600 bytes a leg.
      cacheMaxBytes: e.WOLKVOX_CACHE_MAX_BYTES ?? (e.WOLKVOX_CACHE_MAX_ROWS === undefined ? WINDOW_DEFAULTS.cacheMaxBytes : e.WOLKVOX_CACHE_MAX_ROWS * HEAP_BYTES_PER_BUDGET_LEG),
      cacheMaxRows: e.WOLKVOX_CACHE_MAX_ROWS ?? null,
      backgroundRefresh: e.WOLKVOX_BACKGROUND_REFRESH !== 'false',
    },
    security: {
      apiKeys,
      policy,
      jwt,
      introspection: e.INTROSPECTION === 'true',
      gatewayKeys: gatewaysOf(e, apiKeys),
      metricsKey: e.METRICS_KEY === undefined ? null : new Secret(e.METRICS_KEY),
      metricsPort: metricsPortOf(e),
      corsOrigins: e.CORS_ORIGINS ? e.CORS_ORIGINS.split(',').map((origin) => new URL(origin.trim()).origin) : [],
      graphiql: e.GRAPHIQL === undefined ? upstream.mode === 'simulator' : e.GRAPHIQL === 'true',
      maxSubscriptions: e.MAX_SUBSCRIPTIONS,
      maxSubscriptionsPerPrincipal: e.MAX_SUBSCRIPTIONS_PER_PRINCIPAL,
      trustedDocuments: trustedDocumentsOf(e),
      trustedDeveloperKeys: trustedDevelopersOf(e, apiKeys),
    },
    shutdown: { graceMs: e.SHUTDOWN_GRACE_SECONDS * 1000, drainMs: e.SHUTDOWN_TIMEOUT_SECONDS * 1000 },
    limits: {
      complexity: e.MAX_QUERY_COMPLEXITY,
      depth: e.MAX_QUERY_DEPTH,
      aliases: e.MAX_ALIASES,
      tokens: e.MAX_TOKENS,
      longestRangeDays: e.MAX_RANGE_DAYS,
      rangeDays: operationRangeDaysOf(e),
      reportGroups: e.MAX_REPORT_GROUPS,
      responseBytes: e.MAX_RESPONSE_BYTES,
      operationMs: e.MAX_OPERATION_SECONDS * 1000,
    },
    protection: {
      maxRequestsPerOperation: e.MAX_UPSTREAM_REQUESTS_PER_OPERATION,
      dailyBudget: e.WOLKVOX_DAILY_BUDGET,
      circuitResetMs: e.CIRCUIT_RESET_SECONDS * 1000,
    },
    history: historyOf(e, upstream),
    // Every core but the event loop's, at least one.
    scanWorkers: e.SCAN_WORKERS ?? Math.max(1, availableParallelism() - 1),
    dataDir: resolve(e.DATA_DIR),
    redisUrl: e.REDIS_URL === undefined ? null : new Secret(e.REDIS_URL),
    otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT ?? null,
    warnings: e.WOLKVOX_CACHE_MAX_ROWS === undefined ? [] : [
      `WOLKVOX_CACHE_MAX_ROWS is deprecated: the cache is budgeted in bytes (WOLKVOX_CACHE_MAX_BYTES${e.WOLKVOX_CACHE_MAX_BYTES === undefined ? `, here ${e.WOLKVOX_CACHE_MAX_ROWS} × ${HEAP_BYTES_PER_BUDGET_LEG}` : ''}); it still caps the legs held, which may leave most of the byte budget unused`,
    ],
  };
}

function upstreamOf(e: z.infer<typeof environment>): LiveUpstream | SimulatedUpstream {
  if (e.WOLKVOX_TOKEN === undefined) {
    if (e.WOLKVOX_SERVER !== undefined || e.WOLKVOX_BASE_URL !== undefined) {
      throw new ConfigError(
        'Invalid configuration: WOLKVOX_TOKEN is required when WOLKVOX_SERVER or WOLKVOX_BASE_URL is set (unset both to run against the built-in simulator)',
      );
    }
    return { mode: 'simulator', seed: e.SIMULATOR_SEED, callsPerDay: e.SIMULATOR_CALLS_PER_DAY, nightShift: e.SIMULATOR_NIGHT_SHIFT === 'true' };
  }
  const origin = e.WOLKVOX_BASE_URL
    ? new URL(e.WOLKVOX_BASE_URL).origin
    : e.WOLKVOX_SERVER
      ? `https://wv${e.WOLKVOX_SERVER}.wolkvox.com`
      : undefined;
  if (!origin) throw new ConfigError('Invalid configuration: WOLKVOX_SERVER (or WOLKVOX_BASE_URL) is required when WOLKVOX_TOKEN is set');
  return { mode: 'live', origin, token: new Secret(e.WOLKVOX_TOKEN) };
}

/** MAX_OPERATION_RANGE_DAYS: by default two of the longest ranges (this year against last); never less than one. */
function operationRangeDaysOf(e: z.infer<typeof environment>): number {
  const days = e.MAX_OPERATION_RANGE_DAYS ?? Math.max(LIMIT_DEFAULTS.rangeDays, 2 * e.MAX_RANGE_DAYS);
  if (days < e.MAX_RANGE_DAYS) throw new ConfigError(`Invalid configuration: MAX_OPERATION_RANGE_DAYS (${days}) must be at least MAX_RANGE_DAYS (${e.MAX_RANGE_DAYS}): one range of the longest kind must fit in an operation`);
  return days;
}

/** The mirror's days (live and simulator defaults differ) and its share of the daily budget. */
function historyOf(e: z.infer<typeof environment>, upstream: LiveUpstream | SimulatedUpstream): HistorySettings {
  const days = e.WOLKVOX_HISTORY_DAYS ?? (upstream.mode === 'live' ? HISTORY_DEFAULTS.liveDays : HISTORY_DEFAULTS.simulatorDays);
  const budget = e.WOLKVOX_DAILY_BUDGET;
  const requestsPerDay = e.WOLKVOX_BACKFILL_REQUESTS_PER_DAY ?? (budget > 0 ? Math.max(1, Math.floor(budget * HISTORY_DEFAULTS.shareOfDailyBudget)) : HISTORY_DEFAULTS.requestsPerDayWithoutBudget);
  if (budget > 0 && requestsPerDay > budget) {
    throw new ConfigError(`Invalid configuration: WOLKVOX_BACKFILL_REQUESTS_PER_DAY (${requestsPerDay}) must not exceed WOLKVOX_DAILY_BUDGET (${budget}): the mirror's share is part of the daily budget`);
  }
  return { days, requestsPerDay };
}
