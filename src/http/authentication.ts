import type { Plugin } from 'graphql-yoga';
import { isFailure, type Credentials } from '../access/credentials.js';
import type { Principal } from '../access/principal.js';
import { httpError } from './routes.js';

const CHALLENGE = 'Bearer realm="wolkvox-cdr-graph"';

const principals = new WeakMap<Request, Principal>();

/** The principal a request was authenticated as; undefined for requests that never reached GraphQL. */
export function principalOf(request: Request): Principal | undefined {
  return principals.get(request);
}

/**
 * Every request that reaches GraphQL is authenticated as a principal (access/credentials.ts), whatever
 * its method or content type. It runs before the body is parsed, so an anonymous caller cannot make
 * the server read 25 MB. What is served without a credential never reaches this hook: health,
 * readiness, metrics, CORS preflights and the GraphiQL page (whose headers pane is where a person
 * enters the key).
 */
export function useAuthentication(credentials: Credentials): Plugin {
  return {
    async onRequestParse({ request }) {
      const outcome = await credentials.principalOf(request.headers.get('authorization'));
      if (!isFailure(outcome)) return void principals.set(request, outcome);
      if (outcome.kind === 'unverifiable') throw httpError(503, 'AUTHENTICATION_UNAVAILABLE', outcome.message, { 'retry-after': '5' });
      throw httpError(401, 'UNAUTHENTICATED', outcome.message, { 'www-authenticate': CHALLENGE });
    },
  };
}
