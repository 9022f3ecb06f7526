import type { TimeRange } from '../../src/domain/time/time-range.js';
import type { ZoneClock } from '../../src/domain/time/zone-clock.js';
import { CallFeed, sharedFeed, type RangeWindows } from '../../src/feed/call-feed.js';
import { FreshnessPolicy } from '../../src/feed/freshness.js';
import { WindowEngine } from '../../src/feed/window-engine.js';
import { WindowStore } from '../../src/feed/window-store.js';
import type { WolkvoxSimulator } from '../../simulator/server.js';
import { clientFor } from './simulator.js';

/** The hour windows of `range` from `sim`, loaded through a real engine long after they settled: what reports are built from. */
export async function settledWindows(sim: WolkvoxSimulator, clock: ZoneClock, range: TimeRange): Promise<RangeWindows> {
  const engine = new WindowEngine({
    source: clientFor(sim),
    store: new WindowStore(1_000_000),
    freshness: new FreshnessPolicy({ refreshMs: 300_000, settleMs: 7_200_000 }),
    maxRequestSpanMs: 7 * 86_400_000,
    now: () => Date.parse('2025-12-01T00:00:00Z'),
  });
  return new CallFeed(sharedFeed(engine, clock, 'hour')).callsIn(range);
}
