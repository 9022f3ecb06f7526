import { Counter, Gauge, type Registry } from 'prom-client';

/** Latency buckets of every histogram we expose (HTTP requests, wolkvox attempts, waits for the token), in seconds. */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * A value its part keeps anyway, read when Prometheus scrapes, so that the part carries no metrics code
 * on its path: monotonic counts (`_total`) as counters, levels as gauges.
 */
export function scrapedMetric(registry: Registry, name: string, help: string, read: () => number): void {
  const registers = [registry];
  if (name.endsWith('_total')) new Counter({ name, help, registers, collect() { this.reset(); this.inc(read()); } });
  else new Gauge({ name, help, registers, collect() { this.set(read()); } });
}
