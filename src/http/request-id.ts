import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';

/** What a caller may pass as its own request id (anything else would be a log-injection vector). */
const OFFERED_ID = /^[\w.:-]{1,128}$/;

const ids = new WeakMap<Request, string>();

/** The id of a request: the caller's `x-request-id` when it is sane, otherwise a new UUID. */
export function requestIdOf(request: Request): string | undefined {
  return ids.get(request);
}

/**
 * Gives every request an id, answers it in `x-request-id`, and lets errors and log lines carry it,
 * so that a user's report finds the server's log line.
 */
export function useRequestId(): Plugin {
  return {
    onRequest({ request }) {
      const offered = request.headers.get('x-request-id');
      ids.set(request, offered !== null && OFFERED_ID.test(offered) ? offered : randomUUID());
    },
    onResponse({ request, response }) {
      const id = ids.get(request);
      if (id) response.headers.set('x-request-id', id);
    },
  };
}
