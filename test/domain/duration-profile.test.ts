import { describe, expect, it } from 'vitest';
import { CallColumns } from '../../src/domain/columns/call-columns.js';
import { buildReport } from '../../src/domain/report/call-report.js';
import { CDR4_DURATION_BOUNDS, DurationProfile, ProfiledDurations, type DurationDistribution } from '../../src/domain/stats/duration-profile.js';
import { LegSet } from '../../src/domain/stats/leg-set.js';
import { unitOf } from '../../src/domain/summary/window-view.js';
import { WindowSummary } from '../../src/domain/summary/window-summary.js';
import { ZoneClock } from '../../src/domain/time/zone-clock.js';
import { readCdrBody } from '../../src/upstream/cdr-response.js';
import { CdrDataset, type SimulatedRow } from '../../simulator/dataset.js';

const clock = new ZoneClock('America/Bogota');
const dataset = new CdrDataset({ seed: 17, callsPerDay: 3000, timeZone: 'America/Bogota' });
const HOUR_MS = 3_600_000;
const hours = [Date.parse('2025-03-04T10:00:00-05:00'), Date.parse('2025-03-04T11:00:00-05:00')].map((from) => ({ from, to: from + HOUR_MS }));

/** One hour's calls as a window's columns, each row first passed through `change`. */
function columnsOf(hour: { from: number; to: number }, change: (row: SimulatedRow, i: number) => void = () => undefined): CallColumns {
  const rows = dataset.callsBetween(hour).map((call, i) => {
    const row = { ...call.row };
    change(row, i);
    return row;
  });
  return readCdrBody(JSON.stringify({ code: 200, error: null, msg: 'ok', data: rows }), clock).calls;
}

const everyRow = (columns: CallColumns) => ({ columns, rows: Array.from({ length: columns.length }, (_, i) => i) });

function figures(durations: DurationDistribution) {
  return {
    percentiles: [0.01, 1, 25, 50, 75, 90, 99, 99.99, 100].map((p) => durations.percentile(p)),
    histograms: [CDR4_DURATION_BOUNDS, [0, 31, 32, 33, 86_400, 99_999, 100_000]].map((bounds) => durations.histogram(bounds)),
    shortCalls: [0, 1, 31, 32, 33, 100, 86_401, 100_001].map((seconds) => durations.shorterThan(seconds)),
  };
}

describe('duration profiles', () => {
  it('answer as every leg sorted does, across windows, with durations far beyond a day', () => {
    // Every 40th leg lasts over a day: past the per-second index, so the sparse paths are taken too.
    const windows = hours.map((hour) => columnsOf(hour, (row, i) => i % 40 === 0 && (row.time_seg = String(86_000 + i * 7))));
    const profiles = windows.map((columns) => DurationProfile.of([everyRow(columns)])!);
    const legs = new LegSet(windows.map(everyRow));
    expect(figures(new ProfiledDurations(profiles))).toEqual(figures(legs));
    expect(figures(new ProfiledDurations([DurationProfile.merged(profiles)!]))).toEqual(figures(legs));
  });

  it('answer as every leg sorted does within a day, where percentiles are found block by block', () => {
    const windows = hours.map((hour) => columnsOf(hour));
    const profiles = windows.map((columns) => DurationProfile.of([everyRow(columns)])!);
    expect(figures(new ProfiledDurations(profiles))).toEqual(figures(new LegSet(windows.map(everyRow))));
    expect(new ProfiledDurations([]).percentile(50)).toBeNull();
  });

  it('are not made for a window with an amount that does not fit micro-units, and its report reads the legs instead', async () => {
    const columns = columnsOf(hours[0]!, (row, i) => i === 3 && (row.cost = '0.1234567'));
    const summary = WindowSummary.of(columns);
    expect(DurationProfile.of([everyRow(columns)])).toBeNull();
    expect(summary.durations(['DESTINY'])).toBeNull();
    const view = { window: hours[0]!, columns, summary };
    const query = { range: hours[0]!, filter: {}, dimensions: ['DESTINY'] as const };
    const report = buildReport([unitOf(view)], query, clock);
    expect(report.scannedWindows).toBe(0);
    const durations = await report.total.durations();
    expect(durations).toBeInstanceOf(LegSet);
    expect(figures(durations)).toEqual(figures(new LegSet([everyRow(columns)])));
  });
});
