import { DAY_MS } from './domain/time/time-range.js';

/**
 * Every default of the service, stated once. The environment (config-environment.ts) starts from these;
 * the modules that take settings fall back to the same values when built without configuration
 * (tests, benchmarks). docs/configuration.md lists them as environment variables.
 */

/** How wolkvox is asked (src/upstream/). */
export const UPSTREAM_DEFAULTS = {
  /** wolkvox gives up on a request after 60 s itself: ours sits just above. */
  timeoutMs: 65_000,
  retries: 4,
  /** One attempt that runs into the timeout plus the pauses of quick retries after it. */
  fetchDeadlineMs: 90_000,
  /** wolkvox refuses a third request in flight per token ("simultaneous" 403); one is the safe rule. */
  maxInFlight: 1,
} as const;

/** How windows are cut, cached and refreshed (src/feed/). */
export const WINDOW_DEFAULTS = {
  size: 'hour',
  /** wolkvox: "a consumption every 5 minutes". */
  refreshMs: 300_000,
  /** The built-in simulator has no such rule: live data moves every 15 s out of the box (subscriptions, dashboards). */
  simulatorRefreshMs: 15_000,
  /** Two hours after its end, a window's legs no longer change (late legs are seen within that). */
  settleMs: 7_200_000,
  /** wolkvox's limit; spans are planned shorter from the density of legs seen (src/feed/request-planner.ts). */
  maxRequestSpanMs: 31 * DAY_MS,
  /** Estimated heap the in-memory cache may hold: windows, summaries, day roll-ups (docs/architecture.md, Memory). */
  cacheMaxBytes: 600_000_000,
} as const;

/** The country of national numbers (wolkvox operations are mostly Colombian), for the COUNTRY dimension. */
export const DEFAULT_COUNTRY = 'CO';

/** What one operation and one day may spend of wolkvox. */
export const PROTECTION_DEFAULTS = {
  maxRequestsPerOperation: 20,
  /** Under the quota of one licence (1,000 a day), leaving room for other tools on the same token. */
  dailyBudget: 900,
  circuitResetMs: 30_000,
} as const;

/** The history mirror (src/mirror/): settled days kept in the durable tier, fetched in the background. */
export const HISTORY_DEFAULTS = {
  /** WOLKVOX_HISTORY_DAYS with a real token: this year and last, for year-over-year reports. */
  liveDays: 400,
  /** In simulator mode: enough for a month's reports, and `npm start` stays quick. */
  simulatorDays: 35,
  /** WOLKVOX_BACKFILL_REQUESTS_PER_DAY is this share of WOLKVOX_DAILY_BUDGET: the rest is the users'. */
  shareOfDailyBudget: 1 / 3,
  /** …and this many when there is no daily budget (WOLKVOX_DAILY_BUDGET=0). */
  requestsPerDayWithoutBudget: 300,
  /** How often the mirror looks for work: a day that has settled, a new day's share. */
  tickMs: 60_000,
  /** The time a request is assumed to take before one has been timed (for estimates only). */
  assumedSecondsPerRequest: 1,
} as const;

/**
 * Limits on one operation's shape, cost and work (src/http/operation-limits.ts, src/schema/core/complexity.ts,
 * src/schema/core/operation-work.ts, src/http/response-size.ts).
 * - reportGroups: the largest real reports seen had 7,796 to 49,525 groups (issue #19); beyond 50,000 a
 *   report is a table export, and its groups alone cost about the whole default complexity.
 * - responseBytes: a 1,000-leg page with every field is about 1 MB, twenty of them 20 MB; an answer of
 *   hundreds of megabytes cannot even become one JSON text in V8 (its strings stop near 512 MB).
 * - operationMs: a 92-day report that scans every leg of 2,000 calls a day takes a few seconds here.
 */
export const LIMIT_DEFAULTS = {
  complexity: 100_000,
  depth: 12,
  aliases: 20,
  tokens: 5_000,
  /** MAX_RANGE_DAYS: a year, or a year-long stretch of the mirrored history, in one range. */
  longestRangeDays: 400,
  /** MAX_OPERATION_RANGE_DAYS: two of the longest ranges, e.g. this year against last year. */
  rangeDays: 800,
  reportGroups: 50_000,
  responseBytes: 50_000_000,
  operationMs: 30_000,
} as const;

/**
 * Largest request body read. The largest legitimate one — a 5,000-token document and filters of
 * 1,000 ids in every list — is a few hundred kilobytes; yoga's own default (25 MB) let one request
 * make the server parse and coerce millions of values before any limit could refuse them.
 */
export const MAX_REQUEST_BYTES = 1_000_000;

/** Live subscriptions one instance holds open (each an SSE connection and a listener). */
export const MAX_SUBSCRIPTIONS = 1_000;

/** Of those, what one principal (a policy entry, a JWT subject, API_KEYS' keys together, anonymous callers together) may hold: a quarter, so that one never takes every slot. */
export const MAX_SUBSCRIPTIONS_PER_PRINCIPAL = 250;

/** SIGTERM: Kubernetes' default termination grace period (30 s) covers both, with room to exit. */
export const SHUTDOWN_DEFAULTS = { graceMs: 5_000, drainMs: 20_000 } as const;
