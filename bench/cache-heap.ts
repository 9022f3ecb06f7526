import { ZoneClock } from '../src/domain/time/zone-clock.js';
import { CallFeed, sharedFeed } from '../src/feed/call-feed.js';
import { FreshnessPolicy } from '../src/feed/freshness.js';
import { WindowEngine, type CallSource } from '../src/feed/window-engine.js';
import { WindowStore } from '../src/feed/window-store.js';
import { readCdrBody } from '../src/upstream/cdr-response.js';
import { CdrDataset } from '../simulator/dataset.js';
import { settledHeapUsed, type BenchRow } from './measure.js';

const ZONE = 'America/Bogota';
const DAY_MS = 86_400_000;
const DENSITIES = [
  { legsPerDay: 200, days: 60 },
  { legsPerDay: 2_000, days: 30 },
  { legsPerDay: 20_000, days: 7 },
  { legsPerDay: 100_000, days: 2 },
] as const;

/**
 * What the window cache holds on the heap per leg — calls, their summaries and day roll-ups — at three
 * densities, and how close the cache's own estimate (which its budget is enforced on) comes to it.
 * Rows come through the real parser from a source in this process, so that nothing but the cache
 * stays on the heap; the dataset's own hours are generated before the first measure.
 */
export async function cacheHeapBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const { legsPerDay, days } of DENSITIES) {
    const clock = new ZoneClock(ZONE);
    const dataset = new CdrDataset({ seed: 5, callsPerDay: legsPerDay, timeZone: ZONE });
    const source: CallSource = {
      fetchCalls: (range) => {
        const data = dataset.callsBetween(range).map((call) => call.row);
        const parsed = readCdrBody(JSON.stringify({ code: 200, error: null, msg: 'ok', data }), clock);
        return Promise.resolve({ ...parsed, range, possiblyTruncated: false, outsideRange: 0 });
      },
    };
    const freshness = new FreshnessPolicy({ refreshMs: 300_000, settleMs: 7_200_000 });
    const store = new WindowStore(100_000_000);
    const engine = new WindowEngine({ source, store, freshness, maxRequestSpanMs: DAY_MS });
    const from = Date.parse('2025-06-02T00:00:00-05:00');
    const range = { from, to: from + days * DAY_MS };
    dataset.callsBetween({ from: from - DAY_MS, to: range.to + DAY_MS });
    // The parser's and engine's first use compiles code and fills caches: not what the cache holds.
    await new WindowEngine({ source, store: new WindowStore(1_000), freshness, maxRequestSpanMs: DAY_MS }).load([{ from: from - DAY_MS, to: from }]);
    const before = await settledHeapUsed();
    await new CallFeed(sharedFeed(engine, clock, 'hour', 1_000)).callsIn(range);
    const held = (await settledHeapUsed()) - before;
    const legs = store.rows - store.size;
    const scenario = `cache: ${days} days × ${legsPerDay.toLocaleString('en-US')} legs/day (${legs.toLocaleString('en-US')})`;
    rows.push(
      { scenario, measure: 'heap per leg, all in (calls, summaries, roll-ups)', value: `${Math.round(held / legs)} bytes` },
      { scenario, measure: 'cache estimate / heap held', value: `${(store.bytes / held).toFixed(2)}`, target: '≈ 1' },
    );
  }
  return rows;
}
