import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { windowsCovering } from '../../src/feed/windows.js';
import { ZoneClock } from '../../src/domain/time/zone-clock.js';
import { graph, type Result, type TestGraph } from '../support/graph.js';
import { simulator } from '../support/simulator.js';
import { bearer, BRAND_B_KEY, BRANDS, policyYaml } from '../support/principals.js';
import { startServerProcess } from '../support/server-process.js';
import { tempDirs } from '../support/temp-dirs.js';

const dataDir = tempDirs('cdr-scans-');

const month = { from: '2025-02-01T00:00:00-05:00', to: '2025-03-01T00:00:00-05:00' };
const week = { from: '2025-03-01T00:00:00-05:00', to: '2025-03-08T00:00:00-05:00' };

const FIGURES = `calls totalCost averageCost totalBilledMinutes maxDurationSeconds uncodedCalls callsByHangUp { hangUp calls }`;
const LEG_FIGURES = `distinctCalls transferredCalls distinctCustomers repeatCallers(withinHours: 24) durationPercentiles(p: [50, 90, 99]) { p seconds } durationHistogram(bounds: [30, 120]) { calls totalCost totalBilledMinutes }`;

/** Reports that read legs: `not`/`anyOf`, a numeric range, telephones, four dimensions, or distinct counts and repeat callers among their figures (with percentiles). */
const REPORTS: readonly { name: string; filter: string; groupBy: string; legs: boolean }[] = [
  { name: 'not', filter: '{ not: { types: [INBOUND] } }', groupBy: '[CAMPAIGN, MONTH]', legs: true },
  { name: 'anyOf', filter: '{ anyOf: [{ durationSeconds: { min: 120 } }, { hangUps: ["agent"] }] }', groupBy: '[AGENT, WEEK]', legs: true },
  { name: 'cost range', filter: '{ cost: { min: "0.05" } }', groupBy: '[DESTINY]', legs: false },
  { name: 'telephone prefixes', filter: '{ telephonePrefixes: ["57", "3"] }', groupBy: '[]', legs: true },
  { name: 'distinct counts, a filter summaries answer', filter: '{ types: [INBOUND, OUTBOUND] }', groupBy: '[CAMPAIGN, DAY]', legs: true },
  { name: 'four dimensions', filter: '{ not: { codActs: ["TIMEOUTACW"] }, types: [INBOUND] }', groupBy: '[CAMPAIGN, TYPE, HANG_UP, MONTH]', legs: false },
];

const query = (filter: string, groupBy: string, legs: boolean) => `{
  callReport(range: { from: "${month.from}", to: "${month.to}" }, filter: ${filter}, groupBy: ${groupBy}) {
    total { ${FIGURES} ${legs ? LEG_FIGURES : ''} }
    groups { agent { id name } campaign { id } period type hangUp destiny stats { ${FIGURES} ${legs ? LEG_FIGURES : ''} } }
    unreadableRows { count }
    freshness { complete }
  }
}`;

const clock = new ZoneClock('America/Bogota');
/** The windows of `range` the server's cache holds now. */
const held = (server: TestGraph, range: { from: string; to: string }) =>
  windowsCovering({ from: Date.parse(range.from), to: Date.parse(range.to) }, clock, 'hour').filter((window) => server.engine.store.peek(window) !== undefined).length;

interface Cost { scans?: { passes: number; windowsFromDisk: number; windowsFromMemory: number; legsRead: number; workerTasks: number } }
const costOf = (result: Result<Record<string, unknown>>) => (result.extensions as { cost?: Cost } | undefined)?.cost;

/** The month fetched once and stored in LMDB, the server that fetched it closed (so its windows are on disk only). */
async function storedMonth() {
  const sim = await simulator();
  const dir = dataDir();
  const filler = await graph({ sim, dataDir: dir });
  const filled = await filler.post({ query: `{ callReport(range: { from: "${month.from}", to: "${week.to}" }) { total { calls } } }` });
  expect(filled.json.errors).toBeUndefined();
  await filler.durable!.archive.close();
  return { sim, dir };
}

describe('long scans in worker threads', () => {
  it('give the same reports as the event loop, read from LMDB without entering the cache', { timeout: 180_000 }, async () => {
    const { sim, dir } = await storedMonth();
    const streamed = await graph({ sim, dataDir: dir, scanWorkers: 2 });
    const reference = await graph({ sim, dataDir: dir, scanWorkers: 0 });
    const requests = sim.counters.requests;
    // Another user's week, in memory before the long scans: they must not push it out. (A list of its
    // calls: a report would read the week's day roll-ups and hold none of its windows.)
    expect((await streamed.post({ query: `{ calls(range: { from: "${week.from}", to: "${week.to}" }, first: 1) { edges { node { id } } } }` })).json.errors).toBeUndefined();
    expect(held(streamed, week)).toBe(7 * 24);
    const size = streamed.engine.store.size;
    for (const { name, filter, groupBy, legs } of REPORTS) {
      const off = await streamed.post({ query: query(filter, groupBy, legs) });
      const on = await reference.post({ query: query(filter, groupBy, legs) });
      expect(off.json.errors, name).toBeUndefined();
      expect(off.json.data, name).toEqual(on.json.data);
      const scans = costOf(off.json)?.scans;
      expect(scans?.windowsFromDisk, name).toBe(28 * 24 * (legs ? 2 : 1));
      expect(scans?.workerTasks, name).toBeGreaterThan(0);
      expect(scans?.legsRead, name).toBeGreaterThan(0);
      expect(costOf(on.json)?.scans, name).toBeUndefined();
    }
    expect(sim.counters.requests).toBe(requests);
    // The cache holds what it held: the week, and none of the month's windows.
    expect(held(streamed, week)).toBe(7 * 24);
    expect(held(streamed, month)).toBe(0);
    expect(streamed.engine.store.size).toBe(size);
    expect(streamed.service.scans!.threads).toBeGreaterThan(0);
    // What summaries answer is not streamed: it reads the month's day roll-ups (made once from the
    // windows, which are then let go), so it holds none of the month's windows either.
    const summarizedQuery = query('{ types: [INBOUND] }', '[CAMPAIGN]', false);
    const summarized = await streamed.post({ query: summarizedQuery });
    expect(summarized.json.errors).toBeUndefined();
    expect(costOf(summarized.json)?.scans).toBeUndefined();
    expect(summarized.json.data).toEqual((await reference.post({ query: summarizedQuery })).json.data);
    expect(held(streamed, month)).toBe(0);
  });

  it('applies a principal\'s row scope in the workers as on the event loop', { timeout: 120_000 }, async () => {
    const { sim, dir } = await storedMonth();
    const campaign = BRANDS[1]!.campaigns![0]!;
    const policy = policyYaml(BRANDS);
    const streamed = await graph({ sim, dataDir: dir, scanWorkers: 1, policy });
    const reference = await graph({ sim, dataDir: dir, scanWorkers: 0, policy });
    const headers = bearer(BRAND_B_KEY);
    const ask = `{ callReport(range: { from: "${month.from}", to: "${month.to}" }, filter: { not: { types: [INTERNAL] } }, groupBy: [CAMPAIGN, AGENT]) { total { calls totalCost distinctCalls } groups { campaign { id } agent { id name } stats { calls totalCost } } } }`;
    const off = await streamed.post({ query: ask }, headers);
    const on = await reference.post({ query: ask }, headers);
    expect(off.json.errors).toBeUndefined();
    expect(costOf(off.json)?.scans?.windowsFromDisk).toBeGreaterThan(0);
    expect(off.json.data).toEqual(on.json.data);
    const groups = (off.json.data as { callReport: { groups: { campaign: { id: string } }[] } }).callReport.groups;
    expect(groups.length).toBeGreaterThan(0);
    expect(new Set(groups.map((group) => group.campaign.id))).toEqual(new Set([campaign]));
  });

  it('stops its worker tasks when the operation runs out of time', { timeout: 120_000 }, async () => {
    const { sim, dir } = await storedMonth();
    const server: TestGraph = await graph({ sim, dataDir: dir, scanWorkers: 1, limits: { operationMs: 1 } });
    const result = await server.post({ query: query(REPORTS[0]!.filter, REPORTS[0]!.groupBy, true) });
    expect(result.json.errors?.[0]?.extensions?.code).toBe('OPERATION_TIMEOUT');
    const scans = costOf(result.json)?.scans;
    // Stopped before the month was read: most tasks never ran.
    expect(scans?.windowsFromDisk ?? 0).toBeLessThan(28 * 24);
    expect(held(server, month)).toBe(0);
    // The tasks sent were stopped (piscina ends the thread of one running), and no other was sent: of the
    // month's 28 tasks, none runs on.
    const pool = server.service.scans!;
    expect(pool.stopped).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(pool.completed + pool.stopped).toBeLessThanOrEqual(2);
  });
});

describe('the scan pool in a server process', () => {
  const days = { from: '2026-11-02T00:00:00-05:00', to: '2026-11-04T00:00:00-05:00' };
  const ask = `{ callReport(range: { from: "${days.from}", to: "${days.to}" }, filter: { not: { types: [INTERNAL] } }, groupBy: [AGENT]) { total { calls distinctCalls } } }`;
  const post = async (url: string, query: string) => {
    const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    return (await response.json()) as Result<{ callReport: { total: { calls: number } } }>;
  };
  const env = { SIMULATOR_CALLS_PER_DAY: '500', SHUTDOWN_GRACE_SECONDS: '1', SHUTDOWN_TIMEOUT_SECONDS: '1', SCAN_WORKERS: '1' };

  it('streams from the DATA_DIR a previous run filled, and exits on SIGTERM with its worker threads', { timeout: 180_000 }, async () => {
    const dir = dataDir();
    const first = await startServerProcess({ ...env, DATA_DIR: dir });
    const fetched = await post(first.url, ask);
    expect(fetched.errors).toBeUndefined();
    expect(costOf(fetched as Result<Record<string, unknown>>)?.scans).toBeUndefined();
    first.child.kill('SIGTERM');
    await once(first.child, 'exit');

    const second = await startServerProcess({ ...env, DATA_DIR: dir });
    const streamed = await post(second.url, ask);
    expect(streamed.errors).toBeUndefined();
    expect(streamed.data).toEqual(fetched.data);
    expect(costOf(streamed as Result<Record<string, unknown>>)?.scans?.workerTasks).toBe(2 * 2);
    second.child.kill('SIGTERM');
    const [code] = (await once(second.child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(second.output()).toContain('"msg":"stopped"');
  });
});
