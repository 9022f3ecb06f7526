import { afterEach, describe, expect, it, vi } from 'vitest';
import { ZoneClock } from '../../src/domain/time/zone-clock.js';
import { TICK_MARGIN_MS, WindowRefresher } from '../../src/feed/refresher.js';
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

  describe('on its own timer', () => {
    afterEach(() => void vi.useRealTimers());

    it('refetches today on every tick, though each refresh stamps its copies a little after its tick', async () => {
      const interval = 15_000;
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'], now: Date.parse('2025-03-04T15:20:00-05:00') });
      // Time moves while a tick runs: each reading of the clock is a millisecond after the one before, from the tick's time on.
      let tickTime = 0;
      let readings = 0;
      const clock = () => {
        if (Date.now() !== tickTime) [tickTime, readings] = [Date.now(), 0];
        return tickTime + (readings += 1);
      };
      const sim = await simulator({ dataset: { now: clock } });
      const { engine } = await graph({ sim, now: clock, engine: { refreshMs: interval } });
      const refresher = new WindowRefresher(engine, new ZoneClock('America/Bogota'), 'hour', interval, createLogger('silent'), clock);
      const loads = vi.spyOn(engine, 'load');
      const refreshed = () => loads.mock.settledResults.filter((result) => result.type !== 'incomplete').length;
      refresher.start();
      for (let tick = 1; tick <= 3; tick += 1) {
        await until(() => refreshed() === tick);
        expect(sim.counters.requests).toBe(tick);
        await vi.advanceTimersByTimeAsync(interval + TICK_MARGIN_MS);
      }
      await until(() => refreshed() === 4);
      expect(sim.counters.requests).toBe(4);
      refresher.stop();
    });
  });
});

/** Resolves once `condition` holds, polling on the real setTimeout (vi.waitFor polls on setInterval, faked above). */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 5_000) throw new Error(`still not so after 5 s: ${condition.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
