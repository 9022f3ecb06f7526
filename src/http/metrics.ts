import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { LATENCY_BUCKETS } from '../prometheus.js';

/** The codes counted as a principal's refusals: bounded, so that the label set stays small. */
const REFUSALS = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'UPSTREAM_QUOTA']);

/**
 * The Prometheus registry of one server, served on `/metrics`, with the HTTP layer's own metrics. The
 * other parts register theirs beside the code they measure (feed/engine-metrics.ts,
 * upstream/upstream-metrics.ts, store/tier-metrics.ts, replicas/replica-metrics.ts), wired in service.ts.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly httpRequests = new Counter({ name: 'http_requests_total', help: 'HTTP requests by route and status.', labelNames: ['route', 'status'], registers: [this.registry] });
  private readonly httpLatency = new Histogram({ name: 'http_request_duration_seconds', help: 'HTTP request latency by route.', labelNames: ['route'], buckets: LATENCY_BUCKETS, registers: [this.registry] });
  private readonly principalRequests = new Counter({
    name: 'principal_requests_total',
    help: 'GraphQL requests by principal: ACCESS_POLICY names, api-keys, anonymous, jwt (subjects the policy does not name), unauthenticated.',
    labelNames: ['principal'],
    registers: [this.registry],
  });
  private readonly principalRefusals = new Counter({
    name: 'principal_refusals_total',
    help: 'GraphQL requests refused in whole or part, by principal and code: UNAUTHENTICATED, FORBIDDEN (personal data), UPSTREAM_QUOTA (a share, an allowance or the daily budget used up).',
    labelNames: ['principal', 'code'],
    registers: [this.registry],
  });
  private readonly operations = new Counter({ name: 'graphql_operations_total', help: 'GraphQL operations by outcome (ok, error, rejected).', labelNames: ['outcome'], registers: [this.registry] });
  private readonly reportSteps = new Counter({
    name: 'report_steps_total',
    help: 'Steps of report work: a unit merged, a window scanned, a window of a leg scan. It stops rising when an operation is stopped.',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  httpRequest(route: string, status: number, seconds: number): void {
    this.httpRequests.inc({ route, status: String(status) });
    this.httpLatency.observe({ route }, seconds);
  }

  /** One GraphQL request of a principal (by its label), and each refusal code among its errors once. */
  principalRequest(principal: string, codes: readonly string[]): void {
    this.principalRequests.inc({ principal });
    for (const code of new Set(codes)) if (REFUSALS.has(code)) this.principalRefusals.inc({ principal, code });
  }

  /** One step of an operation's report work (OperationWork's hook). */
  reportStep(): void {
    this.reportSteps.inc();
  }

  operation(outcome: 'ok' | 'error' | 'rejected'): void {
    this.operations.inc({ outcome });
  }
}
