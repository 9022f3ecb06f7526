import { httpError } from './routes.js';
import type { CORSOptions, Plugin } from 'graphql-yoga';

/**
 * Headers any of which marks a GET as sent by a GraphQL client rather than by a page the visitor
 * happens to have open: a browser cannot add them to a cross-site request without a CORS preflight,
 * which only `CORS_ORIGINS` pass. yoga's, Apollo Client's and a neutral one.
 */
const CSRF_HEADERS = ['x-graphql-csrf', 'x-graphql-yoga-csrf', 'apollo-require-preflight', 'x-apollo-operation-name'] as const;

/** Content types an HTML form (or a `fetch` without preflight) can send: never GraphQL here. */
const FORM_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * yoga's CORS settings: none by default (no browser page on another origin may read an answer);
 * with `CORS_ORIGINS`, exactly those origins, with credentials and the headers clients send.
 */
export function corsOptions(origins: readonly string[]): CORSOptions | false {
  if (origins.length === 0) return false;
  return {
    origin: [...origins],
    credentials: true,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['content-type', 'accept', 'authorization', 'x-request-id', 'traceparent', 'tracestate', ...CSRF_HEADERS],
    exposedHeaders: ['x-request-id'],
    maxAge: 600,
  };
}

/**
 * Cross-site request forgery: with cookies out of play the data is still the visitor's network's
 * (an intranet server, or anonymous mode), so a page elsewhere must not make the visitor's browser run
 * an operation. Requests a browser sends without a preflight are refused: form content types (415) and
 * GETs without one of CSRF_HEADERS (403), as yoga's csrf-prevention plugin does, with messages that
 * name the fix. A preflight without CORS_ORIGINS gets an empty 204: no key needed, nothing allowed.
 */
export function useBrowserRequestRules(corsEnabled: boolean): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      // With CORS on, yoga's CORS plugin (which runs earlier) has answered the preflight already.
      if (!corsEnabled && request.method === 'OPTIONS') endResponse(new fetchAPI.Response(null, { status: 204 }));
    },
    onRequestParse({ request }) {
      const contentType = (request.headers.get('content-type') ?? '').toLowerCase();
      if (request.method === 'POST' && FORM_CONTENT_TYPES.some((type) => contentType.startsWith(type))) {
        throw httpError(415, 'BAD_REQUEST', `Send GraphQL as \`content-type: application/json\`; ${contentType.split(';')[0]} is refused (a form on any web page can send it).`);
      }
      if (request.method === 'GET' && !CSRF_HEADERS.some((header) => request.headers.has(header))) {
        throw httpError(403, 'BAD_REQUEST', `A GET request must carry one of the headers ${CSRF_HEADERS.join(', ')} (any value), or be sent as POST with content-type application/json: this protects against cross-site request forgery.`);
      }
    },
  };
}
