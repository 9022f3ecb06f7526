import type { TimeRange } from '../../src/domain/time/time-range.js';
import type { ZoneClock } from '../../src/domain/time/zone-clock.js';
import { CallFeed, sharedFeed, type RangeWindows } from '../../src/feed/call-feed.js';
import { FreshnessPolicy } from '../../src/feed/freshness.js';
import { WindowEngine } from '../../src/feed/window-engine.js';
import { WindowStore } from '../../src/feed/window-store.js';
import { LmdbWindowArchive } from '../../src/store/lmdb-archive.js';
import { TieredWindowStore } from '../../src/store/tiered-window-store.js';
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

/**
 * A feed over `sim` whose windows and day roll-ups are kept in an LMDB archive in `dataDir`, as a
 * server keeps them in DATA_DIR, long after the data settled. Each `feed()` is one operation's; `close`
 * ends the "process" (what is left to write is written), after which another may open the same folder.
 */
export function durableFeeds(sim: WolkvoxSimulator, clock: ZoneClock, dataDir: string) {
  const archive = LmdbWindowArchive.open(dataDir);
  const engine = new WindowEngine({
    source: clientFor(sim),
    store: new TieredWindowStore(1_000_000, { archive, namespace: 'test/rollups' }),
    freshness: new FreshnessPolicy({ refreshMs: 300_000, settleMs: 7_200_000 }),
    maxRequestSpanMs: 7 * 86_400_000,
    now: () => Date.parse('2025-12-01T00:00:00Z'),
  });
  // A year's first report makes its roll-ups from some 50 week-long requests: past one operation's default 20.
  const shared = sharedFeed(engine, clock, 'hour', 1_000);
  return { engine, feed: () => new CallFeed(shared), close: () => archive.close() };
}
