import { beforeAll, describe, expect, it } from 'vitest';
import type { WolkvoxSimulator } from '../../simulator/server.js';
import type { Service } from '../../src/service.js';
import { graph, type Result } from '../support/graph.js';
import { listen } from '../support/listen.js';
import { simulator } from '../support/simulator.js';

/** 91 days that end well before the tests' "now" (2025-03-10). */
const QUARTER = { from: '2024-12-01T00:00:00-05:00', to: '2025-03-02T00:00:00-05:00' };
const WEEK = { from: '2025-03-01T00:00:00-05:00', to: '2025-03-08T00:00:00-05:00' };
const range = (r: { from: string; to: string }) => `{from: "${r.from}", to: "${r.to}"}`;

const PERCENTILES = Array.from({ length: 20 }, (_, i) => (i + 1) * 5);
const BOUNDS = Array.from({ length: 50 }, (_, i) => (i + 1) * 10);
/** Every figure CallStats has, as issue #19's heavy documents asked them per group: a fragment, percentiles and bounds as variables. */
const EVERY_FIGURE = `fragment Every on CallStats { calls totalCost averageCost totalDurationSeconds averageDurationSeconds maxDurationSeconds totalBilledMinutes
  callsByType { type calls } callsByHangUp { hangUp calls } actualMinutes roundingOverheadMinutes costPerBilledMinute
  uncodedCalls uncodedRate agentHungUpCalls agentHungUpRate durationPercentiles(p: $p) { p seconds }
  durationHistogram(bounds: $bounds) { fromSeconds toSeconds calls totalDurationSeconds totalBilledMinutes totalCost }
  shortCalls(under: 10) distinctCalls transferredCalls legsPerCall distinctCustomers callsPerCustomer repeatCallers }`;
const FIGURE_VARIABLES = { p: PERCENTILES, bounds: BOUNDS };
const withFigures = (body: string) => `query ($p: [Float!]!, $bounds: [Int!]!) { ${body} } ${EVERY_FIGURE}`;

/** Issue #19: twenty aliases of a 91-day AGENT × HOUR report with every figure (35.7 s and a 452 MB answer in simulator mode before). */
const HEAVY = withFigures(
  Array.from({ length: 20 }, (_, i) => `r${i}: callReport(range: ${range(QUARTER)}, groupBy: [AGENT, HOUR]) { total { ...Every } groups { agent { id name } period stats { ...Every } } }`).join('\n'),
);

/** Reports that cannot be answered from summaries (`not`), each scanning every leg of 91 days, twice (its totals, then its leg figures). */
const SCANS = `{ ${Array.from({ length: 8 }, (_, i) => `r${i}: callReport(range: ${range(QUARTER)}, filter: {not: {durationSeconds: {min: ${i}, max: ${i}}}}, groupBy: [AGENT]) {
  groups { stats { calls distinctCustomers repeatCallers } } }`).join('\n')} }`;

type Answer = Result<Record<string, unknown>> & { extensions?: { cost?: { complexity: number; estimatedGroups: number; maxComplexity: number } } };

describe('the cost limit bounds the work (issue #19)', () => {
  let sim: WolkvoxSimulator;
  let service: Service;
  let url: string;
  const post = async (query: string, init: RequestInit = {}, variables: Record<string, unknown> = {}): Promise<{ status: number; json: Answer }> => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }), ...init });
    return { status: response.status, json: (await response.json()) as Answer };
  };
  /** Steps of report work done so far (a unit merged, a window scanned): what shows that work stopped. */
  const reportSteps = async () => (await service.metrics.registry.getSingleMetric('report_steps_total')!.get()).values[0]?.value ?? 0;

  beforeAll(async () => {
    sim = await simulator();
    ({ service } = await graph({ sim, protection: { maxRequestsPerOperation: 40 } }));
    url = `${await listen(service.graph)}/graphql`;
    // The quarter's windows, loaded once: what follows measures computing, not fetching.
    expect((await post(`{ callReport(range: ${range(QUARTER)}) { total { calls } } }`)).json.errors).toBeUndefined();
  }, 60_000);

  it('refuses twenty aliases of a 91-day AGENT × HOUR report with every figure before computing any of it, with the limit', async () => {
    const steps = await reportSteps();
    const started = performance.now();
    const { status, json } = await post(HEAVY, {}, FIGURE_VARIABLES);
    expect(status).toBe(200);
    expect(json.errors).toHaveLength(20);
    for (const error of json.errors!) {
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: expect.stringMatching(/^(complexity|reportGroups)$/) });
      expect(error.extensions.measured).toBeGreaterThan(error.extensions.max as number);
    }
    expect(Object.values(json.data ?? {}).every((report) => report === null)).toBe(true);
    expect(await reportSteps()).toBe(steps);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('refuses reports whose groups, once estimated from the loaded windows, cost more than MAX_QUERY_COMPLEXITY, and shows the estimate', async () => {
    // Measured before running, with 20 groups a list, this passes; with each report's some 3,700 estimated groups (41 agents × 91 days) it does not.
    const document = `{ ${Array.from({ length: 20 }, (_, i) => `r${i}: callReport(range: ${range(QUARTER)}, groupBy: [AGENT, DAY]) { groups { agent { id } period stats { calls totalCost maxDurationSeconds } } }`).join('\n')} }`;
    const steps = await reportSteps();
    const { json } = await post(document);
    expect(json.errors).toHaveLength(20);
    for (const error of json.errors!) expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'complexity', max: 100_000 });
    const cost = json.extensions!.cost!;
    expect(cost.complexity).toBeGreaterThan(100_000);
    expect(cost.estimatedGroups).toBeGreaterThan(3_000);
    expect(await reportSteps()).toBe(steps);
  });

  it('refuses a report estimated to have more groups than MAX_REPORT_GROUPS, before computing it', async () => {
    const bounded = await graph({ sim, limits: { reportGroups: 100 } });
    const answer = (await bounded.post({ query: `{ callReport(range: ${range(WEEK)}, groupBy: [AGENT, DAY]) { groups { period stats { calls } } } }` })).json as Answer;
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'reportGroups', max: 100 });
    expect(answer.errors![0]!.extensions.measured).toBeGreaterThan(200);
  });

  it('answers a legal report, its cost counting the groups estimated for it', async () => {
    const { json } = await post(`{ callReport(range: ${range(WEEK)}, groupBy: [AGENT, TYPE]) { groups { agent { id } type stats { calls durationPercentiles(p: [50, 90]) { p seconds } } } } }`);
    expect(json.errors).toBeUndefined();
    const groups = (json.data!.callReport as { groups: unknown[] }).groups.length;
    const cost = json.extensions!.cost!;
    expect(cost.estimatedGroups).toBeGreaterThanOrEqual(groups);
    expect(cost.estimatedGroups).toBeLessThan(groups * 1.5 + 10);
    // Each group computed, and each returned: its agent and id, type, stats, calls, and two percentiles of two fields.
    expect(cost.complexity).toBeGreaterThan(cost.estimatedGroups * (1 + 1 + 1 + 1 + 1 + 1 + 1 + 2 * 2));
  });

  it('stops an operation that computes past MAX_OPERATION_SECONDS with OPERATION_TIMEOUT, and its work with it', async () => {
    const timed = await graph({ sim, limits: { operationMs: 300 }, protection: { maxRequestsPerOperation: 40 } });
    const timedSteps = async () => (await timed.service.metrics.registry.getSingleMetric('report_steps_total')!.get()).values[0]?.value ?? 0;
    const timedPost = async (query: string) => (await timed.post({ query })).json as Answer;
    expect((await timedPost(`{ callReport(range: ${range(QUARTER)}) { total { calls } } }`)).errors).toBeUndefined();
    const started = performance.now();
    const answer = await timedPost(SCANS);
    expect(answer.errors?.length).toBeGreaterThan(0);
    for (const error of answer.errors!) expect(error.extensions).toMatchObject({ code: 'OPERATION_TIMEOUT', limit: 'operationSeconds', max: 0.3 });
    expect(performance.now() - started).toBeLessThan(3_000);
    const stopped = await timedSteps();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await timedSteps()).toBe(stopped);
  });

  it('refuses an answer larger than MAX_RESPONSE_BYTES with BAD_USER_INPUT, never a 500', async () => {
    const small = await graph({ sim, limits: { responseBytes: 20_000 } });
    const { status, json: answer } = await small.post({ query: `{ calls(range: ${range({ from: WEEK.from, to: '2025-03-02T00:00:00-05:00' })}, first: 500) { edges { node { id connId telephone destiny } } } }` });
    expect(status).toBe(200);
    expect(answer.data).toBeNull();
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'responseBytes', max: 20_000 });
    const fits = await small.post({ query: `{ calls(range: ${range(WEEK)}, first: 5) { edges { node { id } } } }` });
    expect(fits.json.errors).toBeUndefined();
  });

  it('stops the work of a report when its client goes away (HTTP on a real port)', async () => {
    const before = await reportSteps();
    await post(SCANS);
    const whole = (await reportSteps()) - before;

    const start = await reportSteps();
    const client = new AbortController();
    const answer = post(SCANS, { signal: client.signal }).catch((error: unknown) => error);
    await expect.poll(reportSteps, { interval: 5, timeout: 10_000 }).toBeGreaterThan(start + whole / 10);
    client.abort();
    expect(await answer).toBeInstanceOf(Error);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const stopped = await reportSteps();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await reportSteps()).toBe(stopped);
    expect(stopped - start).toBeLessThan(whole / 2);
  });
});
