import type { Registry } from 'prom-client';
import { scrapedMetric } from '../prometheus.js';
import type { Replicas } from './replicas.js';

/** What this replica shares through Redis: windows found there, the token gate across replicas, the connection. */
export function watchReplicas(registry: Registry, replicas: Pick<Replicas, 'windows' | 'gate' | 'state'>): void {
  const stat = (name: string, help: string, read: () => number) => scrapedMetric(registry, name, help, read);
  stat('shared_window_hits_total', 'Windows this replica found fresh in Redis (stored by any replica).', () => replicas.windows.stats.hits);
  stat('shared_window_misses_total', 'Windows looked for in Redis and not found fresh there.', () => replicas.windows.stats.misses);
  stat('shared_token_gate_acquired_total', 'Times this replica took a slot of the token gate shared by all replicas.', () => replicas.gate.stats.acquired);
  stat('shared_token_gate_wait_seconds_total', 'Time this replica waited for the shared token gate (other replicas held it).', () => replicas.gate.stats.waitSeconds);
  stat('shared_token_leases_expired_total', 'Leases left to run out because wolkvox may still have been working (timeouts, resets).', () => replicas.gate.stats.leasesLeftToExpire);
  stat('shared_state_up', '1 while Redis is reachable; at 0 this replica serves cached windows only.', () => (replicas.state.reachable ? 1 : 0));
}
