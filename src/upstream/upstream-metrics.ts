import { Counter, Histogram, type Registry } from 'prom-client';
import { LATENCY_BUCKETS, scrapedMetric } from '../prometheus.js';
import type { DailyBudget } from './daily-budget.js';
import type { UpstreamObserver } from './wolkvox-client.js';

/** The hooks the wolkvox client reports its attempts and its waits for the token through. */
export function upstreamMetrics(registry: Registry): UpstreamObserver {
  const registers = [registry];
  const attempts = new Counter({ name: 'upstream_requests_total', help: 'HTTP attempts to wolkvox by outcome (ok, empty, or the error code).', labelNames: ['outcome'], registers });
  const latency = new Histogram({ name: 'upstream_request_duration_seconds', help: 'Latency of HTTP attempts to wolkvox.', buckets: LATENCY_BUCKETS, registers });
  const gateWait = new Histogram({ name: 'token_gate_wait_seconds', help: 'Time a request waited for the wolkvox token.', buckets: LATENCY_BUCKETS, registers });
  return {
    attempt: (outcome, seconds) => {
      attempts.inc({ outcome });
      latency.observe(seconds);
    },
    gateWait: (seconds) => gateWait.observe(seconds),
  };
}

/** What protects wolkvox: the daily budget's use and the circuit breaker, read when Prometheus scrapes. */
export function watchUpstreamProtection(registry: Registry, budget: DailyBudget | null, circuitOpen: () => boolean): void {
  scrapedMetric(registry, 'quota_used_today', 'wolkvox requests spent today against WOLKVOX_DAILY_BUDGET.', () => budget?.used ?? 0);
  scrapedMetric(registry, 'quota_budget', 'WOLKVOX_DAILY_BUDGET (0: no guard).', () => budget?.limit ?? 0);
  scrapedMetric(registry, 'upstream_circuit_open', '1 while the wolkvox circuit breaker is open.', () => (circuitOpen() ? 1 : 0));
}
