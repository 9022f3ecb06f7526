import { GraphQLError } from 'graphql';

/** The paths this server answers; every other path is 404 (one-door.ts). */
export const GRAPHQL_PATH = '/graphql';
export const HEALTH_PATH = '/healthz';
export const READY_PATH = '/readyz';
export const METRICS_PATH = '/metrics';
/** GraphiQL's static assets, named by their content hash. */
export const GRAPHIQL_ASSETS_PATH = '/graphiql/';

/** The route label of a path in metrics and logs: the path when it is one of ours, `other` otherwise. */
export function routeOf(path: string): string {
  if (path.startsWith(GRAPHIQL_ASSETS_PATH)) return GRAPHIQL_ASSETS_PATH;
  return [GRAPHQL_PATH, HEALTH_PATH, READY_PATH, METRICS_PATH].includes(path) ? path : 'other';
}

/** The Response class of the server's fetch API (yoga's hooks hand it over as `fetchAPI`). */
export type ResponseClass = typeof Response;

/** A JSON answer in the shape of a GraphQL error response, for requests that never reach GraphQL. */
export function errorResponse(fetchAPI: { Response: ResponseClass }, status: number, code: string, message: string): Response {
  return fetchAPI.Response.json({ errors: [{ message, extensions: { code } }] }, { status });
}

/**
 * A refusal of the HTTP request itself, before any operation runs: yoga answers it with `status` (and
 * `headers`) from `extensions.http`, which it strips from the body; `code` stays for the client.
 */
export function httpError(status: number, code: string, message: string, headers?: Record<string, string>): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status, ...(headers && { headers }) } } });
}
