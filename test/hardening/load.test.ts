import autocannon from 'autocannon';
import { describe, expect, it } from 'vitest';
import { graph } from '../support/graph.js';
import { listen } from '../support/listen.js';
import { simulator } from '../support/simulator.js';
import { bySize } from '../support/size.js';

/** Concurrency is what the test is about, so the connections stay at 100 and only the total shrinks. */
const CONNECTIONS = 100;
const REQUESTS = bySize({ quick: 600, full: 3_000 });

const KEY = 'load-test-key-5e6f7a8b9c0d';
const day = (date: string) => `{from: "${date}T00:00:00-05:00", to: "${date}T23:00:00-05:00"}`;

/** The mixed query set: dashboards, reports, pages, lookups, over overlapping and distinct days. */
const QUERIES = [
  `{ callReport(range: ${day('2025-03-04')}, groupBy: [CAMPAIGN, HOUR]) { total { calls totalCost } groups { period campaign { id } stats { calls } } } }`,
  `{ calls(range: ${day('2025-03-05')}, first: 50) { totalCount edges { node { id cost agent { name } } } } }`,
  `{ agents(range: ${day('2025-03-06')}) { id name stats(range: ${day('2025-03-06')}) { calls totalCost } } }`,
  `{ skills(range: ${day('2025-03-04')}) { id name stats(range: ${day('2025-03-04')}) { averageDurationSeconds } } }`,
  `{ agent(id: "1001") { name } }`,
  `{ callReport(range: ${day('2025-03-07')}, groupBy: [AGENT, TYPE]) { groups { agent { id } type stats { calls } } } }`,
];

describe('a bounded load test on loopback', () => {
  it(`serves ${CONNECTIONS} concurrent clients ${REQUESTS} requests of a mixed query set: no 5xx, no concurrent use of the token`, async () => {
    const sim = await simulator({ faults: { latencyMs: 50 } });
    const { server } = await graph({ sim, apiKeys: [KEY] });
    const base = await listen(server);
    const result = await autocannon({
      url: `${base}/graphql`,
      connections: CONNECTIONS,
      amount: REQUESTS,
      timeout: 30,
      requests: QUERIES.map((query) => ({
        method: 'POST' as const,
        path: '/graphql',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
        body: JSON.stringify({ query }),
      })),
    });
    console.log(
      `load: ${result.requests.total} requests, ${CONNECTIONS} connections: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
        `max ${result.latency.max} ms, ${Math.round(result.requests.average)} req/s; upstream requests ${sim.counters.requests}`,
    );
    expect(result.requests.total).toBeGreaterThanOrEqual(REQUESTS);
    expect(result['5xx']).toBe(0);
    expect(result.non2xx).toBe(0);
    expect(result.errors).toBe(0);
    expect(result.timeouts).toBe(0);
    expect(sim.counters.concurrentViolations).toBe(0);
  }, 120_000);
});
