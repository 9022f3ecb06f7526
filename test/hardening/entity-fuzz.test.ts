import { beforeAll, describe, expect, it } from 'vitest';
import { seededRandom, pick, type Random } from '../../simulator/random.js';
import type { FaultKind } from '../../simulator/faults.js';
import type { WolkvoxSimulator } from '../../simulator/server.js';
import { graph, TEST_NOW, type TestGraph } from '../support/graph.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { simulator, TOKEN } from '../support/simulator.js';
import { bySize } from '../support/size.js';

const ENTITIES = 'query Entities($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Call { id cost } ... on Agent { id } ... on Campaign { id } } }';
const NODES = 'query Nodes($ids: [ID!]!) { nodes(ids: $ids) { __typename nodeId } }';
const DAY_S = 86_400;
const callNodeId = (id: string) => Buffer.from(`Call:${id}`).toString('base64');

/** Call ids spread over many days (most not held: each needs a window of its own), and the odd shapes a gateway or an attacker may send. */
function representation(random: Random, nowS: number): unknown {
  const daysAgo = 1 + Math.floor(random() * 400);
  const shapes: (() => unknown)[] = [
    () => ({ __typename: 'Call', id: `${nowS - daysAgo * DAY_S}.${Math.floor(random() * 1e6)}` }),
    () => ({ __typename: 'Call', id: `${nowS - daysAgo * DAY_S}.1` }),
    () => ({ __typename: 'Call', id: 'not-a-call-id' }),
    () => ({ __typename: 'Call' }),
    () => ({ __typename: 'Call', id: 42 }),
    () => ({ __typename: 'Agent', id: String(1000 + Math.floor(random() * 50)) }),
    () => ({ __typename: 'Campaign', id: '3001' }),
    () => ({ __typename: pick(random, ['Nope', 'Query', 'CallStats', 'Node', '']) }),
    () => ({ id: '1.1' }),
  ];
  return pick(random, shapes)();
}

describe('_entities and nodes resolve item by item', () => {
  let g: TestGraph;
  beforeAll(async () => {
    g = await graph({ protection: { maxRequestsPerOperation: 3 } });
  });

  it('answers one item per representation, each failure at its own index, when loads fail beside an unknown __typename', async () => {
    const nowS = TEST_NOW / 1000;
    const representations = [...Array.from({ length: 8 }, (_, k) => ({ __typename: 'Call', id: `${nowS - 40 * (k + 1) * DAY_S}.1` })), { __typename: 'Nope' }];
    const { json } = await g.post({ query: ENTITIES, variables: { r: representations } });
    const items = (json.data as { _entities: unknown[] })._entities;
    expect(items).toHaveLength(representations.length);
    const failed = new Map(json.errors!.map((error) => [error.path![1] as number, error.extensions.code]));
    expect(failed.get(8)).toBe('BAD_USER_INPUT');
    // Three windows fit the allowance of 3; the other five calls fail with the allowance, each at its own index.
    expect([...failed.values()].filter((code) => code === 'UPSTREAM_QUOTA')).toHaveLength(5);
    for (const [index] of failed) expect(items[index]).toBeNull();
  });

  it('answers nodes(ids:) item by item too: loads that fail leave the others', async () => {
    const nowS = TEST_NOW / 1000;
    // Days the test above did not load: each id needs a window of its own.
    const ids = Array.from({ length: 8 }, (_, k) => callNodeId(`${nowS - (40 * (k + 1) + 7) * DAY_S}.1`));
    const { json } = await g.post({ query: NODES, variables: { ids } });
    expect((json.data as { nodes: unknown[] }).nodes).toHaveLength(ids.length);
    expect(json.errors!.map((error) => error.extensions.code)).toEqual(Array(5).fill('UPSTREAM_QUOTA'));
    expect(new Set(json.errors!.map((error) => error.path![1])).size).toBe(5);
  });
});

describe('a real server process under mixed entity representations and wolkvox faults', () => {
  let sim: WolkvoxSimulator;
  let server: ServerProcess;
  let log = '';
  beforeAll(async () => {
    sim = await simulator();
    server = await startServerProcess({
      WOLKVOX_TOKEN: TOKEN,
      WOLKVOX_BASE_URL: sim.url,
      ALLOW_ANONYMOUS: 'true',
      WOLKVOX_RETRIES: '1',
      WOLKVOX_TIMEOUT_MS: '1000',
      WOLKVOX_FETCH_DEADLINE_SECONDS: '2',
      CIRCUIT_RESET_SECONDS: '1',
      // Spent within the run, so that the last requests meet the daily budget too.
      WOLKVOX_DAILY_BUDGET: '60',
    });
    server.child.stdout!.on('data', (chunk) => (log += String(chunk)));
  });

  it('stays alive after every request, answers every item, and leaves no rejection unawaited', async () => {
    const random = seededRandom(19);
    const faults: (FaultKind | null)[] = [null, 'server-error', 'quota', 'maintenance', 'reset', 'malformed-json', 'hang'];
    const nowS = Math.floor(Date.now() / 1000);
    for (let round = 0; round < bySize({ quick: 24, full: 120 }); round += 1) {
      const fault = pick(random, faults);
      sim.faults.rates = fault ? { [fault]: 0.5 + random() / 2 } : {};
      const representations = Array.from({ length: 1 + Math.floor(random() * 30) }, () => representation(random, nowS));
      const byNodes = random() < 0.25;
      const body = byNodes
        ? { query: NODES, variables: { ids: representations.map(() => callNodeId(`${nowS - Math.floor(random() * 400) * DAY_S}.1`)) } }
        : { query: ENTITIES, variables: { r: representations } };
      const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(response.status, `round ${round} (${fault ?? 'no fault'})`).toBeLessThan(500);
      const json = (await response.json()) as { data?: Record<string, unknown[] | null> | null; errors?: { extensions?: { code?: string } }[] };
      const list = json.data?.[byNodes ? 'nodes' : '_entities'];
      if (list) expect(list).toHaveLength(byNodes ? body.variables.ids!.length : representations.length);
      for (const error of json.errors ?? []) expect(error.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
      // The loads a failed item started settle after the answer: give them time to fail, then ask whether the process is still here.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(server.child.exitCode, `round ${round}: the process exited`).toBeNull();
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    }
    sim.faults.rates = {};
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(server.child.exitCode).toBeNull();
    expect(log).not.toMatch(/unhandled/i);
  }, 180_000);
});
