import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport, buildReportYielding, finishReport, type CallReport } from '../../src/domain/report/call-report.js';
import { IncrementalReport } from '../../src/domain/report/incremental-report.js';
import { TooManyGroupsError } from '../../src/domain/report/report-groups.js';
import { planReport, type ReportQuery } from '../../src/domain/report/report-plan.js';
import type { CallDimension } from '../../src/domain/grouping/dimensions.js';
import { ZoneClock } from '../../src/domain/time/zone-clock.js';
import { HOUR_MS } from '../../src/domain/time/time-range.js';
import { runNow, runYielding, type Steps } from '../../src/domain/util/yielding.js';
import type { RangeWindows } from '../../src/feed/call-feed.js';
import { settledWindows } from '../support/feed.js';
import { range, simulator } from '../support/simulator.js';

const plain = (report: CallReport) => ({
  total: [report.total.calls, report.total.totalCost, report.total.maxDurationSeconds],
  groups: report.groups.map((group) => [group.key, group.stats.calls, group.stats.totalCost, group.stats.callsByHangUp]),
});

describe('a live report merges the settled part of its range once, then only what follows', () => {
  const clock = new ZoneClock('America/Bogota');
  const whole = range('2025-03-03T00:00:00-05:00', '2025-03-08T00:00:00-05:00');
  // Two hours into the last day: what a live report over five days sees at 16:00 with a 2-hour settle margin.
  const finalUntil = Date.parse('2025-03-07T14:00:00-05:00');
  let units: RangeWindows['units'];
  beforeAll(async () => {
    const sim = await simulator({ dataset: { callsPerDay: 1_500, seed: 4 } });
    ({ units } = await settledWindows(sim, clock, whole));
  });

  /** The steps `steps` takes: a unit merged, a window scanned. */
  async function counted<T>(steps: Steps<T>): Promise<{ value: T; steps: number }> {
    let taken = 0;
    const value = await runYielding(steps, { onStep: () => (taken += 1) });
    return { value, steps: taken };
  }

  it.each([[['AGENT', 'TYPE']], [['CAMPAIGN', 'HOUR']], [['DESTINY']], [[]]] as CallDimension[][][])('gives the report buildReport gives, update after update (%j)', async (dimensions) => {
    const query: ReportQuery = { range: whole, filter: {}, dimensions };
    const plan = planReport(query, clock, 'auto');
    const live = new IncrementalReport(plan);
    const expected = plain(buildReport(units, query, clock));
    const first = await counted(live.update(units, finalUntil, -Infinity));
    expect(plain(finishReport(plan, first.value, units, runNow))).toEqual(expected);
    const update = await counted(live.update(units, finalUntil, finalUntil + HOUR_MS));
    expect(plain(finishReport(plan, update.value, units, runNow))).toEqual(expected);
    // Four whole days and fourteen hours are kept (a step a day, or an hour where hours are grouped); the update merges the last ten hours.
    expect(first.steps).toBe(dimensions.includes('HOUR') ? 4 * 24 + 24 : 4 + 24);
    expect(update.steps).toBe(10);
    expect(live.heapBytes).toBeGreaterThan(0);
  });

  it('merges the kept part afresh when a change reaches into it, and scans what summaries cannot answer', async () => {
    const query: ReportQuery = { range: whole, filter: { not: { types: ['INTERNAL'] } }, dimensions: ['AGENT'] };
    const plan = planReport(query, clock, 'auto');
    const live = new IncrementalReport(plan);
    await counted(live.update(units, finalUntil, -Infinity));
    const again = await counted(live.update(units, finalUntil, Date.parse('2025-03-04T10:00:00-05:00')));
    expect(again.steps).toBe(units.flatMap((unit) => unit.parts).length);
    expect(again.value.scanned.length).toBe(again.steps);
    expect(plain(finishReport(plan, again.value, units, runNow))).toEqual(plain(buildReport(units, query, clock)));
  });
});

describe('a report stops when told, and holds at most its bound of groups', () => {
  const clock = new ZoneClock('America/Bogota');
  const whole = range('2025-03-03T00:00:00-05:00', '2025-03-05T00:00:00-05:00');
  let units: RangeWindows['units'];
  beforeAll(async () => {
    const sim = await simulator({ dataset: { callsPerDay: 1_500, seed: 4 } });
    ({ units } = await settledWindows(sim, clock, whole));
  });

  it('stops between two steps once its signal is aborted, with the signal\'s reason, and takes no step after', async () => {
    const stopper = new AbortController();
    const reason = new Error('client gone');
    let steps = 0;
    const report = buildReportYielding(units, { range: whole, filter: { not: { types: ['INTERNAL'] } }, dimensions: ['AGENT'] }, clock, {
      sliceMs: 0,
      signal: stopper.signal,
      onStep: () => {
        steps += 1;
        if (steps === 3) stopper.abort(reason);
      },
    });
    await expect(report).rejects.toBe(reason);
    expect(steps).toBe(3);
  });

  it('is refused with TooManyGroupsError past maxGroups, from summaries and from a scan', async () => {
    for (const filter of [{}, { durationSeconds: { min: 0, max: null } }]) {
      const query = { range: whole, filter, dimensions: ['AGENT', 'HOUR'] as CallDimension[] };
      const groups = buildReport(units, query, clock).groups.length;
      await expect(buildReportYielding(units, query, clock, { maxGroups: groups - 1 })).rejects.toBeInstanceOf(TooManyGroupsError);
      expect((await buildReportYielding(units, query, clock, { maxGroups: groups })).groups).toHaveLength(groups);
    }
  });
});
