import type { Plugin } from 'graphql-yoga';
import type { Metrics } from './metrics.js';
import { METRICS_PATH } from './routes.js';

/** `/metrics` for Prometheus, and the outcome of every GraphQL operation counted. */
export function useMetrics(metrics: Metrics): Plugin {
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== METRICS_PATH) return;
      return metrics.registry.metrics().then((text) => endResponse(new fetchAPI.Response(text, { headers: { 'content-type': metrics.registry.contentType } })));
    },
    onResultProcess({ result }) {
      if (Array.isArray(result) || !('errors' in result || 'data' in result)) return;
      const errors = 'errors' in result ? result.errors : undefined;
      metrics.operation(!errors?.length ? 'ok' : 'data' in result && result.data ? 'error' : 'rejected');
    },
  };
}
