import { request } from 'undici';
import { parseAccessPolicy, keySha256Of } from '../src/access/access-policy.js';
import { buildReport } from '../src/domain/report/call-report.js';
import { narrowFilter } from '../src/domain/filter/call-filter.js';
import { CallFeed } from '../src/feed/call-feed.js';
import { Secret } from '../src/secret.js';
import type { BenchRow } from './measure.js';
import { startMemoryGraph } from './memory-graph.js';
import { startSimulatorProcess } from './simulator-process.js';

const TOKEN = 'bench-token';
const ZONE = 'America/Bogota';
const LEGS_PER_DAY = 10_000;
const RANGE = { from: '2025-03-01T00:00:00-05:00', to: '2025-03-31T00:00:00-05:00' };
const ADMIN = 'bench-admin-key-unrestricted-0001';
const BRAND = 'bench-brand-key-campaign-3001-0002';
const DESK = 'bench-desk-key-campaign-skill-0003';
const POLICY = `principals:
  - name: brand
    keySha256: ${keySha256Of(BRAND)}
    campaigns: ["3001"]
  - name: desk
    keySha256: ${keySha256Of(DESK)}
    campaigns: ["3001", "3002"]
    skills: ["2"]
`;

const BY_CAMPAIGN_AND_DAY = `query($range: DateRange!, $filter: CallFilter) { callReport(range: $range, filter: $filter, groupBy: [CAMPAIGN, DAY]) { total { calls totalCost } groups { campaign { id } period stats { calls totalCost averageDurationSeconds } } } }`;
const TOP_AGENTS = `query($range: DateRange!, $filter: CallFilter) { callReport(range: $range, filter: $filter, groupBy: [AGENT]) { groups(orderBy: {metric: TOTAL_COST}, limit: 10) { agent { id name } stats { totalCost durationPercentiles(p: [50, 90]) { seconds } } } } }`;
const OWNERS = `query($range: DateRange!, $filter: CallFilter) { agents(range: $range) { id name } skills(range: $range) { id name } campaigns(range: $range) { id } callReport(range: $range, filter: $filter) { total { calls } } }`;

/** Who asks, and the filter an unrestricted key would send to ask for the same calls. */
const VARIANTS = [
  { name: 'unrestricted', key: ADMIN, filter: null },
  { name: 'one campaign', key: BRAND, filter: null },
  { name: 'unrestricted, that campaign\'s filter', key: ADMIN, filter: { campaignIds: ['3001'] } },
  { name: 'two campaigns × a skill', key: DESK, filter: null },
  { name: 'unrestricted, their filter', key: ADMIN, filter: { campaignIds: ['3001', '3002'], skillIds: ['2'] } },
  // The noise floor: one variant measured twice, whose ratio is this run's own scatter.
  { name: 'unrestricted, that campaign\'s filter again', key: ADMIN, filter: { campaignIds: ['3001'] } },
] as const;
const RUNS = 41;
const WARM_UP = 5;

/**
 * Issue #22: a principal's scope is a list filter on campaigns and skills, so its warm reports stay on
 * the summary path and cost what the same filter costs an unrestricted key. A month of warm windows;
 * the same operations through the real HTTP server for an unrestricted key (without and with the
 * scope's filter) and for two scoped ones (a campaign; two campaigns and a skill), run in turn, each
 * the median of 41 runs.
 */
export async function scopesBench(): Promise<BenchRow[]> {
  const simulator = await startSimulatorProcess({ token: TOKEN, callsPerDay: LEGS_PER_DAY, timeZone: ZONE });
  try {
    const { clock, shared, endpoint, close } = await startMemoryGraph(simulator.url, TOKEN, ZONE, { apiKeys: [new Secret(ADMIN)], policy: parseAccessPolicy(POLICY) });
    const post = async (key: string, query: string, filter: unknown) => {
      const response = await request(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query, variables: { range: RANGE, filter } }),
      });
      const json = (await response.body.json()) as { errors?: unknown };
      if (json.errors) throw new Error(`bench query failed: ${JSON.stringify(json.errors)}`);
      return json;
    };
    await post(ADMIN, BY_CAMPAIGN_AND_DAY, null);

    const rows: BenchRow[] = [];
    const scenario = `30 days × ${LEGS_PER_DAY.toLocaleString('en-US')} legs, warm, over HTTP`;
    for (const [name, query] of [['callReport(CAMPAIGN, DAY)', BY_CAMPAIGN_AND_DAY], ['top-10 agents with percentiles', TOP_AGENTS], ['agents, skills, campaigns and a total', OWNERS]] as const) {
      // Run by run in turn, so that a slower stretch of this shared machine weighs on every variant alike,
      // each run starting at the next variant: what a variant leaves behind (the tables it derived, its
      // garbage) falls on each of the others in turn, not always on the one after it.
      const times: number[][] = VARIANTS.map(() => []);
      for (let run = 0; run < WARM_UP + RUNS; run += 1) {
        for (let turn = 0; turn < VARIANTS.length; turn += 1) {
          const v = (run + turn) % VARIANTS.length;
          const variant = VARIANTS[v]!;
          const started = performance.now();
          await post(variant.key, query, variant.filter);
          if (run >= WARM_UP) times[v]!.push(performance.now() - started);
        }
      }
      const median = (runs: number[]) => [...runs].sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
      const [all, brand, brandFilter, desk, deskFilter, again] = times.map(median) as [number, number, number, number, number, number];
      const ms = (value: number) => `${value.toFixed(2)} ms`;
      rows.push(
        { scenario, measure: `${name}: unrestricted`, value: ms(all) },
        { scenario, measure: `${name}: one campaign (scope / the same filter, unrestricted)`, value: `${ms(brand)} / ${ms(brandFilter)} = ${(brand / brandFilter).toFixed(2)}×; ${(brand / all).toFixed(2)}× unfiltered`, target: 'scope ≈ filter' },
        { scenario, measure: `${name}: two campaigns × a skill (scope / the same filter, unrestricted)`, value: `${ms(desk)} / ${ms(deskFilter)} = ${(desk / deskFilter).toFixed(2)}×; ${(desk / all).toFixed(2)}× unfiltered`, target: 'scope ≈ filter' },
        { scenario, measure: `${name}: noise (the campaign's filter, unrestricted, again / once)`, value: `${ms(again)} / ${ms(brandFilter)} = ${(again / brandFilter).toFixed(2)}×` },
      );
    }

    // The summary path itself: a scoped report reads the month's day roll-ups, as an unrestricted one does, and scans no window.
    const instants = { from: Date.parse(RANGE.from), to: Date.parse(RANGE.to) };
    const scope = { campaignIds: ['3001', '3002'], skillIds: ['2'] };
    const { units } = await new CallFeed(shared, { scope, share: null }).summariesIn(instants);
    const scoped = buildReport(units, { range: instants, filter: narrowFilter({}, scope), dimensions: ['AGENT'] }, clock);
    rows.push({ scenario, measure: 'two campaigns × a skill, by AGENT: units read (day roll-ups) / windows summarized / scanned', value: `${units.length} (${units.filter((unit) => !unit.parts).length}) / ${scoped.summarizedWindows} / ${scoped.scannedWindows}`, target: '30 (30) / 720 / 0' });

    await close();
    return rows;
  } finally {
    simulator.stop();
  }
}
