import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_REQUEST_BYTES } from '../../src/defaults.js';
import type { WolkvoxSimulator } from '../../simulator/server.js';
import { graph } from '../support/graph.js';
import { listen } from '../support/listen.js';
import { rawRequest } from '../support/raw-http.js';

const QUERY = 'query($ids: [ID!]) { callReport(range: {from: "2025-03-04T00:00:00-05:00", to: "2025-03-05T00:00:00-05:00"}, filter: {agentIds: $ids}) { total { calls } } }';

describe('a request body has a bound', () => {
  let base: string;
  let sim: WolkvoxSimulator;
  beforeAll(async () => {
    const served = await graph();
    sim = served.sim;
    base = await listen(served.server);
  });

  it('refuses variables of millions of ids with 413 before reading them into values, and asks wolkvox nothing', async () => {
    sim.resetCounters();
    const ids = Array.from({ length: 300_000 }, (_, i) => String(i));
    const body = JSON.stringify({ query: QUERY, variables: { ids } });
    expect(body.length).toBeGreaterThan(MAX_REQUEST_BYTES);
    const response = await rawRequest(base, 'POST', '/graphql', { 'content-type': 'application/json' }, body);
    expect(response.status).toBe(413);
    expect(JSON.parse(response.text)).toMatchObject({ errors: [{ extensions: { code: 'REQUEST_ENTITY_TOO_LARGE' } }] });
    expect(sim.counters.requests).toBe(0);
  });

  it('reads a legitimate large request: 1,000 ids in each of the lists a filter takes', async () => {
    const ids = Array.from({ length: 1_000 }, (_, i) => `agent-id-${i}`);
    const body = JSON.stringify({ query: QUERY.replace('agentIds: $ids', 'agentIds: $ids, campaignIds: $ids, skillIds: $ids'), variables: { ids } });
    const response = await rawRequest(base, 'POST', '/graphql', { 'content-type': 'application/json' }, body);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toMatchObject({ data: { callReport: { total: { calls: 0 } } } });
  });
});
