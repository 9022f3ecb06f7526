import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TracerProvider } from '@opentelemetry/api';
import { CallFeed, type SharedFeed } from './feed/call-feed.js';
import { ChangeEvents } from './feed/change-events.js';
import { useAccessLog } from './http/access-log.js';
import { ApiKeys } from './http/api-keys.js';
import { principalOf, useAuthentication } from './http/authentication.js';
import { corsOptions, useBrowserRequestRules } from './http/browser-requests.js';
import { compiledExecution } from './http/compiled-execution.js';
import { maskError, useErrorCodes } from './http/error-codes.js';
import { graphiqlOptions, useGraphiQL } from './http/graphiql.js';
import type { Metrics } from './http/metrics.js';
import { useMetrics } from './http/metrics-endpoint.js';
import { useOneDoor } from './http/one-door.js';
import { LIMIT_DEFAULTS, MAX_REQUEST_BYTES, MAX_SUBSCRIPTIONS, MAX_SUBSCRIPTIONS_PER_PRINCIPAL } from './defaults.js';
import { operationLimitPlugins, type OperationLimits } from './http/operation-limits.js';
import { useReadiness } from './http/readiness.js';
import { useRequestId } from './http/request-id.js';
import { useRequestShapeChecks } from './http/request-shape.js';
import { GRAPHQL_PATH, HEALTH_PATH } from './http/routes.js';
import { useTracing } from './http/tracing.js';
import { useTrustedDocuments, type TrustedDocuments } from './http/trusted-documents.js';
import { useVisibleCost } from './http/visible-cost.js';
import { useOperationBounds } from './http/operation-bounds.js';
import { yogaLogger } from './http/yoga-logger.js';
import type { Logger } from './logger.js';
import type { GraphContext, LiveSource } from './schema/core/context.js';
import { OperationWork } from './schema/core/operation-work.js';
import { createLiveSource } from './schema/live/live-source.js';
import { schema } from './schema/index.js';
import { OperationRangeDays } from './schema/inputs/range-limits.js';
import type { Secret } from './secret.js';

export interface GraphServerOptions {
  /** What every operation's feed reads through: the window engine (cache, coalescing) and the roll-ups. */
  readonly feed: SharedFeed;
  readonly logger: Logger;
  /** The server's clock; tests fix it. */
  readonly now?: () => number;
  /** Client keys; none means anonymous access (config.ts decides when that is allowed). */
  readonly apiKeys?: readonly Secret[];
  readonly introspection?: boolean;
  /** Origins a browser page may call from (CORS_ORIGINS); none by default. */
  readonly corsOrigins?: readonly string[];
  /** Serve GraphiQL to browsers at the endpoint (GRAPHIQL). */
  readonly graphiql?: boolean;
  readonly limits?: OperationLimits;
  /** TRUSTED_DOCUMENTS: only these documents run (by id), except for the trusted developers' keys. */
  readonly trustedDocuments?: TrustedDocuments | null;
  readonly trustedDeveloperKeys?: readonly Secret[];
  readonly metrics?: Metrics;
  /** The window changes subscriptions hear (the background refresher publishes them). */
  readonly changes?: ChangeEvents;
  /** Live subscriptions this instance holds open at most (MAX_SUBSCRIPTIONS), and per principal (MAX_SUBSCRIPTIONS_PER_PRINCIPAL). */
  readonly maxSubscriptions?: number;
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
  /** What subscriptions share: their slots and live reports. */
  readonly live: LiveSource;
}

/** The yoga server: one plugin per HTTP concern (src/http/), in the order a request meets them. */
export function createGraphServer(options: GraphServerOptions): GraphServer {
  const now = options.now ?? Date.now;
  const { logger, metrics } = options;
  const { clock } = options.feed;
  const keys = new ApiKeys(options.apiKeys ?? []);
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

  const yoga = createYoga<Record<string, never>, GraphContext>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    healthCheckEndpoint: HEALTH_PATH,
    landingPage: false,
    graphiql: false,
    cors,
    batching: false,
    maxRequestBodySize: MAX_REQUEST_BYTES,
    context: ({ request }) => ({
      feed: new CallFeed(options.feed),
      clock,
      now: now(),
      limits,
      ranges: new OperationRangeDays(limits.rangeDays),
      live,
      work: new OperationWork(limits, request.signal, onStep),
      principal: principalOf(request),
    }),
    maskedErrors: { maskError },
    logging: yogaLogger(logger),
    plugins: [
      useRequestId(),
      useAccessLog(logger, metrics),
      useReadiness(() => (shuttingDown ? 'shutting down' : (options.notReadyReason?.() ?? null))),
      ...(metrics ? [useMetrics(metrics)] : []),
      ...(options.graphiql ?? true
        ? [useGraphiQL(() => ({
            ...graphiqlOptions(clock, now()),
            ...(keys.required && { headers: JSON.stringify({ Authorization: 'Bearer <your API key>' }, null, 2) }),
          }))]
        : []),
      useBrowserRequestRules(cors !== false),
      useOneDoor(),
      useAuthentication(keys),
      ...(options.trustedDocuments ? useTrustedDocuments(options.trustedDocuments, new ApiKeys(options.trustedDeveloperKeys ?? [])) : []),
      useRequestShapeChecks(),
      ...operationLimitPlugins(limits, options.introspection ?? true),
      useVisibleCost(),
      useOperationBounds(limits.responseBytes),
      compiledExecution(),
      ...(options.tracing ? useTracing(options.tracing) : []),
      useErrorCodes(),
    ],
  });

  return { yoga, handle: (req, res) => void yoga(req, res), markNotReady: () => void (shuttingDown = true), live };
}
