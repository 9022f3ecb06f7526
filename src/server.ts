import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { GraphQLError } from 'graphql';
import { createYoga, maskError as maskUnexpected, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { CallFeed, type SharedFeed } from './feed/call-feed.js';
import { graphiqlOptions } from './http/graphiql.js';
import { ApiKeys } from './http/api-keys.js';
import { compiledExecution } from './http/compiled-execution.js';
import type { Metrics } from './http/metrics.js';
import { DEFAULT_LIMITS, operationLimitPlugins, type OperationLimits } from './http/operation-limits.js';
import type { Logger } from './logger.js';
import type { GraphContext } from './schema/context.js';
import { schema } from './schema/index.js';
import { RangeBudget } from './schema/range-budget.js';
import type { Secret } from './secret.js';
import { UpstreamError } from './upstream/errors.js';

export interface GraphServerOptions {
  /** What every operation's feed reads through: the window engine (cache, coalescing) and the roll-ups. */
  readonly feed: SharedFeed;
  readonly logger: Logger;
  /** The server's clock; tests fix it. */
  readonly now?: () => number;
  /** Client keys; none means anonymous access (config.ts decides when that is allowed). */
  readonly apiKeys?: readonly Secret[];
  readonly introspection?: boolean;
  readonly limits?: OperationLimits;
  readonly metrics?: Metrics;
  /** Why the server should not take traffic now (e.g. the wolkvox circuit is open), or null. */
  readonly notReadyReason?: () => string | null;
}

export interface GraphServer {
  readonly yoga: YogaServerInstance<Record<string, never>, GraphContext>;
  /** The node:http handler: /healthz, /readyz, /metrics, then GraphQL on /graphql. */
  readonly handle: (req: IncomingMessage, res: ServerResponse) => void;
  /** From now on /readyz answers 503 (used while shutting down). */
  markNotReady(): void;
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

export function createGraphServer(options: GraphServerOptions): GraphServer {
  const now = options.now ?? Date.now;
  const { logger, metrics } = options;
  const { clock } = options.feed;
  const keys = new ApiKeys(options.apiKeys ?? []);
  const limits = options.limits ?? DEFAULT_LIMITS;
  let shuttingDown = false;

  const yoga = createYoga<Record<string, never>, GraphContext>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    context: () => ({ feed: new CallFeed(options.feed), clock, now: now(), limits, ranges: new RangeBudget(limits.rangeDays) }),
    graphiql: () => ({
      ...graphiqlOptions(clock, now()),
      ...(keys.required && { headers: JSON.stringify({ Authorization: 'Bearer <your API key>' }, null, 2) }),
    }),
    renderGraphiQL,
    maskedErrors: { maskError: typedError },
    plugins: [...operationLimitPlugins(limits, options.introspection ?? true), compiledExecution(), decorateErrors, ...(metrics ? [countOperations(metrics)] : [])],
    logging: {
      debug: (...args) => logger.debug({ args }, 'yoga'),
      info: (...args) => logger.info({ args }, 'yoga'),
      warn: (...args) => logger.warn({ args }, 'yoga'),
      error: (...args) => logger.error({ args }, 'yoga'),
    },
  });

  const route = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    if (path === '/healthz') return json(res, 200, { status: 'ok' });
    if (path === '/readyz') {
      const reason = shuttingDown ? 'shutting down' : (options.notReadyReason?.() ?? null);
      return reason ? json(res, 503, { status: 'not ready', reason }) : json(res, 200, { status: 'ready' });
    }
    if (path === '/metrics' && metrics) {
      res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(await metrics.registry.metrics());
      return;
    }
    if (path === '/graphql' && keys.required && !isGraphiQLPage(req) && !keys.accepts(req.headers.authorization)) {
      res.setHeader('www-authenticate', 'Bearer realm="wolkvox-cdr-graph"');
      const message = req.headers.authorization ? 'The API key is not valid.' : 'An API key is required: send `Authorization: Bearer <key>`.';
      return json(res, 401, { errors: [{ message, extensions: { code: 'UNAUTHENTICATED', requestId: res.getHeader('x-request-id') } }] });
    }
    await yoga(req, res);
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const offered = req.headers['x-request-id'];
    const requestId = typeof offered === 'string' && REQUEST_ID.test(offered) ? offered : randomUUID();
    // Set on the request too, so that GraphQL errors (which see only the request) can carry it.
    req.headers['x-request-id'] = requestId;
    res.setHeader('x-request-id', requestId);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    res.once('finish', () => {
      const seconds = (performance.now() - started) / 1000;
      const known = ['/graphql', '/healthz', '/readyz', '/metrics'].includes(path) ? path : 'other';
      metrics?.httpRequest(known, res.statusCode, seconds);
      logger.info({ requestId, method: req.method, path, status: res.statusCode, ms: Math.round(seconds * 1000) }, 'request');
    });
    route(req, res, path).catch((error: unknown) => {
      logger.error({ requestId, err: error instanceof Error ? error.message : String(error) }, 'request failed');
      if (!res.headersSent) json(res, 500, { errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }] });
    });
  };

  return { yoga, handle, markNotReady: () => void (shuttingDown = true) };
}

/** A browser opening /graphql gets the GraphiQL page without a key; the key goes in its headers pane. */
function isGraphiQLPage(req: IncomingMessage): boolean {
  return req.method === 'GET' && (req.headers.accept ?? '').includes('text/html') && !/[?&]query=/.test(req.url ?? '');
}

/**
 * Every error carries a code and the request id (so that a user's report finds the server's log
 * line). An error without a code was raised before anything ran (a limit, a validation rule): the
 * operation as sent cannot run, so it is BAD_USER_INPUT.
 */
const decorateErrors: Plugin = {
  onResultProcess: ({ request, result, setResult }) => {
    if (Array.isArray(result) || !('errors' in result) || !result.errors?.length) return;
    const requestId = request.headers.get('x-request-id');
    setResult({
      ...result,
      errors: result.errors.map((error) => {
        if (!(error instanceof GraphQLError)) return error;
        const extensions = { code: 'BAD_USER_INPUT', ...error.extensions, ...(requestId && { requestId }) };
        return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, originalError: error.originalError, extensions });
      }),
    });
  },
};

function countOperations(metrics: Metrics): Plugin {
  return {
    onResultProcess: ({ result }) => {
      if (Array.isArray(result) || !('errors' in result || 'data' in result)) return;
      const errors = 'errors' in result ? result.errors : undefined;
      metrics.operation(!errors?.length ? 'ok' : 'data' in result && result.data ? 'error' : 'rejected');
    },
  };
}

/**
 * What a client sees of an error: an upstream failure keeps its message (never the token) and gets its
 * typed code; errors raised on purpose (GraphQLError) pass as they are; anything else is masked.
 */
function typedError(error: unknown, message: string, isDev?: boolean): Error {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof UpstreamError) {
    const located = error instanceof GraphQLError ? error : undefined;
    return new GraphQLError(original.message, { nodes: located?.nodes, path: located?.path, extensions: { code: original.code } });
  }
  // @apollo/subgraph refuses a representation without a known __typename with a plain Error: the
  // gateway's (or a client's) input is wrong, not the server.
  if (error instanceof GraphQLError && error.path?.[0] === '_entities' && original instanceof Error && original.message.startsWith('The _entities resolver')) {
    return new GraphQLError(original.message, { nodes: error.nodes, path: error.path, extensions: { code: 'BAD_USER_INPUT' } });
  }
  return maskUnexpected(error, message, isDev);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
