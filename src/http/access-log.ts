import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../logger.js';
import { errorCodesOf } from './error-codes.js';
import type { Metrics } from './metrics.js';
import { requestIdOf } from './request-id.js';
import { routeOf } from './routes.js';

/** Codes that are nobody's fault here: the client's input, or wolkvox's state (logged at info/warn). */
const CLIENT_CODES = new Set(['BAD_USER_INPUT', 'BAD_REQUEST', 'UNAUTHENTICATED', 'NOT_FOUND', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'OPERATION_RESOLUTION_FAILURE', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_HASH_MISMATCH', 'TRUSTED_DOCUMENT_REQUIRED']);

/**
 * One JSON line per request, with its id, route, status, duration and the codes of its errors counted
 * (200 failed entity lookups are one line, not 200), at the level of the worst of them: error when the
 * server failed, warn when wolkvox did, info otherwise. Also feeds the HTTP metrics.
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
      const errors = codes.length ? countOf(codes) : undefined;
      const level = response.status >= 500 || codes.includes('INTERNAL_SERVER_ERROR') ? 'error' : codes.some((code) => !CLIENT_CODES.has(code)) ? 'warn' : 'info';
      logger[level]({ requestId: requestIdOf(request), method: request.method, path: path.slice(0, 200), status: response.status, ms: Math.round(seconds * 1000), errors }, 'request');
    },
  };
}

function countOf(codes: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const code of codes) counts[code] = (counts[code] ?? 0) + 1;
  return counts;
}
