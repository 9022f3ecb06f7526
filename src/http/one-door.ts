import type { Plugin } from 'graphql-yoga';
import { errorResponse, GRAPHQL_PATH } from './routes.js';

/**
 * The graph is served on exactly one path. yoga on its own also answers any path that ends in
 * `/graphql` (`/x/graphql`, `/graphql/`), which once let requests around the API key check; here every
 * other path is 404, whatever its spelling. Runs after the plugins that serve the other routes.
 */
export function useOneDoor(): Plugin {
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== GRAPHQL_PATH) {
        endResponse(errorResponse(fetchAPI, 404, 'NOT_FOUND', `Nothing here: the GraphQL endpoint is ${GRAPHQL_PATH}.`));
      }
    },
  };
}
