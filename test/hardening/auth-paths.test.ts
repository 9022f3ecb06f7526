import { beforeAll, describe, expect, it } from 'vitest';
import { graph } from '../support/graph.js';
import { listen } from '../support/listen.js';
import { rawRequest } from '../support/raw-http.js';

const KEY = 'key-for-path-tests-4b9d0c7e';
const CALLS = JSON.stringify({ query: '{ calls(range: {from: "2025-03-04T09:00:00-05:00", to: "2025-03-04T10:00:00-05:00"}, first: 3) { edges { node { telephone cost agent { name } } } } }' });
const INTROSPECTION = JSON.stringify({ query: '{ __schema { types { name } } }' });
const json = { 'content-type': 'application/json', accept: 'application/json' };
const csrf = { 'x-graphql-csrf': '1', accept: 'application/json' };
const encodedCalls = encodeURIComponent('{ calls(range: {from: "2025-03-04T09:00:00-05:00", to: "2025-03-04T10:00:00-05:00"}, first: 3) { edges { node { telephone } } } }');

/** Paths that a sloppy router takes for the endpoint; none may answer data without a key. */
const VARIANTS = ['/graphql/', '//graphql', '/x/graphql', '/x/../graphql', '/%67raphql', '/graphql;x', '/GRAPHQL', '/graphql%2F', '/./graphql', '/graphql/.'];

describe('the API key cannot be bypassed through the path', () => {
  let base: string;
  beforeAll(async () => {
    const { server } = await graph({ apiKeys: [KEY] });
    base = await listen(server);
  });

  it.each(VARIANTS)('POST %s without a key: no data, no schema (401 or 404)', async (path) => {
    for (const body of [CALLS, INTROSPECTION]) {
      const response = await rawRequest(base, 'POST', path, json, body);
      expect([401, 404]).toContain(response.status);
      expect(response.text).not.toMatch(/"data"|telephone|__Schema|"types"/);
    }
  });

  it.each([...VARIANTS, '/graphql'])('GET %s?query=… without a key: no data (401 or 404)', async (path) => {
    const response = await rawRequest(base, 'GET', `${path}?query=${encodedCalls}`, csrf);
    expect([401, 404]).toContain(response.status);
    expect(response.text).not.toMatch(/"data"|telephone/);
  });

  it('serves the graph on exactly one path: with a valid key, the variants are 404', async () => {
    for (const path of ['/graphql/', '//graphql', '/x/graphql', '/%67raphql', '/graphql;x', '/GRAPHQL']) {
      const response = await rawRequest(base, 'POST', path, { ...json, authorization: `Bearer ${KEY}` }, CALLS);
      expect(response.status, path).toBe(404);
      expect(JSON.parse(response.text)).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
    }
  });

  it('answers /graphql and /graphql? alike: with the key only', async () => {
    for (const path of ['/graphql', '/graphql?']) {
      expect((await rawRequest(base, 'POST', path, json, CALLS)).status).toBe(401);
      const keyed = await rawRequest(base, 'POST', path, { ...json, authorization: `Bearer ${KEY}` }, CALLS);
      expect(keyed.status).toBe(200);
      expect(keyed.text).toContain('telephone');
    }
  });

  it('never serves the GraphiQL page off the endpoint path', async () => {
    for (const path of ['/x/graphql', '/graphql/', '//graphql']) {
      const page = await rawRequest(base, 'GET', path, { accept: 'text/html' });
      expect(page.status, path).toBe(404);
      expect(page.text.length).toBeLessThan(1000);
    }
  });

  it('counts requests to unknown paths as route "other" in metrics', async () => {
    await rawRequest(base, 'POST', '/x/graphql', json, CALLS);
    const metrics = await rawRequest(base, 'GET', '/metrics', { authorization: `Bearer ${KEY}` });
    expect(metrics.text).toMatch(/http_requests_total\{route="other",status="404"\} [1-9]/);
  });
});
