import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { LATENCY_BUCKETS } from '../prometheus.js';

/**
 * The Prometheus registry of one server, served on `/metrics`, with the HTTP layer's own metrics. The
 * other parts register theirs beside the code they measure (feed/engine-metrics.ts,
 * upstream/upstream-metrics.ts, store/tier-metrics.ts, replicas/replica-metrics.ts), wired in service.ts.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly httpRequests = new Counter({ name: 'http_requests_total', help: 'HTTP requests by route and status.', labelNames: ['route', 'status'], registers: [this.registry] });
  private readonly httpLatency = new Histogram({ name: 'http_request_duration_seconds', help: 'HTTP request latency by route.', labelNames: ['route'], buckets: LATENCY_BUCKETS, registers: [this.registry] });
  private readonly operations = new Counter({ name: 'graphql_operations_total', help: 'GraphQL operations by outcome (ok, error, rejected).', labelNames: ['outcome'], registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  httpRequest(route: string, status: number, seconds: number): void {
    this.httpRequests.inc({ route, status: String(status) });
    this.httpLatency.observe({ route }, seconds);
  }

  operation(outcome: 'ok' | 'error' | 'rejected'): void {
    this.operations.inc({ outcome });
  }
}
