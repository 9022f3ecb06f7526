import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { print } from 'graphql';
import { request } from 'undici';
import * as committedOperations from '../operations/generated/graphql.js';
import { CostPerCampaignAndDayDocument } from '../operations/generated/graphql.js';
import { loadConfig } from '../src/config.js';
import { ZoneClock } from '../src/domain/time/zone-clock.js';
import { createLogger } from '../src/logger.js';
import { Secret } from '../src/secret.js';
import { composeService } from '../src/service.js';
import { WolkvoxClient } from '../src/upstream/wolkvox-client.js';
import { warmUp } from '../src/warm-up.js';
import type { ServedRequest } from '../simulator/server.js';
import { collectGarbage, type BenchRow } from './measure.js';
import { campaignDaysFromGraph, dashboardFromGraph, PEER_DASHBOARD } from './peer-answers.js';
import { PlainScript } from './plain-script.js';
import { startSimulatorProcess, type SimulatorProcess } from './simulator-process.js';

const TOKEN = 'bench-token';
const ZONE = 'America/Bogota';
const LEGS_PER_DAY = 2_000;
const LATENCY_MS = 200;
const USERS = 20;
const ROUNDS = Number(process.env.PEER_ROUNDS ?? 3);
const DASHBOARD = { from: '2025-03-04T00:00:00-05:00', to: '2025-03-07T00:00:00-05:00' };
/** The issue's month: 59,804 legs with the simulator's default seed, just under the 60,000-row cap. */
const MONTH = { from: '2025-02-04T00:00:00-05:00', to: '2025-03-06T00:00:00-05:00' };
const instants = (range: { from: string; to: string }) => ({ from: Date.parse(range.from), to: Date.parse(range.to) });

/** One measured action: its wall time and the wolkvox answers it caused. */
interface Measured {
  readonly ms: number;
  readonly served: readonly ServedRequest[];
  /** Canonical answers (one per user), compared for identity across every contender. */
  readonly answers: readonly string[];
  /** Per-user wall times, for the concurrent scenario. */
  readonly users?: readonly number[];
  /** Epoch ms of the action's start and end, to split its wall time around the upstream's service. */
  readonly startedAt: number;
  readonly endedAt: number;
}

/**
 * This graph against what a user would pick instead, side by side in one run against the simulator in
 * its own process answering in 200 ms (2,000 legs a day): a plain script that asks wolkvox directly
 * (bench/plain-script.ts) and the graph cold (a fresh service, warmed up as `npm start` does, nothing
 * cached, nothing learned) and warm. Rounds are interleaved; medians are reported. Every wolkvox answer's
 * service time is printed as it comes, and every answer is checked against the others.
 */
export async function peersBench(): Promise<BenchRow[]> {
  const sim = await startSimulatorProcess({ token: TOKEN, callsPerDay: LEGS_PER_DAY, timeZone: ZONE, latencyMs: LATENCY_MS, logServed: true });
  const clock = new ZoneClock(ZONE);
  const script = new PlainScript(sim.url, TOKEN, clock);
  const loadBefore = loadavg();
  const results = new Map<string, Measured[]>();
  const record = (name: string, measured: Measured) => {
    results.set(name, [...(results.get(name) ?? []), measured]);
    const refused = measured.served.filter((s) => s.status === 403).length;
    const service = measured.served.map((s) => Math.round(s.ms));
    const slowest = measured.users ? `, slowest user ${Math.round(Math.max(...measured.users))} ms` : '';
    const first = measured.served[0];
    const last = measured.served.at(-1);
    const around = first && last ? `; ${Math.round(first.at - first.ms - measured.startedAt)} ms before the first request, ${Math.round(measured.endedAt - last.at)} ms after the last answer` : '';
    console.error(`[peers] ${name}: ${Math.round(measured.ms)} ms${slowest}; ${measured.served.length} request(s), ${refused} refused; service ms [${service.join(', ')}]${around}`);
  };
  try {
    // wolkvox has its data at hand; the simulator generates it on first use: not part of anyone's time.
    await script.dashboard(instants(DASHBOARD));
    await script.campaignDays(instants(MONTH));
    await sleep(150);
    for (let round = 1; round <= ROUNDS; round += 1) {
      console.error(`[peers] round ${round}/${ROUNDS} (heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MiB)`);
      const dashboardGraph = await freshGraph(sim.url, clock);
      record('dashboard · graph cold', await measure(sim, async () => [await dashboardGraph.dashboard()]));
      record('dashboard · graph warm', await measure(sim, async () => [await dashboardGraph.dashboard()]));
      await dashboardGraph.close();
      record('dashboard · plain script', await measure(sim, async () => [JSON.stringify(await script.dashboard(instants(DASHBOARD)))]));

      const monthGraph = await freshGraph(sim.url, clock);
      record('30-day report · graph cold', await measure(sim, async () => [await monthGraph.campaignDays()]));
      record('30-day report · graph warm', await measure(sim, async () => [await monthGraph.campaignDays()]));
      await monthGraph.close();
      record('30-day report · plain script', await measure(sim, async () => [JSON.stringify(await script.campaignDays(instants(MONTH)))]));

      const usersGraph = await freshGraph(sim.url, clock);
      record(`${USERS} users · graph cold`, await concurrently(sim, () => usersGraph.dashboard()));
      await usersGraph.close();
      record(`${USERS} users · plain script`, await concurrently(sim, async () => JSON.stringify(await script.dashboard(instants(DASHBOARD)))));
    }
  } finally {
    sim.stop();
  }
  return table(results, loadBefore, loadavg());
}

async function measure(sim: SimulatorProcess, action: () => Promise<string[]>): Promise<Measured> {
  // Each contender starts on a clean heap, as a fresh process would, not with the last one's garbage.
  collectGarbage();
  const mark = sim.served.length;
  const startedAt = Date.now();
  const started = performance.now();
  const answers = await action();
  const ms = performance.now() - started;
  const endedAt = Date.now();
  // The simulator reports each answer on its stdout; let the last lines arrive.
  await sleep(150);
  return { ms, served: sim.served.slice(mark), answers, startedAt, endedAt };
}

async function concurrently(sim: SimulatorProcess, user: () => Promise<string>): Promise<Measured> {
  const users: number[] = [];
  const measured = await measure(sim, () =>
    Promise.all(
      Array.from({ length: USERS }, async () => {
        const started = performance.now();
        const answer = await user();
        users.push(performance.now() - started);
        return answer;
      }),
    ),
  );
  return { ...measured, users };
}

/** A fresh service on a port, as `npm start` builds it (configuration defaults, warm-up), over the simulator. */
async function freshGraph(origin: string, clock: ZoneClock) {
  const config = loadConfig({ WOLKVOX_TIMEZONE: ZONE, LOG_LEVEL: 'silent' });
  let client: WolkvoxClient | undefined;
  const service = composeService({
    clock,
    logger: createLogger('silent'),
    windows: config.windows,
    security: config.security,
    limits: config.limits,
    protection: { ...config.protection, dailyBudget: 0 },
    connect: ({ budget, observer, circuit }) => (client = new WolkvoxClient({ origin, token: new Secret(TOKEN), clock, budget, observer, circuit })),
  });
  const operations = [...Object.entries(committedOperations).filter(([name]) => name.endsWith('Document')).map(([, document]) => document), PEER_DASHBOARD];
  await warmUp({ graph: service.graph, clock, now: Date.now(), operations });
  const http = createServer(service.graph.handle).listen(0, '127.0.0.1');
  await once(http, 'listening');
  const endpoint = `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
  const post = async <T>(query: string, range: { from: string; to: string }): Promise<T> => {
    const response = await request(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables: { range } }) });
    const json = (await response.body.json()) as { data?: T; errors?: unknown };
    if (json.errors || !json.data) throw new Error(`the graph failed: ${JSON.stringify(json.errors)}`);
    return json.data;
  };
  return {
    dashboard: async () => JSON.stringify(dashboardFromGraph(await post(PEER_DASHBOARD, DASHBOARD))),
    campaignDays: async () => JSON.stringify(campaignDaysFromGraph(await post(print(CostPerCampaignAndDayDocument), MONTH))),
    close: async () => {
      http.close();
      // Kept-alive connections would keep this service, and the windows it holds, alive into the next round.
      http.closeAllConnections();
      service.circuit.shutdown();
      await client?.close();
    },
  };
}

function table(results: ReadonlyMap<string, Measured[]>, loadBefore: number[], loadAfter: number[]): BenchRow[] {
  const all = (name: string) => results.get(name) ?? [];
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
  const wall = (name: string) => median(all(name).map((m) => m.ms));
  const requests = (name: string) => median(all(name).map((m) => m.served.length));
  const refused = (name: string) => median(all(name).map((m) => m.served.filter((s) => s.status === 403).length));
  const service = (name: string) => median(all(name).map((m) => m.served.reduce((sum, s) => sum + s.ms, 0)));
  const slowest = (name: string) => median(all(name).map((m) => Math.max(...(m.users ?? [m.ms]))));
  const ms = (value: number) => `${Math.round(value).toLocaleString('en-US')} ms`;
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  const identical = (...prefixes: string[]) => identicalAcross(results, prefixes);
  const rows: BenchRow[] = [];
  for (const [label, prefix] of [['3-day dashboard', 'dashboard'], ['30-day report by campaign × day', '30-day report']] as const) {
    const scenario = `peers: ${label}, ${LATENCY_MS} ms upstream`;
    const cold = `${prefix} · graph cold`;
    const plain = `${prefix} · plain script`;
    rows.push(
      { scenario, measure: 'graph cold: wall, requests, upstream service', value: `${ms(wall(cold))}, ${requests(cold)}, ${ms(service(cold))}` },
      { scenario, measure: 'graph cold: wall / upstream service', value: ratio(wall(cold), service(cold)), target: '≤ 1.2×' },
      { scenario, measure: 'graph warm: wall, requests', value: `${wall(`${prefix} · graph warm`).toFixed(1)} ms, ${requests(`${prefix} · graph warm`)}` },
      { scenario, measure: 'plain script: wall, requests, refused', value: `${ms(wall(plain))}, ${requests(plain)}, ${refused(plain)}` },
      { scenario, measure: 'graph cold / plain script', value: ratio(wall(cold), wall(plain)), target: '≤ 1×' },
      { scenario, measure: 'answers', value: identical(prefix) },
    );
  }
  const scenario = `peers: ${USERS} users, dashboard, cold`;
  const graph = `${USERS} users · graph cold`;
  const plain = `${USERS} users · plain script`;
  rows.push(
    { scenario, measure: 'graph: slowest user, requests, refused', value: `${ms(slowest(graph))}, ${requests(graph)}, ${refused(graph)}`, target: '1 request, 0 refused' },
    { scenario, measure: 'graph: slowest / one cold user', value: ratio(slowest(graph), wall('dashboard · graph cold')), target: '≤ 1.5×' },
    { scenario, measure: 'plain script: slowest user, requests, refused', value: `${ms(slowest(plain))}, ${requests(plain)}, ${refused(plain)}` },
    { scenario, measure: 'answers (with the single-user dashboards)', value: identical('dashboard', `${USERS} users`) },
    { scenario: 'peers', measure: `rounds; load average before → after`, value: `${ROUNDS}; ${loadBefore.map((l) => l.toFixed(1)).join(' ')} → ${loadAfter.map((l) => l.toFixed(1)).join(' ')}` },
  );
  return rows;
}

function identicalAcross(results: ReadonlyMap<string, Measured[]>, prefixes: readonly string[]): string {
  const answers = [...results].filter(([name]) => prefixes.some((prefix) => name.startsWith(prefix))).flatMap(([, runs]) => runs.flatMap((m) => m.answers));
  return new Set(answers).size === 1 ? `identical (${answers.length} answers)` : `DIFFERENT (${new Set(answers).size} distinct of ${answers.length})`;
}
