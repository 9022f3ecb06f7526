import type { Plugin } from 'graphql-yoga';
import type { ApiKeys } from './api-keys.js';
import { httpError } from './routes.js';

const CHALLENGE = 'Bearer realm="wolkvox-cdr-graph"';

/** The principal of every caller when the server takes no keys, and of requests that never needed one. */
export const ANONYMOUS = 'anonymous';

const principals = new WeakMap<Request, string>();

/** Who sent `request` (ApiKeys.principalOf), as the authentication below found it; ANONYMOUS without keys. */
export function principalOf(request: Request): string {
  return principals.get(request) ?? ANONYMOUS;
}

/**
 * Every request that reaches GraphQL carries a valid key (`Authorization: Bearer <key>`), whatever
 * its method or content type. It runs before the body is parsed, so an anonymous caller cannot make
 * the server read 25 MB. What is served without a key never reaches this hook: health, readiness,
 * metrics, CORS preflights and the GraphiQL page (whose headers pane is where a person enters the key).
 * The key's principal is what the context names the caller by (`principalOf`).
 */
export function useAuthentication(keys: ApiKeys): Plugin {
  if (!keys.required) return {};
  return {
    onRequestParse({ request }) {
      const authorization = request.headers.get('authorization');
      const principal = keys.principalOf(authorization ?? undefined);
      if (principal !== null) {
        principals.set(request, principal);
        return;
      }
      const message = authorization ? 'The API key is not valid.' : 'An API key is required: send `Authorization: Bearer <key>`.';
      throw httpError(401, 'UNAUTHENTICATED', message, { 'www-authenticate': CHALLENGE });
    },
  };
}
