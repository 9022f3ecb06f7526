import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { bogotaDay, graph, type TestGraph } from '../support/graph.js';
import { listen } from '../support/listen.js';
import { ADMIN_KEY, BRAND_A_KEY, BRAND_B_KEY, bearer, policyYaml } from '../support/principals.js';

describe('audit: who asked, in the access log and in /metrics', () => {
  const lines: Record<string, unknown>[] = [];
  let test: TestGraph;
  let base: string;
  const policy = policyYaml([
    { name: 'brand-a-dashboard', key: BRAND_A_KEY, campaigns: ['3001'], upstreamRequestsPerDay: 0 },
    { name: 'brand-b-quality', key: BRAND_B_KEY, campaigns: ['3002'], pii: true },
  ]);
  const ask = (headers: Record<string, string>, query: string) =>
    fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  const day = bogotaDay('2025-03-04');
  const range = `{from: "${day.from}", to: "${day.to}"}`;

  beforeAll(async () => {
    const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(JSON.parse(String(chunk)) as Record<string, unknown>), done()) });
    test = await graph({ apiKeys: [ADMIN_KEY], policy, logger: createLogger('info', sink) });
    base = await listen(test.server);
  });

  it('names the principal of each request in its log line, never its key, and counts requests and refusals by principal', async () => {
    // brand-b's report fetches the day; brand-a (a share of 0) reads it from the cache, and is refused another.
    await ask(bearer(BRAND_B_KEY), `{ callReport(range: ${range}) { total { calls } } }`);
    await ask(bearer(BRAND_A_KEY), `{ calls(range: ${range}, first: 2) { edges { node { telephone } } } }`);
    await ask(bearer(BRAND_A_KEY), '{ callReport(range: {from: "2025-03-01T00:00:00-05:00", to: "2025-03-02T00:00:00-05:00"}) { total { calls } } }');
    await ask(bearer(ADMIN_KEY), '{ __typename }');
    await ask(bearer('not-a-key-of-anyone-0000'), '{ __typename }');
    const requests = lines.filter((line) => line.msg === 'request');
    expect(requests.map((line) => [line.principal, line.status, line.errors])).toEqual([
      ['brand-b-quality', 200, undefined],
      ['brand-a-dashboard', 200, { FORBIDDEN: 2 }],
      ['brand-a-dashboard', 200, { UPSTREAM_QUOTA: 1 }],
      ['api-keys', 200, undefined],
      [undefined, 401, { UNAUTHENTICATED: 1 }],
    ]);
    const text = JSON.stringify(lines);
    for (const key of [BRAND_A_KEY, BRAND_B_KEY, ADMIN_KEY, 'not-a-key-of-anyone-0000']) expect(text).not.toContain(key);

    const metrics = await (await fetch(`${base}/metrics`, { headers: bearer(ADMIN_KEY) })).text();
    for (const series of [
      'principal_requests_total{principal="brand-a-dashboard"} 2',
      'principal_requests_total{principal="brand-b-quality"} 1',
      'principal_requests_total{principal="api-keys"} 1',
      'principal_requests_total{principal="unauthenticated"} 1',
      'principal_refusals_total{principal="brand-a-dashboard",code="FORBIDDEN"} 1',
      'principal_refusals_total{principal="brand-a-dashboard",code="UPSTREAM_QUOTA"} 1',
      'principal_refusals_total{principal="unauthenticated",code="UNAUTHENTICATED"} 1',
    ]) {
      expect(metrics).toContain(series);
    }
    expect(metrics).not.toContain('principal_refusals_total{principal="brand-b-quality"');
  });

  it('keeps /metrics from scoped principals, and closed on a graph of scoped principals only until METRICS_KEY is set', async () => {
    expect((await fetch(`${base}/metrics`, { headers: bearer(BRAND_B_KEY) })).status).toBe(401);
    const scopedOnly = await listen((await graph({ policy })).server);
    for (const headers of [{}, bearer(BRAND_A_KEY), bearer(BRAND_B_KEY)]) expect((await fetch(`${scopedOnly}/metrics`, { headers })).status).toBe(401);
    const refusal = (await (await fetch(`${scopedOnly}/metrics`)).json()) as { errors: { message: string }[] };
    expect(refusal.errors[0]!.message).toContain('set METRICS_KEY or METRICS_PORT');
    const withKey = await listen((await graph({ policy, metricsKey: 'metrics-key-0123456789abcdef' })).server);
    expect((await fetch(`${withKey}/metrics`, { headers: bearer('metrics-key-0123456789abcdef') })).status).toBe(200);
  });
});
