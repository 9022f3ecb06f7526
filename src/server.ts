import type { IncomingMessage, ServerResponse } from 'node:http';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { GraphQLError } from 'graphql';
import { createYoga, maskError as maskUnexpected, type YogaServerInstance } from 'graphql-yoga';
import { CallFeed, type SharedFeed } from './feed/call-feed.js';
import { graphiqlOptions } from './graphiql.js';
import type { Logger } from './logger.js';
import type { GraphContext } from './schema/context.js';
import { schema } from './schema/index.js';
import { UpstreamError } from './upstream/errors.js';

export interface GraphServerOptions {
  /** What every operation's feed reads through: the window engine (cache, coalescing) and the roll-ups. */
  readonly feed: SharedFeed;
  readonly logger: Logger;
  /** The server's clock; tests fix it. */
  readonly now?: () => number;
}

export interface GraphServer {
  readonly yoga: YogaServerInstance<Record<string, never>, GraphContext>;
  /** The node:http handler: /healthz, /readyz, then GraphQL on /graphql. */
  readonly handle: (req: IncomingMessage, res: ServerResponse) => void;
  /** From now on /readyz answers 503 (used while shutting down). */
  markNotReady(): void;
}

export function createGraphServer(options: GraphServerOptions): GraphServer {
  const now = options.now ?? Date.now;
  const { logger } = options;
  const { clock } = options.feed;
  let ready = true;

  const yoga = createYoga<Record<string, never>, GraphContext>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    context: () => ({ feed: new CallFeed(options.feed), clock, now: now() }),
    graphiql: () => graphiqlOptions(clock, now()),
    renderGraphiQL,
    maskedErrors: { maskError: typedError },
    logging: {
      debug: (...args) => logger.debug({ args }, 'yoga'),
      info: (...args) => logger.info({ args }, 'yoga'),
      warn: (...args) => logger.warn({ args }, 'yoga'),
      error: (...args) => logger.error({ args }, 'yoga'),
    },
  });

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') return json(res, 200, { status: 'ok' });
    if (path === '/readyz') return ready ? json(res, 200, { status: 'ready' }) : json(res, 503, { status: 'shutting down' });
    void yoga(req, res);
  };

  return { yoga, handle, markNotReady: () => void (ready = false) };
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
  return maskUnexpected(error, message, isDev);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
