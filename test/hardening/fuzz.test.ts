import { fetch } from 'undici';
import { beforeAll, describe, expect, it } from 'vitest';
import { pick, seededRandom, type Random } from '../../simulator/random.js';
import type { WolkvoxSimulator } from '../../simulator/server.js';
import { graph } from '../support/graph.js';
import { listen } from '../support/listen.js';
import { bySize } from '../support/size.js';

/** Every kind of document below comes up dozens of times even at the quick size. */
const REQUESTS = bySize({ quick: 200, full: 500 });

const DATES = ['2025-03-04T00:00:00-05:00', '2025-03-04', 'yesterday', '', '9999-12-31T23:59:59Z', '0000-01-01T00:00:00Z', '2025-02-30T00:00:00Z',
  '2025-03-04T00:00:00+99:99', '\u0000', 'x'.repeat(10_000), '1970-01-01T00:00:00Z', '2025-03-04T10:00:00.123456789-05:00'];
const VALUES = ['null', '1e309', '-1', '0', '2147483648', '"\\u0000"', '[]', '{}', 'true', '"🙂"', `"${'a'.repeat(5000)}"`, 'INBOUND', '$undefined'];
const FIELDS = ['calls', 'callReport', 'agents', 'campaigns', 'skills', 'agent', 'campaign', 'skill', '__schema', '__type', 'nope', '_entities', '_service'];

function hostileDocument(random: Random): unknown {
  const range = () => `{from: ${JSON.stringify(pick(random, DATES))}, to: ${JSON.stringify(pick(random, DATES))}}`;
  const kinds: (() => unknown)[] = [
    () => ({ query: `{ calls(range: ${range()}, first: ${pick(random, VALUES)}, after: ${pick(random, VALUES)}) { totalCount } }` }),
    () => ({ query: `{ callReport(range: ${range()}, groupBy: [${pick(random, ['DAY', 'NOPE', '"DAY"', 'HOUR, WEEK, MONTH'])}]) { total { calls } } }` }),
    () => ({ query: `{ ${pick(random, FIELDS)}(${pick(random, ['', 'range: 1', `range: ${range()}`, 'id: null', 'representations: [{}]'])}) { __typename } }` }),
    () => ({ query: `query($r: DateRange!) { calls(range: $r) { totalCount } }`, variables: { r: pick(random, [null, 1, 'x', { from: 1, to: 2 }, { from: pick(random, DATES), to: pick(random, DATES) }, []]) } }),
    () => ({ query: `{ ${'calls(range: {from: "2025-03-04T00:00:00Z", to: "2025-03-05T00:00:00Z"}) { edges { node { agent { '.repeat(1 + Math.floor(random() * 6))} }` }),
    () => ({ query: `{ ${Array.from({ length: 1 + Math.floor(random() * 200) }, (_, i) => `a${i}: calls(range: ${range()}) { totalCount }`).join(' ')} }` }),
    () => ({ query: `{ calls(range: ${range()}, after: ${JSON.stringify(Buffer.from(String(random())).toString('base64url'))}) { totalCount } }` }),
    () => ({ query: `fragment A on Query { ...B } fragment B on Query { ...A } { ...A }` }),
    () => ({ query: `{ __typename ${'@include(if: true) '.repeat(Math.floor(random() * 100))}}` }),
    () => ({ query: Array.from({ length: Math.floor(random() * 300) }, () => String.fromCharCode(32 + Math.floor(random() * 95))).join('') }),
    () => ({ query: 42 }),
    () => ({ query: '{ __typename }', variables: 'not an object', operationName: 7 }),
    () => [{ query: '{ __typename }' }],
    () => 'not json at all {',
  ];
  return pick(random, kinds)();
}

describe('hostile and random GraphQL', () => {
  let sim: WolkvoxSimulator;
  let base: string;
  beforeAll(async () => {
    const test = await graph();
    sim = test.sim;
    base = await listen(test.server);
  });

  it(`answers ${REQUESTS} random and hostile requests with clean GraphQL errors: never a 5xx, never a crash`, async () => {
    const random = seededRandom(2024);
    for (let i = 0; i < REQUESTS; i += 1) {
      const document = hostileDocument(random);
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: typeof document === 'string' ? document : JSON.stringify(document),
      });
      const text = await response.text();
      expect(response.status, `request ${i}: ${JSON.stringify(document).slice(0, 200)} → ${text.slice(0, 200)}`).toBeLessThan(500);
      const body = JSON.parse(text) as { errors?: { message: string; extensions?: { code?: string } }[]; data?: unknown };
      if (body.errors) {
        for (const error of body.errors) {
          expect(typeof error.message).toBe('string');
          expect(error.extensions?.code, `request ${i}: ${error.message}`).toBeTypeOf('string');
          expect(error.extensions?.code, `request ${i}: ${JSON.stringify(document).slice(0, 300)} → ${error.message}`).not.toBe('INTERNAL_SERVER_ERROR');
        }
      }
    }
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(sim.counters.concurrentViolations).toBe(0);
  }, 120_000);
});
