import { describe, expect, it } from 'vitest';
import { ZoneClock } from '../../src/domain/time/zone-clock.js';
import { WindowRefresher } from '../../src/feed/refresher.js';
import { CallsPageDocument } from '../../operations/generated/graphql.js';
import { createLogger } from '../../src/logger.js';
import { graph } from '../support/graph.js';
import { simulator } from '../support/simulator.js';

describe('the background refresher', () => {
  it('keeps today warm: after a tick, a query on today costs no upstream request, and stale windows are refetched on the next', async () => {
    let now = Date.parse('2025-03-04T15:20:00-05:00');
    const clock = () => now;
    const sim = await simulator({ dataset: { now: clock } });
    const { engine, execute } = await graph({ sim, now: clock });
    const refresher = new WindowRefresher(engine, new ZoneClock('America/Bogota'), 'hour', 300_000, createLogger('silent'), clock);

    await refresher.tick();
    expect(sim.counters.requests).toBe(1);
    expect(sim.received[0]?.url).toContain('date_ini=20250304000000&date_end=20250304155959');

    const today = { from: '2025-03-04T00:00:00-05:00', to: '2025-03-05T00:00:00-05:00' };
    const count = (await execute(CallsPageDocument, { range: today, first: 0 })).data!.calls!.totalCount;
    expect(sim.counters.requests).toBe(1);
    expect(count).toBe(sim.dataset.callsBetween({ from: Date.parse(today.from), to: now }).length);

    now += 301_000;
    await refresher.tick();
    // Only the windows still open two hours ago are refetched, in one request.
    expect(sim.counters.requests).toBe(2);
    expect(sim.received[1]?.url).toContain('date_ini=20250304130000&date_end=20250304155959');
    expect(engine.stats.refreshes).toBeGreaterThan(0);
  });
});
