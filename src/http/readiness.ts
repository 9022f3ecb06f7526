import type { Plugin } from 'graphql-yoga';
import { READY_PATH } from './routes.js';

/**
 * `/readyz`: 200 while the server should take traffic, 503 with the reason otherwise (shutting down,
 * the wolkvox circuit open, shared state unreachable), so that a load balancer drains it.
 */
export function useReadiness(notReadyReason: () => string | null): Plugin {
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== READY_PATH) return;
      const reason = notReadyReason();
      endResponse(reason ? fetchAPI.Response.json({ status: 'not ready', reason }, { status: 503 }) : fetchAPI.Response.json({ status: 'ready' }));
    },
  };
}
