import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TracerProvider } from '@opentelemetry/api';
import { CallFeed, type FeedAccess, type SharedFeed } from './feed/call-feed.js';
import type { PolicyEntry } from './access/access-policy.js';
import { Credentials } from './access/credentials.js';
import { JwtVerifier, type JwtSettings } from './access/jwt-verifier.js';
import { keyDigest, KeyRing } from './access/key-ring.js';
import { API_KEY_PRINCIPAL, NOBODY, rowScopeOf, shareKeyOf, type Principal } from './access/principal.js';
import { memoryShares, type DailyShares } from './budget/daily-shares.js';
import { ChangeEvents } from './feed/change-events.js';
import { useAccessLog } from './http/access-log.js';
import { ApiKeys } from './http/api-keys.js';
import { principalOf, useAuthentication } from './http/authentication.js';
import { corsOptions, useBrowserRequestRules } from './http/browser-requests.js';
import { compiledExecution } from './http/compiled-execution.js';
import { maskError, useErrorCodes } from './http/error-codes.js';
import { graphiqlOptions, useGraphiQL } from './http/graphiql.js';
import type { Metrics } from './http/metrics.js';
import { metricsAccess, useMetrics } from './http/metrics-endpoint.js';
import { useOneDoor } from './http/one-door.js';
import { LIMIT_DEFAULTS, MAX_REQUEST_BYTES, MAX_SUBSCRIPTIONS, MAX_SUBSCRIPTIONS_PER_PRINCIPAL } from './defaults.js';
import { operationLimitPlugins, type OperationLimits } from './http/operation-limits.js';
import { useReadiness } from './http/readiness.js';
import { useRequestId } from './http/request-id.js';
import { useRequestShapeChecks } from './http/request-shape.js';
import { useSchemaVisibility } from './http/schema-visibility.js';
import { GRAPHQL_PATH, HEALTH_PATH } from './http/routes.js';
import { useTracing } from './http/tracing.js';
import { useTrustedDocuments, type TrustedDocuments } from './http/trusted-documents.js';
import { useVisibleCost } from './http/visible-cost.js';
import { useOperationBounds } from './http/operation-bounds.js';
import { yogaLogger } from './http/yoga-logger.js';
import type { Logger } from './logger.js';
import type { GraphContext } from './schema/core/context.js';
import { OperationWork } from './schema/core/operation-work.js';
import { createLiveSource, type SharedLiveSource } from './schema/live/live-source.js';
import { schema } from './schema/index.js';
import { OperationRangeDays } from './schema/inputs/range-limits.js';
import type { Secret } from './secret.js';

export interface GraphServerOptions {
  /** What every operation's feed reads through: the window engine (cache, coalescing) and the roll-ups. */
  readonly feed: SharedFeed;
  readonly logger: Logger;
  /** The server's clock; tests fix it. */
  readonly now?: () => number;
  /** Client keys of unrestricted principals (API_KEYS); with no key, policy or JWT settings, access is anonymous (config.ts decides when that is allowed). */
  readonly apiKeys?: readonly Secret[];
  /** ACCESS_POLICY: scoped principals, by the digest of their key. */
  readonly policy?: readonly PolicyEntry[];
  /** JWT_*: Bearer JWTs verified as principals. */
  readonly jwt?: JwtSettings | null;
  /** Where principals' daily shares of wolkvox (`upstreamRequestsPerDay`) are counted; in this process's memory by default. */
  readonly shares?: DailyShares;
  readonly introspection?: boolean;
  /** With introspection off: the keys of the gateways that still see the schema (GATEWAY_KEYS). */
  readonly gatewayKeys?: readonly Secret[];
  /** Origins a browser page may call from (CORS_ORIGINS); none by default. */
  readonly corsOrigins?: readonly string[];
  /** Serve GraphiQL to browsers at the endpoint (GRAPHIQL). */
  readonly graphiql?: boolean;
  readonly limits?: OperationLimits;
  /** TRUSTED_DOCUMENTS: only these documents run (by id), except for the trusted developers' keys. */
  readonly trustedDocuments?: TrustedDocuments | null;
  readonly trustedDeveloperKeys?: readonly Secret[];
  readonly metrics?: Metrics;
  /** METRICS_KEY: the one key that reads /metrics (else the API keys do). */
  readonly metricsKey?: Secret | null;
  /** METRICS_PORT is set: /metrics is served there, not on this server. */
  readonly metricsOnOwnPort?: boolean;
  /** The window changes subscriptions hear (the background refresher publishes them). */
  readonly changes?: ChangeEvents;
  /** Live subscriptions this instance holds open at most (MAX_SUBSCRIPTIONS). */
  readonly maxSubscriptions?: number;
  /** Of those, what one principal holds at most (MAX_SUBSCRIPTIONS_PER_PRINCIPAL). */
  readonly maxSubscriptionsPerPrincipal?: number;
  /** With OTEL_EXPORTER_OTLP_ENDPOINT: a span per operation, continuing the caller's `traceparent`. */
  readonly tracing?: TracerProvider;
  /** Why the server should not take traffic now (e.g. the wolkvox circuit is open), or null. */
  readonly notReadyReason?: () => string | null;
}

export interface GraphServer {
  readonly yoga: YogaServerInstance<Record<string, never>, GraphContext>;
  /** The node:http handler: the same yoga, as a request listener. */
  readonly handle: (req: IncomingMessage, res: ServerResponse) => void;
  /** From now on /readyz answers 503 (used while shutting down). */
  markNotReady(): void;
  /** What subscriptions share: their slots and live reports (each operation adds its own feed). */
  readonly live: SharedLiveSource;
}

/** The yoga server: one plugin per HTTP concern (src/http/), in the order a request meets them. */
export function createGraphServer(options: GraphServerOptions): GraphServer {
  const now = options.now ?? Date.now;
  const { logger, metrics } = options;
  const { clock } = options.feed;
  const policy = options.policy ?? [];
  const keys = new KeyRing<Principal>([
    ...(options.apiKeys ?? []).map((key) => ({ digest: keyDigest(key.reveal()), value: API_KEY_PRINCIPAL })),
    ...policy.map(({ digest, principal }) => ({ digest, value: principal })),
  ]);
  const jwt = options.jwt ? new JwtVerifier(options.jwt, new Set(policy.map(({ principal }) => principal.name))) : null;
  const credentials = new Credentials(keys, jwt);
  const shares = options.shares ?? memoryShares(clock, now);
  const limits = options.limits ?? LIMIT_DEFAULTS;
  const cors = corsOptions(options.corsOrigins ?? []);
  let shuttingDown = false;
  const changes = options.changes ?? new ChangeEvents();
  const onStep = metrics && (() => metrics.reportStep());
  const live = createLiveSource({
    feed: options.feed,
    changes,
    limits,
    maxSubscriptions: options.maxSubscriptions ?? MAX_SUBSCRIPTIONS,
    maxSubscriptionsPerPrincipal: options.maxSubscriptionsPerPrincipal ?? MAX_SUBSCRIPTIONS_PER_PRINCIPAL,
    ...(onStep && { onStep }),
  });
  /**
   * An operation's context: every feed it reads through is narrowed to its principal's rows and counts its
   * share; its work stops when its client goes away (`signal`), runs out of time or is refused.
   */
  const contextOf = (principal: Principal, signal?: AbortSignal): GraphContext => {
    const access: FeedAccess = {
      scope: rowScopeOf(principal),
      share: principal.upstreamRequestsPerDay === null ? null : { owner: principal.name, budget: shares(shareKeyOf(principal), principal.upstreamRequestsPerDay) },
    };
    return {
      viewer: { name: principal.name, pii: principal.pii },
      feed: new CallFeed(options.feed, access),
      clock,
      now: now(),
      history: options.feed.history,
      limits,
      ranges: new OperationRangeDays(limits.rangeDays, limits.longestRangeDays),
      work: new OperationWork(limits, signal, onStep),
      live: { ...live, feed: () => new CallFeed(options.feed, access) },
    };
  };

  const yoga = createYoga<Record<string, never>, GraphContext>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    healthCheckEndpoint: HEALTH_PATH,
    landingPage: false,
    graphiql: false,
    cors,
    batching: false,
    maxRequestBodySize: MAX_REQUEST_BYTES,
    // Without a request (the start-up warm-up runs operations in-process), nobody: no row, no personal data.
    context: ({ request }: { request?: Request }) => contextOf((request && principalOf(request)) ?? NOBODY, request?.signal),
    maskedErrors: { maskError },
    logging: yogaLogger(logger),
    plugins: [
      useRequestId(),
      useAccessLog(logger, metrics),
      useReadiness(() => (shuttingDown ? 'shutting down' : (options.notReadyReason?.() ?? null))),
      ...(metrics ? [useMetrics(metrics, metricsAccess({ apiKeys: options.apiKeys ?? [], metricsKey: options.metricsKey ?? null, metricsOnOwnPort: options.metricsOnOwnPort ?? false, graphIsOpen: !credentials.required }))] : []),
      ...(options.graphiql ?? true
        ? [useGraphiQL(() => ({
            ...graphiqlOptions(clock, now()),
            ...(credentials.required && { headers: JSON.stringify({ Authorization: 'Bearer <your API key>' }, null, 2) }),
          }))]
        : []),
      useBrowserRequestRules(cors !== false),
      useOneDoor(),
      useAuthentication(credentials),
      ...(options.trustedDocuments ? useTrustedDocuments(options.trustedDocuments, new ApiKeys(options.trustedDeveloperKeys ?? [])) : []),
      useRequestShapeChecks(),
      ...operationLimitPlugins(limits),
      ...(options.introspection ?? true ? [] : [useSchemaVisibility(new ApiKeys(options.gatewayKeys ?? []))]),
      useVisibleCost(),
      useOperationBounds(limits.responseBytes),
      compiledExecution(),
      ...(options.tracing ? useTracing(options.tracing) : []),
      useErrorCodes(),
    ],
  });

  // yoga's Node listener answers its own failures (a 500, logged), so the promise it returns never rejects.
  return { yoga, handle: (req, res) => void yoga(req, res), markNotReady: () => void (shuttingDown = true), live };
}
