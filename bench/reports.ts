import { print } from 'graphql';
import { request } from 'undici';
import { CostPerCampaignAndDayDocument } from '../operations/generated/graphql.js';
import { buildReport } from '../src/domain/report/call-report.js';
import { CallFeed } from '../src/feed/call-feed.js';
import { collectGarbage, medianMs, type BenchRow } from './measure.js';
import { startMemoryGraph } from './memory-graph.js';
import { startSimulatorProcess } from './simulator-process.js';

export const TOKEN = 'bench-token';
export const ZONE = 'America/Bogota';
export const LEGS_PER_DAY = 20_000;
const RANGE = { from: '2025-03-01T00:00:00-05:00', to: '2025-03-31T00:00:00-05:00' };
const REPORT = { query: print(CostPerCampaignAndDayDocument), variables: { range: RANGE } };
/** Issue #14's two warm reports: destinations with distributions (day roll-ups' duration profiles), and the ten costliest agents (summaries). */
const DESTINY_REPORT = {
  query: `query ($range: DateRange!) { callReport(range: $range, groupBy: [DESTINY]) { groups { destiny stats { totalCost durationPercentiles { p seconds } durationHistogram { calls totalCost } } } } }`,
  variables: { range: RANGE },
};
const TOP_AGENTS = {
  query: `query ($range: DateRange!) { callReport(range: $range, groupBy: [AGENT]) { groups(orderBy: {metric: TOTAL_COST}, limit: 10) { agent { id } stats { totalCost averageDurationSeconds } } } }`,
  variables: { range: RANGE },
};

/**
 * Month-sized reports with warm windows: 30 days × 20,000 legs a day from the simulator (run in its own
 * process, so that its data does not weigh on this heap). Measures the report through the real HTTP
 * server against a trivial request, the summary path against a scan of the same windows, and the
 * heap each cached leg costs.
 */
export async function reportsBench(): Promise<BenchRow[]> {
  const simulator = await startSimulatorProcess({ token: TOKEN, callsPerDay: LEGS_PER_DAY, timeZone: ZONE });
  try {
    const { clock, shared, endpoint, close } = await startMemoryGraph(simulator.url, TOKEN, ZONE);
    const post = async (body: unknown) => {
      const response = await request(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const json = (await response.body.json()) as { data?: { callReport?: { total?: { calls: number } } }; errors?: unknown };
      if (json.errors) throw new Error(`bench query failed: ${JSON.stringify(json.errors)}`);
      return json;
    };

    collectGarbage();
    const heapBefore = process.memoryUsage().heapUsed;
    const cold = await post(REPORT);
    collectGarbage();
    const heapAfter = process.memoryUsage().heapUsed;
    const legs = cold.data!.callReport!.total!.calls;

    const reportMs = await medianMs(() => post(REPORT), 51, 10, false);
    const trivialMs = await medianMs(() => post({ query: '{ __typename }' }), 51, 10, false);
    const destinyMs = await medianMs(() => post(DESTINY_REPORT), 51, 10, false);
    const topAgentsMs = await medianMs(() => post(TOP_AGENTS), 51, 10, false);

    const instants = { from: Date.parse(RANGE.from), to: Date.parse(RANGE.to) };
    const { units } = await new CallFeed(shared).callsIn(instants);
    const query = { range: instants, filter: {}, dimensions: ['CAMPAIGN', 'DAY'] as const };
    const summaryMs = await medianMs(() => buildReport(units, query, clock, 'auto'), 51, 10, false);
    const scanMs = await medianMs(() => buildReport(units, query, clock, 'scan'), 5, 1, false);
    const composed = { range: instants, filter: { not: { countries: ['CO'] }, anyOf: [{ hangUps: ['agent'] }, { durationSeconds: { min: 120 } }] }, dimensions: ['DESTINY'] as const };
    const composedMs = await medianMs(() => buildReport(units, composed, clock), 5, 1, false);
    const destinySummaryMs = await medianMs(() => buildReport(units, { ...composed, filter: {} }, clock), 51, 10, false);

    await close();
    const scenario = `30 days × ${LEGS_PER_DAY.toLocaleString('en-US')} legs (${legs.toLocaleString('en-US')}), warm`;
    return [
      { scenario, measure: 'callReport(CAMPAIGN, DAY) over HTTP, median', value: `${reportMs.toFixed(2)} ms` },
      { scenario, measure: '{ __typename } over HTTP, median', value: `${trivialMs.toFixed(2)} ms` },
      { scenario, measure: 'report / __typename', value: `${(reportMs / trivialMs).toFixed(2)}×`, target: '≤ 3×' },
      { scenario, measure: 'same report: summaries vs scan', value: `${summaryMs.toFixed(2)} ms vs ${scanMs.toFixed(0)} ms = ${(scanMs / summaryMs).toFixed(0)}× faster`, target: '≥ 20×' },
      { scenario, measure: 'callReport(DESTINY) with percentiles and histogram / __typename', value: `${destinyMs.toFixed(1)} ms = ${(destinyMs / trivialMs).toFixed(1)}×`, target: '≤ 3×' },
      { scenario, measure: 'top-10 agents by cost / __typename', value: `${topAgentsMs.toFixed(2)} ms = ${(topAgentsMs / trivialMs).toFixed(2)}×`, target: '≤ 3×' },
      { scenario, measure: 'DESTINY report: not/anyOf filter (scan) vs no filter (summaries)', value: `${composedMs.toFixed(1)} ms vs ${destinySummaryMs.toFixed(2)} ms = ${(composedMs / destinySummaryMs).toFixed(0)}×`, target: '≤ 20×' },
      { scenario, measure: 'heap per cached leg', value: `${Math.round((heapAfter - heapBefore) / legs)} bytes`, target: '≤ 300 bytes' },
    ];
  } finally {
    simulator.stop();
  }
}
