import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallFilter } from '../../src/domain/filter/call-filter.js';
import { INTERACTION_TYPES } from '../../src/domain/model/call-record.js';
import { buildReport, buildReportYielding, type CallReport } from '../../src/domain/report/call-report.js';
import type { CallStats } from '../../src/domain/stats/call-stats.js';
import { CDR4_DURATION_BOUNDS, ProfiledDurations } from '../../src/domain/stats/duration-profile.js';
import { LegSet } from '../../src/domain/stats/leg-set.js';
import { toDecimalText } from '../../src/domain/model/decimal.js';
import { CALL_DIMENSIONS, isCategorical, type CallDimension } from '../../src/domain/grouping/dimensions.js';
import { unitOf } from '../../src/domain/summary/window-view.js';
import { ZoneClock } from '../../src/domain/time/zone-clock.js';
import { seededRandom, type Random } from '../../simulator/random.js';
import type { RangeWindows } from '../../src/feed/call-feed.js';
import { durableFeeds, settledWindows } from '../support/feed.js';
import { range, simulator } from '../support/simulator.js';
import type { WolkvoxSimulator } from '../../simulator/server.js';
import { bySize } from '../support/size.js';

/** Each seed draws a range and a filter and checks every combination of dimensions on them. */
const SEEDS = bySize({ quick: 3, full: 12 });

/** Every figure of a report as plain data, so that two reports compare field by field. */
function plain(report: CallReport) {
  const stats = (s: CallReport['total']) => ({
    calls: s.calls, totalCost: s.totalCost, averageCost: s.averageCost, totalDurationSeconds: s.totalDurationSeconds,
    averageDurationSeconds: s.averageDurationSeconds, maxDurationSeconds: s.maxDurationSeconds,
    totalBilledMinutes: s.totalBilledMinutes, callsByType: s.callsByType, callsByHangUp: s.callsByHangUp,
    uncodedCalls: s.uncodedCalls, agentHungUpCalls: s.agentHungUpCalls, actualMinutes: s.actualMinutes,
    roundingOverheadMinutes: s.roundingOverheadMinutes, costPerBilledMinute: s.costPerBilledMinute,
  });
  return { total: stats(report.total), groups: report.groups.map((g) => ({ key: g.key, stats: stats(g.stats) })) };
}

/** Custom histogram bounds: bands narrower than a second's worth of calls, and one past every leg. */
const BOUNDS = [[...CDR4_DURATION_BOUNDS], [0, 1, 14, 15, 16, 190, 191, 1_000, 100_000]];

/** The duration figures of the total and of every group: percentiles, histograms on default and custom bounds, short calls. */
async function durationFigures(report: CallReport, under: number) {
  const figures = async (stats: CallStats) => {
    const durations = await stats.durations();
    return {
      percentiles: [0.1, 1, 50, 90, 95, 99, 99.9, 100].map((p) => durations.percentile(p)),
      histograms: BOUNDS.map((bounds) => durations.histogram(bounds)),
      shortCalls: [0, 1, 15, under, 10_000].map((seconds) => durations.shorterThan(seconds)),
    };
  };
  return { total: await figures(report.total), groups: await Promise.all(report.groups.map((group) => figures(group.stats))) };
}

const pickSome = <T>(random: Random, values: readonly T[], most: number): T[] =>
  values.filter(() => random() < most / values.length).slice(0, most);

/** A filter of lists only (answered from summaries when it constrains the grouped dimension alone). */
function randomLists(random: Random): CallFilter {
  return {
    agentIds: random() < 0.3 ? pickSome(random, ['1001', '1002', '1003', '1010', '1020', '1039', 'nobody'], 3) : null,
    campaignIds: random() < 0.3 ? pickSome(random, ['3001', '3002', '3005', '3008'], 2) : null,
    skillIds: random() < 0.2 ? pickSome(random, ['1', '2', '3', '6'], 2) : null,
    types: random() < 0.3 ? pickSome(random, INTERACTION_TYPES, 2) : null,
    destinies: random() < 0.2 ? pickSome(random, ['Bogotá Fijo', 'Colombia Móvil Claro', 'Estados Unidos', 'Interno'], 2) : null,
    countries: random() < 0.2 ? pickSome(random, ['CO', 'US', 'MX', 'ZZ'], 2) : null,
    codActs: random() < 0.2 ? pickSome(random, ['400', '401', 'TIMEOUTACW'], 2) : null,
    codActs2: random() < 0.1 ? ['10', '11'] : null,
    hangUps: random() < 0.2 ? ['agent'] : null,
  };
}

/** Lists, and sometimes the fields only a scan answers: raw columns, bounds, not, anyOf. */
function randomFilter(random: Random): CallFilter {
  const roll = random();
  if (roll < 0.2) return {};
  const lists = randomLists(random);
  if (roll < 0.6) return lists;
  return {
    ...lists,
    telephonePrefixes: random() < 0.3 ? ['57', '310'] : null,
    durationSeconds: random() < 0.3 ? { min: 20, max: random() < 0.5 ? 300 : null } : null,
    cost: random() < 0.3 ? { min: null, max: toDecimalText('0.5') } : null,
    billedMinutes: random() < 0.2 ? { min: toDecimalText('1'), max: null } : null,
    not: random() < 0.3 ? randomLists(random) : null,
    anyOf: random() < 0.3 ? [randomLists(random), { countries: ['US'] }] : null,
  };
}

const combinations: CallDimension[][] = [[]];
for (const a of CALL_DIMENSIONS) {
  combinations.push([a]);
  for (const b of CALL_DIMENSIONS) if (a < b) combinations.push([a, b]);
}

describe.each(['America/Bogota', 'America/New_York'])('reports from summaries equal reports from a scan (%s)', (timeZone) => {
  const clock = new ZoneClock(timeZone);
  // Around New York's fall-back change (2025-11-02), so that 25-hour days and repeated hours are in play.
  const whole = range('2025-10-31T00:00:00-04:00', '2025-11-04T00:00:00-05:00');
  let units: RangeWindows['units'];
  let views: RangeWindows['views'];
  let sim: WolkvoxSimulator;
  const dataDir = mkdtempSync(join(tmpdir(), 'cdr-summary-vs-scan-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  beforeAll(async () => {
    sim = await simulator({ dataset: { timeZone, callsPerDay: 1_500, seed: 5 } });
    ({ units, views } = await settledWindows(sim, clock, whole));
  });

  it(`from day roll-ups stored on disk and read back by a restarted process, over ${SEEDS} seeds`, async () => {
    /** The seed's range and filter, as the test above draws them. */
    const draw = (seed: number) => {
      const random = seededRandom(seed);
      const from = whole.from + Math.floor(random() * 30) * (random() < 0.5 ? 3600_000 : 1_234_567);
      const to = whole.to - Math.floor(random() * 30) * (random() < 0.5 ? 3600_000 : 987_654);
      return { random, range: { from, to }, filter: randomFilter(random) };
    };
    // The first process derives what the queries ask of each day, and stores the roll-ups.
    const first = durableFeeds(sim, clock, dataDir);
    for (let seed = 1; seed <= SEEDS; seed += 1) {
      const { range: asked, filter } = draw(seed);
      const { units: fresh } = await first.feed().summariesIn(asked);
      for (const dimensions of combinations) await buildReportYielding(fresh, { range: asked, filter, dimensions }, clock);
    }
    await first.close();

    const second = durableFeeds(sim, clock, dataDir);
    let rolledUp = 0;
    for (let seed = 1; seed <= SEEDS; seed += 1) {
      const { random, range: asked, filter } = draw(seed);
      const { units: stored } = await second.feed().summariesIn(asked);
      rolledUp += stored.filter((unit) => unit.parts === null).length;
      for (const [index, dimensions] of combinations.entries()) {
        const query = { range: asked, filter, dimensions };
        const report = await buildReportYielding(stored, query, clock);
        const scan = buildReport(units, query, clock, 'scan');
        expect(plain(report), `${seed} ${dimensions.join('+')} ${JSON.stringify(filter)}`).toEqual(plain(scan));
        if ((index + seed) % 3 !== 0) continue;
        const under = 1 + Math.floor(random() * 400);
        expect(await durationFigures(report, under), `${seed} ${dimensions.join('+')} durations`).toEqual(await durationFigures(scan, under));
      }
    }
    await second.close();
    // Every seed's range holds whole days, and they came back from disk without their windows.
    expect(rolledUp).toBeGreaterThanOrEqual(SEEDS * 2);
    // Two processes' worth of reports: twice the time of the test below.
  }, 90_000);

  it('from stored day roll-ups alone when they hold the table asked: no window is read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdr-summary-vs-scan-'));
    const days = { from: clock.startOf('day', whole.from + 86_400_000), to: clock.startOf('day', whole.to - 1) };
    const query = { range: days, filter: { campaignIds: ['3001', '3002'] }, dimensions: ['CAMPAIGN', 'DESTINY', 'DAY'] as CallDimension[] };
    const first = durableFeeds(sim, clock, dir);
    const made = await buildReportYielding((await first.feed().summariesIn(days)).units, query, clock);
    await durationFigures(made, 60);
    await first.close();
    const second = durableFeeds(sim, clock, dir);
    const { units: stored } = await second.feed().summariesIn(days);
    const report = await buildReportYielding(stored, query, clock);
    expect(await durationFigures(report, 60)).toEqual(await durationFigures(buildReport(units, query, clock, 'scan'), 60));
    expect(plain(report)).toEqual(plain(buildReport(units, query, clock, 'scan')));
    expect(report.summarizedWindows).toBe(stored.reduce((sum, unit) => sum + unit.windows, 0));
    expect(second.engine.store.size).toBe(0);
    await second.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`for every combination of up to two dimensions, on random filters and ranges, over ${SEEDS} seeds`, async () => {
    let summarized = 0;
    let profiled = 0;
    let combined = 0;
    for (let seed = 1; seed <= SEEDS; seed += 1) {
      const random = seededRandom(seed);
      // Ranges aligned to windows and not, so that edge windows are scanned and inner ones summarized.
      const from = whole.from + Math.floor(random() * 30) * (random() < 0.5 ? 3600_000 : 1_234_567);
      const to = whole.to - Math.floor(random() * 30) * (random() < 0.5 ? 3600_000 : 987_654);
      const filter = randomFilter(random);
      for (const [index, dimensions] of combinations.entries()) {
        const query = { range: { from, to }, filter, dimensions };
        const auto = buildReport(units, query, clock);
        const scan = buildReport(units, query, clock, 'scan');
        const hourly = buildReport(views.map(unitOf), query, clock);
        expect(plain(auto), `${seed} ${dimensions.join('+')} ${JSON.stringify(filter)}`).toEqual(plain(scan));
        expect(plain(hourly)).toEqual(plain(scan));
        expect(scan.summarizedWindows).toBe(0);
        summarized += auto.summarizedWindows;
        // Durations: window profiles (and profiles of the scanned legs) against every leg sorted; each
        // seed checks a third of the combinations, in turn, so that three seeds cover all of them.
        if ((index + seed) % 3 !== 0) continue;
        const under = 1 + Math.floor(random() * 400);
        const expected = await durationFigures(scan, under);
        expect(await durationFigures(auto, under), `${seed} ${dimensions.join('+')} durations`).toEqual(expected);
        expect(await durationFigures(hourly, under)).toEqual(expected);
        expect(await scan.total.durations()).toBeInstanceOf(LegSet);
        if (auto.summarizedWindows > 0) {
          expect(await auto.total.durations()).toBeInstanceOf(ProfiledDurations);
          profiled += 1;
          if (dimensions.filter(isCategorical).length === 2) combined += 1;
        }
      }
    }
    expect(summarized).toBeGreaterThan(1000);
    expect(profiled).toBeGreaterThan(25);
    expect(combined).toBeGreaterThan(5);
  });

  it('answers a DESTINY report with percentiles, histograms and short calls from duration profiles, without scanning', async () => {
    const query = { range: whole, filter: {}, dimensions: ['DESTINY'] as CallDimension[] };
    const report = buildReport(units, query, clock);
    expect(report.scannedWindows).toBe(0);
    expect(report.summarizedWindows).toBe(views.length);
    for (const group of report.groups) expect(await group.stats.durations()).toBeInstanceOf(ProfiledDurations);
    expect(await durationFigures(report, 30)).toEqual(await durationFigures(buildReport(units, query, clock, 'scan'), 30));
  });

  it('answers two- and three-dimension reports from tables the summaries derive, and scans beyond three', () => {
    const twoDimensions = { range: whole, filter: {}, dimensions: ['AGENT', 'TYPE'] as CallDimension[] };
    const three = { range: whole, filter: { campaignIds: ['3001', '3002'] }, dimensions: ['TYPE', 'AGENT', 'DAY'] as CallDimension[] };
    const four = { range: whole, filter: { campaignIds: ['3001'], hangUps: ['agent'] }, dimensions: ['AGENT', 'TYPE'] as CallDimension[] };
    for (const query of [twoDimensions, three]) {
      const report = buildReport(units, query, clock);
      expect(report.scannedWindows).toBe(0);
      expect(report.summarizedWindows).toBe(views.length);
      expect(plain(report)).toEqual(plain(buildReport(units, query, clock, 'scan')));
    }
    const beyond = buildReport(units, four, clock);
    expect(beyond.summarizedWindows).toBe(0);
    expect(plain(beyond)).toEqual(plain(buildReport(units, four, clock, 'scan')));
  });

  it('answers a whole-day report from day roll-ups without scanning', () => {
    const report = buildReport(units, { range: whole, filter: { campaignIds: ['3001'] }, dimensions: ['CAMPAIGN', 'DAY'] }, clock);
    expect(report.scannedWindows).toBe(0);
    expect(report.summarizedWindows).toBe(views.length);
  });
});
