import { Counter, Gauge, type Registry } from 'prom-client';
import type { TierStats } from './tiered-window-store.js';

/** The window tiers: which one answered, what the durable one holds, what it refused to serve. */
export function watchTiers(registry: Registry, tiers: TierStats): void {
  const registers = [registry];
  new Counter({
    name: 'window_tier_hits_total',
    help: 'Window lookups answered by each tier (memory, then the durable one); the rest went to wolkvox (cache_misses_total).',
    labelNames: ['tier'],
    registers,
    collect() {
      this.reset();
      this.inc({ tier: 'memory' }, tiers.hits.memory);
      this.inc({ tier: tiers.durableTier }, tiers.hits.durable);
    },
  });
  new Gauge({ name: 'durable_store_bytes', help: 'Bytes the durable window tier occupies.', labelNames: ['tier'], registers, collect() { this.set({ tier: tiers.durableTier }, tiers.durableBytes()); } });
  new Counter({
    name: 'durable_store_dropped_total',
    help: 'Stored windows dropped and fetched again instead of served, by reason (format, version, checksum, content).',
    labelNames: ['reason'],
    registers,
    collect() {
      this.reset();
      for (const [reason, count] of Object.entries(tiers.dropped)) this.inc({ reason }, count);
    },
  });
  new Counter({
    name: 'day_rollup_tier_hits_total',
    help: 'Day roll-ups read from the durable tier (a settled day answered without its legs).',
    labelNames: ['tier'],
    registers,
    collect() {
      this.reset();
      this.inc({ tier: tiers.durableTier }, tiers.rollupHits);
    },
  });
  new Counter({
    name: 'day_rollups_dropped_total',
    help: 'Stored day roll-ups dropped and made again from their windows instead of served, by reason (format, version, checksum, content).',
    labelNames: ['reason'],
    registers,
    collect() {
      this.reset();
      for (const [reason, count] of Object.entries(tiers.droppedRollups)) this.inc({ reason }, count);
    },
  });
}
