import { statSync } from 'node:fs';
import { z } from 'zod';
import { isCountryCode } from './domain/model/phone-country.js';
import { isValidTimeZone } from './domain/time/zone-clock.js';
import { DEFAULT_COUNTRY, LIMIT_DEFAULTS, MAX_SUBSCRIPTIONS, MAX_SUBSCRIPTIONS_PER_PRINCIPAL, PROTECTION_DEFAULTS, SHUTDOWN_DEFAULTS, UPSTREAM_DEFAULTS, WINDOW_DEFAULTS } from './defaults.js';
import { DAY_MS } from './domain/time/time-range.js';

/*
 * The variables the server reads, each checked and defaulted by zod (docs/configuration.md describes
 * them); config.ts turns what they hold into settings.
 */

/** Hosts a JWKS may be fetched from over plain http: this machine. */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Where the embedded window store lives unless DATA_DIR says otherwise: `data/` in the working directory. */
const DEFAULT_DATA_DIR = 'data';

/** Configuration comes from the environment only (docs/configuration.md describes each variable), from the defaults in defaults.ts. */
const integer = (min: number, max: number) => {
  const message = `must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ error: message }).int(message).min(min, message).max(max, message);
};

export const environment = z.object({
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
  WOLKVOX_CACHE_MAX_BYTES: integer(1_000_000, 1_000_000_000_000).optional(),
  WOLKVOX_CACHE_MAX_ROWS: integer(1_000, 100_000_000).optional(),
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

/** A bad environment: its message names every bad variable (start-up prints it and exits). */
export class ConfigError extends Error {
  override name = 'ConfigError';
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
export function withoutBlanks(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== ''));
}
