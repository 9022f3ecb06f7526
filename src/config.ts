import { availableParallelism } from 'node:os';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { isCountryCode } from './domain/model/phone-country.js';
import { isValidTimeZone } from './domain/time/zone-clock.js';
import type { OperationLimits } from './http/operation-limits.js';
import { Secret } from './secret.js';
import { DEFAULT_COUNTRY, HISTORY_DEFAULTS, LIMIT_DEFAULTS, MAX_SUBSCRIPTIONS, MAX_SUBSCRIPTIONS_PER_PRINCIPAL, PROTECTION_DEFAULTS, SHUTDOWN_DEFAULTS, UPSTREAM_DEFAULTS, WINDOW_DEFAULTS } from './defaults.js';
import { loadTrustedDocuments, TrustedDocumentsError, type TrustedDocuments } from './http/trusted-documents.js';
import { DAY_MS } from './domain/time/time-range.js';
import { AccessPolicyError, loadAccessPolicy, type PolicyEntry } from './access/access-policy.js';
import { publicKeyOf, type JwtSettings } from './access/jwt-verifier.js';
import { keyDigest } from './access/key-ring.js';

/** Hosts a JWKS may be fetched from over plain http: this machine. */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Where the embedded window store lives unless DATA_DIR says otherwise: `data/` in the working directory. */
const DEFAULT_DATA_DIR = 'data';

/** Configuration comes from the environment only (docs/configuration.md describes each variable), from the defaults in defaults.ts. */
const integer = (min: number, max: number) => {
  const message = `must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ error: message }).int(message).min(min, message).max(max, message);
};

const environment = z.object({
  WOLKVOX_SERVER: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,63}$/, 'must be the server nomenclature, e.g. 0048 (it becomes part of a host name)')
    .optional(),
  WOLKVOX_TOKEN: z.string().min(1, 'must not be empty').optional(),
  WOLKVOX_BASE_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://127.0.0.1:4010' })
    .refine((text) => ['', '/'].includes(new URL(text).pathname), 'must hold only scheme, host and port (the report path is appended)')
    .optional(),
  WOLKVOX_TIMEZONE: z.string().refine(isValidTimeZone, 'must be an IANA time zone such as America/Bogota').default('America/Bogota'),
  WOLKVOX_DEFAULT_COUNTRY: z.string().refine(isCountryCode, 'must be an ISO 3166-1 alpha-2 country code such as CO (capital letters)').default(DEFAULT_COUNTRY),
  WOLKVOX_TIMEOUT_MS: integer(1_000, 600_000).default(UPSTREAM_DEFAULTS.timeoutMs),
  WOLKVOX_RETRIES: integer(0, 10).default(UPSTREAM_DEFAULTS.retries),
  WOLKVOX_FETCH_DEADLINE_SECONDS: integer(1, 3_600).default(UPSTREAM_DEFAULTS.fetchDeadlineMs / 1000),
  WOLKVOX_MAX_IN_FLIGHT: integer(1, 2).default(UPSTREAM_DEFAULTS.maxInFlight),
  WOLKVOX_WINDOW: z.enum(['hour', 'day']).default(WINDOW_DEFAULTS.size),
  WOLKVOX_FRESHNESS: integer(1, 86_400).optional(),
  WOLKVOX_SETTLE_MARGIN: integer(0, 7 * 86_400).default(WINDOW_DEFAULTS.settleMs / 1000),
  WOLKVOX_MAX_REQUEST_DAYS: integer(1, 31).default(WINDOW_DEFAULTS.maxRequestSpanMs / DAY_MS),
  WOLKVOX_CACHE_MAX_ROWS: integer(1_000, 100_000_000).default(WINDOW_DEFAULTS.cacheMaxRows),
  WOLKVOX_BACKGROUND_REFRESH: z.enum(['true', 'false']).optional(),
  PORT: integer(0, 65_535).default(4000),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  API_KEYS: z.string().optional(),
  API_KEYS_FILE: z.string().optional(),
  ACCESS_POLICY: z.string().optional(),
  JWT_JWKS_URL: z
    .url({ protocol: /^https?$/, error: 'must be the https URL of the issuer\'s JSON Web Key Set, such as https://auth.example.com/.well-known/jwks.json' })
    .refine((text) => new URL(text).protocol === 'https:' || LOOPBACK.has(new URL(text).hostname), 'must be https (keys fetched in clear could be replaced on the way), except on this host (127.0.0.1, localhost)')
    .optional(),
  JWT_PUBLIC_KEY_FILE: z.string().optional(),
  JWT_ISSUER: z.string().min(1).optional(),
  JWT_AUDIENCE: z.string().min(1).optional(),
  JWT_CLAIM: z.string().regex(/^[\x21-\x7e]{1,200}$/, 'must be a claim name such as cdr or https://example.com/cdr (no spaces)').default('cdr'),
  TRUSTED_DOCUMENTS: z.string().optional(),
  TRUSTED_DEVELOPER_KEYS: z.string().optional(),
  ALLOW_ANONYMOUS: z.enum(['true', 'false']).default('false'),
  INTROSPECTION: z.enum(['true', 'false']).default('true'),
  GATEWAY_KEYS: z.string().optional(),
  METRICS_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  METRICS_PORT: integer(1, 65_535).optional(),
  GRAPHIQL: z.enum(['true', 'false']).optional(),
  CORS_ORIGINS: z
    .string()
    .refine(
      (text) => text.split(',').every((origin) => isOrigin(origin.trim())),
      'must be a comma-separated list of origins such as https://dashboard.example.com (scheme, host and optional port; no path, no *)',
    )
    .optional(),
  MAX_SUBSCRIPTIONS: integer(0, 1_000_000).default(MAX_SUBSCRIPTIONS),
  SHUTDOWN_GRACE_SECONDS: integer(0, 600).default(SHUTDOWN_DEFAULTS.graceMs / 1000),
  SHUTDOWN_TIMEOUT_SECONDS: integer(1, 3_600).default(SHUTDOWN_DEFAULTS.drainMs / 1000),
  MAX_QUERY_COMPLEXITY: integer(100, 10_000_000).default(LIMIT_DEFAULTS.complexity),
  MAX_QUERY_DEPTH: integer(2, 100).default(LIMIT_DEFAULTS.depth),
  MAX_ALIASES: integer(1, 1_000).default(LIMIT_DEFAULTS.aliases),
  MAX_TOKENS: integer(100, 1_000_000).default(LIMIT_DEFAULTS.tokens),
  MAX_RANGE_DAYS: integer(1, 100_000).default(LIMIT_DEFAULTS.longestRangeDays),
  MAX_OPERATION_RANGE_DAYS: integer(1, 100_000).optional(),
  MAX_REPORT_GROUPS: integer(1, 10_000_000).default(LIMIT_DEFAULTS.reportGroups),
  MAX_RESPONSE_BYTES: integer(1_000, 500_000_000).default(LIMIT_DEFAULTS.responseBytes),
  MAX_OPERATION_SECONDS: integer(1, 3_600).default(LIMIT_DEFAULTS.operationMs / 1000),
  MAX_SUBSCRIPTIONS_PER_PRINCIPAL: integer(1, 1_000_000).default(MAX_SUBSCRIPTIONS_PER_PRINCIPAL),
  MAX_UPSTREAM_REQUESTS_PER_OPERATION: integer(1, 1_000).default(PROTECTION_DEFAULTS.maxRequestsPerOperation),
  WOLKVOX_DAILY_BUDGET: integer(0, 10_000_000).default(PROTECTION_DEFAULTS.dailyBudget),
  WOLKVOX_HISTORY_DAYS: integer(0, 3_660).optional(),
  WOLKVOX_BACKFILL_REQUESTS_PER_DAY: integer(1, 10_000_000).optional(),
  SCAN_WORKERS: integer(0, 256).optional(),
  CIRCUIT_RESET_SECONDS: integer(1, 3_600).default(PROTECTION_DEFAULTS.circuitResetMs / 1000),
  DATA_DIR: z.string().refine(usableAsFolder, 'must be a folder (or a path where one can be created), not a file').default(DEFAULT_DATA_DIR),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be the http(s) URL of an OTLP/HTTP collector, such as http://127.0.0.1:4318' }).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379' }).optional(),
  SIMULATOR_SEED: integer(0, 2 ** 31).default(42),
  SIMULATOR_CALLS_PER_DAY: integer(0, 1_000_000).default(2_000),
  SIMULATOR_NIGHT_SHIFT: z.enum(['true', 'false']).default('true'),
});

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
  readonly cacheMaxRows: number;
  /** Keep today's windows warm in the background, which is what subscriptions hear of (default: on). */
  readonly backgroundRefresh: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
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
      cacheMaxRows: e.WOLKVOX_CACHE_MAX_ROWS,
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

/** Keys from API_KEYS (comma-separated) and API_KEYS_FILE (one per line; `#` starts a comment). */
function apiKeysOf(e: z.infer<typeof environment>): Secret[] {
  let fromFile: string[] = [];
  if (e.API_KEYS_FILE !== undefined) {
    try {
      fromFile = readFileSync(e.API_KEYS_FILE, 'utf8').split('\n').map((line) => line.replace(/#.*/, ''));
    } catch (error) {
      throw new ConfigError(`Invalid configuration: API_KEYS_FILE cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  const keys = [...(e.API_KEYS ?? '').split(','), ...fromFile].map((key) => key.trim()).filter(Boolean);
  if (keys.some((key) => key.length < 16)) throw new ConfigError('Invalid configuration: API_KEYS must be at least 16 characters each');
  return [...new Set(keys)].map((key) => new Secret(key));
}

/** ACCESS_POLICY's principals; a key that API_KEYS lists too would name two principals. */
function policyOf(e: z.infer<typeof environment>, apiKeys: readonly Secret[]): PolicyEntry[] {
  if (e.ACCESS_POLICY === undefined) return [];
  let entries: PolicyEntry[];
  try {
    entries = loadAccessPolicy(e.ACCESS_POLICY);
  } catch (error) {
    if (!(error instanceof AccessPolicyError)) throw error;
    throw new ConfigError(`Invalid configuration: ACCESS_POLICY ${e.ACCESS_POLICY} ${error.message}`);
  }
  const unrestricted = new Set(apiKeys.map((key) => keyDigest(key.reveal()).toString('hex')));
  const both = entries.find(({ digest }) => unrestricted.has(digest.toString('hex')));
  if (both) throw new ConfigError(`Invalid configuration: ACCESS_POLICY's principal ${both.principal.name} has a key API_KEYS lists too; a key names one principal (remove it from API_KEYS to scope it)`);
  return entries;
}

/** JWT settings: a key source (a key set URL or one PEM key) with the issuer and audience every token must name. */
function jwtOf(e: z.infer<typeof environment>): JwtSettings | null {
  const sources = [e.JWT_JWKS_URL, e.JWT_PUBLIC_KEY_FILE].filter((source) => source !== undefined);
  if (sources.length === 0) {
    if (e.JWT_ISSUER !== undefined || e.JWT_AUDIENCE !== undefined) throw new ConfigError('Invalid configuration: JWT_ISSUER and JWT_AUDIENCE need JWT_JWKS_URL or JWT_PUBLIC_KEY_FILE, where the keys that sign tokens are');
    return null;
  }
  if (sources.length > 1) throw new ConfigError('Invalid configuration: set one of JWT_JWKS_URL and JWT_PUBLIC_KEY_FILE, not both');
  if (e.JWT_ISSUER === undefined || e.JWT_AUDIENCE === undefined) {
    throw new ConfigError('Invalid configuration: JWT_ISSUER and JWT_AUDIENCE are required with JWT_JWKS_URL or JWT_PUBLIC_KEY_FILE, so that a token issued by another issuer or for another API is refused');
  }
  let publicKeyPem: string | null = null;
  if (e.JWT_PUBLIC_KEY_FILE !== undefined) {
    try {
      publicKeyPem = readFileSync(e.JWT_PUBLIC_KEY_FILE, 'utf8');
    } catch (error) {
      throw new ConfigError(`Invalid configuration: JWT_PUBLIC_KEY_FILE cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    try {
      publicKeyOf(publicKeyPem);
    } catch (error) {
      throw new ConfigError(`Invalid configuration: JWT_PUBLIC_KEY_FILE ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { jwksUrl: e.JWT_JWKS_URL ?? null, publicKeyPem, issuer: e.JWT_ISSUER, audience: e.JWT_AUDIENCE, claim: e.JWT_CLAIM };
}

function trustedDocumentsOf(e: z.infer<typeof environment>): TrustedDocuments | null {
  if (e.TRUSTED_DOCUMENTS === undefined) return null;
  try {
    return loadTrustedDocuments(e.TRUSTED_DOCUMENTS);
  } catch (error) {
    if (!(error instanceof TrustedDocumentsError)) throw error;
    throw new ConfigError(`Invalid configuration: TRUSTED_DOCUMENTS ${error.message}`);
  }
}

/** Keys from TRUSTED_DEVELOPER_KEYS (comma-separated); each must be one of the API keys, so that marking a developer never opens the server. */
function trustedDevelopersOf(e: z.infer<typeof environment>, apiKeys: readonly Secret[]): Secret[] {
  const keys = (e.TRUSTED_DEVELOPER_KEYS ?? '').split(',').map((key) => key.trim()).filter(Boolean);
  if (keys.length > 0 && e.TRUSTED_DOCUMENTS === undefined) throw new ConfigError('Invalid configuration: TRUSTED_DEVELOPER_KEYS only means something with TRUSTED_DOCUMENTS (without it every key may send any document)');
  const known = new Set(apiKeys.map((key) => key.reveal()));
  if (keys.some((key) => !known.has(key))) throw new ConfigError('Invalid configuration: TRUSTED_DEVELOPER_KEYS must each be one of the API keys (API_KEYS or API_KEYS_FILE)');
  return keys.map((key) => new Secret(key));
}

/** Keys from GATEWAY_KEYS (comma-separated); each must be one of the API keys, and introspection off (else everyone sees the schema). */
function gatewaysOf(e: z.infer<typeof environment>, apiKeys: readonly Secret[]): Secret[] {
  const keys = (e.GATEWAY_KEYS ?? '').split(',').map((key) => key.trim()).filter(Boolean);
  if (keys.length > 0 && e.INTROSPECTION !== 'false') throw new ConfigError('Invalid configuration: GATEWAY_KEYS only means something with INTROSPECTION=false (otherwise every caller sees the schema)');
  const known = new Set(apiKeys.map((key) => key.reveal()));
  if (keys.some((key) => !known.has(key))) throw new ConfigError('Invalid configuration: GATEWAY_KEYS must each be one of the API keys (API_KEYS or API_KEYS_FILE)');
  return keys.map((key) => new Secret(key));
}

function metricsPortOf(e: z.infer<typeof environment>): number | null {
  if (e.METRICS_PORT === undefined) return null;
  if (e.METRICS_PORT === e.PORT) throw new ConfigError('Invalid configuration: METRICS_PORT must differ from PORT (it moves /metrics off the GraphQL port)');
  return e.METRICS_PORT;
}

/** `https://host[:port]` and nothing more: what a browser sends as `Origin`. */
function isOrigin(text: string): boolean {
  try {
    const url = new URL(text);
    return ['http:', 'https:'].includes(url.protocol) && url.origin === text.replace(/\/$/, '');
  } catch {
    return false;
  }
}

/** Whether DATA_DIR can hold the store: a folder, or nothing yet (it is created at start-up). */
function usableAsFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/** An empty variable (`PORT=`) means "not set", as shells and compose files write it. */
function withoutBlanks(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== ''));
}
