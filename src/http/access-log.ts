import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../logger.js';
import { principalOf } from './authentication.js';
import { errorCodesOf } from './error-codes.js';
import type { Metrics } from './metrics.js';
import { requestIdOf } from './request-id.js';
import { GRAPHQL_PATH, routeOf } from './routes.js';

/** Codes that are nobody's fault here: the client's input, or wolkvox's state (logged at info/warn). */
const CLIENT_CODES = new Set(['BAD_USER_INPUT', 'BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'OPERATION_RESOLUTION_FAILURE', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_HASH_MISMATCH', 'TRUSTED_DOCUMENT_REQUIRED']);

/** The /metrics label of requests no principal was authenticated for. */
const UNAUTHENTICATED_LABEL = 'unauthenticated';

/**
 * One JSON line per request, with its id, route, principal (the policy name, `api-keys`, `anonymous` or
 * the JWT's subject; absent when none was authenticated), status, duration and the codes of its errors
 * counted (200 failed entity lookups are one line, not 200), at the level of the worst of them: error
 * when the server failed, warn when wolkvox did, info otherwise. Also feeds the HTTP metrics, and the
 * per-principal counts of requests and refusals.
 */
export function useAccessLog(logger: Logger, metrics?: Metrics): Plugin {
  // Kept from onRequest, where yoga has parsed the URL already.
  const started = new WeakMap<Request, { at: number; path: string }>();
  return {
    onRequest({ request, url }) {
      started.set(request, { at: performance.now(), path: url.pathname });
    },
    onResponse({ request, response }) {
      const start = started.get(request);
      const seconds = start ? (performance.now() - start.at) / 1000 : 0;
      const path = start?.path ?? new URL(request.url).pathname;
      metrics?.httpRequest(routeOf(path), response.status, seconds);
      const codes = errorCodesOf(request);
      const principal = principalOf(request);
      // GraphQL requests only: the GraphiQL page and CORS preflights at the same path are nobody's.
      if (path === GRAPHQL_PATH && (principal || response.status === 401)) {
        metrics?.principalRequest(principal?.metricLabel ?? UNAUTHENTICATED_LABEL, response.status === 401 ? ['UNAUTHENTICATED', ...codes] : codes);
      }
      const errors = codes.length ? countOf(codes) : undefined;
      const level = response.status >= 500 || codes.includes('INTERNAL_SERVER_ERROR') ? 'error' : codes.some((code) => !CLIENT_CODES.has(code)) ? 'warn' : 'info';
      logger[level](
        { requestId: requestIdOf(request), method: request.method, path: path.slice(0, 200), principal: principal?.name, status: response.status, ms: Math.round(seconds * 1000), errors },
        'request',
      );
    },
  };
}

function countOf(codes: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const code of codes) counts[code] = (counts[code] ?? 0) + 1;
  return counts;
}
