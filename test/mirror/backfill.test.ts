import { describe, expect, it } from 'vitest';
import { CallReportDocument, HistoryDocument } from '../../operations/generated/graphql.js';
import { DAY_MS, HOUR_MS } from '../../src/domain/time/time-range.js';
import { ZoneClock } from '../../src/domain/time/zone-clock.js';
import { windowsCovering } from '../../src/feed/windows.js';
import { createLogger } from '../../src/logger.js';
import { archiveKey, rollupKey } from '../../src/store/archive-keys.js';
import type { TieredWindowStore } from '../../src/store/tiered-window-store.js';
import { bogotaDay, graph, TEST_NOW } from '../support/graph.js';
import { daysAsked, logSink, mirrorOf, stopServer, tempDataDir } from '../support/mirror.js';
import { at, simulator } from '../support/simulator.js';

const clock = new ZoneClock('America/Bogota');
/** With "now" at TEST_NOW (2025-03-10 12:00), the ten settled days before it. */
const TEN_DAYS = { from: '2025-02-28T00:00:00-05:00', to: '2025-03-10T00:00:00-05:00' };
const legsIn = (sim: Awaited<ReturnType<typeof simulator>>, range: { from: string; to: string }) => sim.dataset.callsBetween({ from: at(range.from), to: at(range.to) }).length;

describe('the history mirror, one instance (LMDB)', () => {
  it('keeps every settled window of its days in the durable tier, not in memory, and a report over them asks wolkvox nothing', async () => {
    const sim = await simulator({ dataset: { callsPerDay: 200 } });
    const served = await graph({ sim, dataDir: tempDataDir(), history: { days: 10, requestsPerDay: 100 } });
    const mirror = mirrorOf(served);
    await mirror.backfill();

    expect(mirror.status()).toMatchObject({ wantedDays: 10, heldDays: 10, missing: [], estimatedCompleteAt: null, held: { from: at(TEN_DAYS.from), to: at(TEN_DAYS.to) } });
    // The newest day first, alone (nothing learned yet), then as many days as one request holds (the tests' 7-day span).
    expect(daysAsked(sim)).toEqual(['20250309', '20250302', '20250228']);
    expect(mirror.stats).toMatchObject({ spans: 3, requests: 3, windows: 240 });
    expect(served.engine.store.size).toBe(0);
    const windows = windowsCovering({ from: at(TEN_DAYS.from), to: at(TEN_DAYS.to) }, clock, 'hour');
    expect(windows.every((window) => served.durable!.archive.has(archiveKey(served.durable!.namespace, window)))).toBe(true);

    // Each day held has its roll-up stored beside its windows, made by the mirror, not by a report.
    const days = windowsCovering({ from: at(TEN_DAYS.from), to: at(TEN_DAYS.to) }, clock, 'day');
    expect(mirror.stats.rollups).toBe(10);
    expect(days.every((day) => served.durable!.archive.has(rollupKey(served.durable!.namespace, day)))).toBe(true);

    const report = await served.execute(CallReportDocument, { range: TEN_DAYS, groupBy: ['CAMPAIGN', 'DAY'] });
    expect(report.errors).toBeUndefined();
    expect(sim.counters.requests).toBe(3);
    expect(report.data!.callReport!.total.calls).toBe(legsIn(sim, TEN_DAYS));
    // Answered from the ten stored roll-ups: not one window read from disk, none in memory.
    const store = served.engine.store as TieredWindowStore;
    expect(store.rollupHits).toBe(10);
    expect(store.hits.durable).toBe(0);
    expect(store.size).toBe(0);
  });

  it('spends at most WOLKVOX_BACKFILL_REQUESTS_PER_DAY per local day, counted on disk across a restart, and never asks a held day again', async () => {
    const sim = await simulator({ dataset: { callsPerDay: 200 } });
    const dataDir = tempDataDir();
    let now = TEST_NOW;
    // One day per request: twenty days need twenty requests, three a day.
    const settings = { sim, dataDir, now: () => now, history: { days: 20, requestsPerDay: 3 }, engine: { maxRequestSpanMs: DAY_MS } };

    const first = await graph(settings);
    await mirrorOf(first).backfill();
    expect(sim.counters.requests).toBe(3);
    expect(mirrorOf(first).status()).toMatchObject({ heldDays: 3, requestsToday: 3, requestsPerDay: 3 });
    await stopServer(first);

    const restarted = await graph(settings);
    await mirrorOf(restarted).backfill();
    expect(sim.counters.requests).toBe(3);
    expect(mirrorOf(restarted).status()).toMatchObject({ heldDays: 3, requestsToday: 3 });

    now += DAY_MS;
    await mirrorOf(restarted).backfill();
    expect(sim.counters.requests).toBe(6);
    expect(mirrorOf(restarted).status()).toMatchObject({ requestsToday: 3 });
    const asked = daysAsked(sim);
    // A day settled meanwhile (2025-03-10) comes first, then the mirror goes on back from where it stopped.
    expect(asked).toEqual(['20250309', '20250308', '20250307', '20250310', '20250306', '20250305']);
    expect(new Set(asked).size).toBe(asked.length);
  });

  it('goes on after a restart from the windows it stored, within a day too, and takes as they are the days operations fetched', async () => {
    const sim = await simulator({ dataset: { callsPerDay: 200 } });
    const dataDir = tempDataDir();
    // Six hours per request: a day takes four, and a share of three stops inside one.
    const settings = { sim, dataDir, history: { days: 3, requestsPerDay: 3 }, engine: { maxRequestSpanMs: 6 * HOUR_MS } };

    const first = await graph(settings);
    // An operation fetched the oldest of the three days already.
    expect((await first.execute(CallReportDocument, { range: bogotaDay('2025-03-07') })).errors).toBeUndefined();
    const byOperation = sim.counters.requests;
    await mirrorOf(first).backfill();
    expect(mirrorOf(first).status()).toMatchObject({ heldDays: 0, requestsToday: 3 });
    await stopServer(first);

    // Restarted the same day with a larger share: 2025-03-09 lacks its first six hours, 2025-03-08 all, 2025-03-07 nothing.
    const next = await graph({ ...settings, history: { days: 3, requestsPerDay: 10 } });
    const before = sim.received.length;
    await mirrorOf(next).backfill();
    expect(mirrorOf(next).status()).toMatchObject({ heldDays: 3, requestsToday: 8 });
    expect(mirrorOf(next).stats.adoptedDays).toBe(1);
    const asked = sim.received.slice(before).map((request) => /date_ini=(\d{12})/.exec(request.url)![1]);
    expect(asked).toEqual(['202503090000', '202503081800', '202503081200', '202503080600', '202503080000']);
    expect(sim.counters.requests).toBe(byOperation + 3 + 5);
  });

  it('says what it holds: Query.history, a log line per span, and /metrics', async () => {
    const sim = await simulator({ dataset: { callsPerDay: 200 } });
    const log = logSink();
    const served = await graph({ sim, dataDir: tempDataDir(), history: { days: 10, requestsPerDay: 2 }, engine: { maxRequestSpanMs: DAY_MS }, logger: createLogger('info', log.stream) });
    const before = await served.execute(HistoryDocument, {});
    expect(before.data?.history).toMatchObject({ from: null, to: null, wantedDays: 10, heldDays: 0, missingDays: 10, complete: false, estimatedCompleteAt: null, requestsToday: 0, requestsPerDay: 2 });
    expect(before.data?.history.missing).toEqual([{ from: '2025-02-28T00:00:00-05:00', to: '2025-03-10T00:00:00-05:00' }]);

    await mirrorOf(served).backfill();
    const { data } = await served.execute(HistoryDocument, {});
    expect(data?.history).toMatchObject({ from: '2025-03-08T00:00:00-05:00', to: '2025-03-10T00:00:00-05:00', heldDays: 2, missingDays: 8, complete: false, requestsToday: 2 });
    expect(data?.history.missing).toEqual([{ from: '2025-02-28T00:00:00-05:00', to: '2025-03-08T00:00:00-05:00' }]);
    // Eight more days at two a day, one request each: four local days from now, the last two requests on the fourth.
    expect(data?.history.estimatedCompleteAt).toMatch(/^2025-03-14T00:00:0\d/);

    const spans = log.lines.filter((line) => line.msg === 'history mirror: stored a span');
    expect(spans).toHaveLength(2);
    expect(spans[1]).toMatchObject({ daysHeld: 2, daysWanted: 10, requestsToday: 2, requestsPerDay: 2, requests: 1, heldFrom: '2025-03-08T00:00:00-05:00' });
    expect(spans[1]!.estimatedCompleteAt).toEqual(data?.history.estimatedCompleteAt);
    expect(log.lines.some((line) => line.msg.startsWith('history mirror: today\'s share of requests is spent'))).toBe(true);

    const metrics = await (await served.server.yoga.fetch('http://graph.test/metrics')).text();
    expect(metrics).toMatch(/^history_days_held 2$/m);
    expect(metrics).toMatch(/^history_days_wanted 10$/m);
    expect(metrics).toMatch(/^history_requests_today 2$/m);
    expect(metrics).toMatch(/^history_requests_per_day 2$/m);
    expect(metrics).toMatch(/^history_backfill_requests_total 2$/m);
  });
});
