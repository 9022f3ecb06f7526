import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import type { Secret } from '../secret.js';
import type { Metrics } from './metrics.js';
import { ApiKeys } from './api-keys.js';
import { METRICS_PATH } from './routes.js';

/**
 * Who may read /metrics, and where. The figures (the wolkvox quota used today and its budget, the
 * circuit, the Node version) are the operator's, not every caller's: with METRICS_PORT they are served
 * on that port only (for a network rule to guard), with METRICS_KEY to that key only, and otherwise to
 * the API keys the graph itself asks for (to anyone only when the graph is open to anyone).
 */
export interface MetricsAccess {
  /** False with METRICS_PORT: the GraphQL port has no /metrics. */
  readonly onGraphPort: boolean;
  /** Keys that may read them; none: anyone who can reach the port, unless `closed`. */
  readonly keys: ApiKeys;
  /** Nobody may: the graph asks for credentials (ACCESS_POLICY, JWTs) but no key may read metrics (no API_KEYS, no METRICS_KEY). */
  readonly closed: boolean;
}

/**
 * METRICS_KEY when set; else, on the GraphQL port, the graph's API keys, and on a port of its own
 * (METRICS_PORT), which a network rule guards, none. Scoped principals (ACCESS_POLICY, JWTs) never
 * read them: a graph that has only those keeps /metrics closed until METRICS_KEY or METRICS_PORT is set.
 */
export function metricsAccess(settings: { apiKeys: readonly Secret[]; metricsKey: Secret | null; metricsOnOwnPort: boolean; graphIsOpen: boolean }): MetricsAccess {
  const keys = settings.metricsKey ? [settings.metricsKey] : settings.metricsOnOwnPort ? [] : settings.apiKeys;
  return { onGraphPort: !settings.metricsOnOwnPort, keys: new ApiKeys(keys), closed: keys.length === 0 && !settings.metricsOnOwnPort && !settings.graphIsOpen };
}

const CHALLENGE = 'Bearer realm="metrics"';
const REFUSAL = 'Metrics need `Authorization: Bearer <key>` with the metrics key (METRICS_KEY), or an API key when none is set (with ACCESS_POLICY or JWTs alone, set METRICS_KEY or METRICS_PORT).';

/** `/metrics` on the GraphQL port (unless METRICS_PORT moved it), and the outcome of every GraphQL operation counted. */
export function useMetrics(metrics: Metrics, access: MetricsAccess): Plugin {
  return {
    onRequest({ url, request, endResponse, fetchAPI }) {
      if (url.pathname !== METRICS_PATH || !access.onGraphPort) return;
      if (!allowed(access, request.headers.get('authorization'))) {
        return endResponse(fetchAPI.Response.json({ errors: [{ message: REFUSAL, extensions: { code: 'UNAUTHENTICATED' } }] }, { status: 401, headers: { 'www-authenticate': CHALLENGE } }));
      }
      return metrics.registry.metrics().then((text) => endResponse(new fetchAPI.Response(text, { headers: { 'content-type': metrics.registry.contentType } })));
    },
    onResultProcess({ result }) {
      if (Array.isArray(result) || !('errors' in result || 'data' in result)) return;
      const errors = 'errors' in result ? result.errors : undefined;
      metrics.operation(!errors?.length ? 'ok' : 'data' in result && result.data ? 'error' : 'rejected');
    },
  };
}

/** The METRICS_PORT listener: `GET /metrics` and nothing else. */
export function metricsListener(metrics: Metrics, access: MetricsAccess): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://metrics').pathname;
    if (path !== METRICS_PATH || (req.method !== 'GET' && req.method !== 'HEAD')) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    if (!allowed(access, req.headers.authorization ?? null)) {
      return void res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': CHALLENGE }).end(JSON.stringify({ errors: [{ message: REFUSAL, extensions: { code: 'UNAUTHENTICATED' } }] }));
    }
    metrics.registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  };
}

function allowed(access: MetricsAccess, authorization: string | null): boolean {
  return !access.closed && (!access.keys.required || access.keys.accepts(authorization ?? undefined));
}
