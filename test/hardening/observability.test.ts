import { Writable } from 'node:stream';
import { fetch } from 'undici';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { graph } from '../support/graph.js';
import { listen } from '../support/listen.js';
import { TOKEN } from '../support/simulator.js';

const KEY = 'observability-test-key-91b2c3';

describe('observability', () => {
  const lines: string[] = [];
  let base: string;
  beforeAll(async () => {
    const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    const { server } = await graph({ apiKeys: [KEY], logger: createLogger('debug', sink) });
    base = await listen(server);
  });
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}`, ...headers }, body: JSON.stringify(body) });
  const range = '{from: "2025-03-04T00:00:00-05:00", to: "2025-03-05T00:00:00-05:00"}';

  it('gives every response a request id, takes a caller\'s, and puts it in error extensions', async () => {
    const own = await post({ query: '{ __typename }' }, { 'x-request-id': 'trace-abc-123' });
    expect(own.headers.get('x-request-id')).toBe('trace-abc-123');
    const generated = await post({ query: `{ calls(range: {from: "bad", to: "bad"}) { totalCount } }` });
    const id = generated.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const body = (await generated.json()) as { errors: { extensions: { requestId: string; code: string } }[] };
    expect(body.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', requestId: id });
    const hostile = await post({ query: '{ __typename }' }, { 'x-request-id': 'not <ok> with spaces' });
    expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves Prometheus metrics: HTTP, GraphQL, upstream, cache, token gate, quota, circuit', async () => {
    await post({ query: `{ callReport(range: ${range}) { total { calls } } }` });
    await post({ query: `{ callReport(range: ${range}) { total { calls } } }` });
    const text = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${KEY}` } })).text();
    for (const name of [
      'http_requests_total{route="/graphql",status="200"}',
      'http_request_duration_seconds_bucket',
      'graphql_operations_total{outcome="ok"}',
      'upstream_requests_total{outcome="ok"} 1',
      'upstream_request_duration_seconds_count 1',
      'token_gate_wait_seconds_count 1',
      'cache_misses_total 24',
      'cache_hits_total',
      'cache_rows',
      'quota_used_today',
      'upstream_circuit_open 0',
    ]) {
      expect(text).toContain(name);
    }
  });

  it('writes one structured JSON line per request, with neither the wolkvox token nor a client key in any line', async () => {
    await post({ query: '{ __typename }' }, { authorization: `Bearer ${KEY}-wrong` });
    await post({ query: `{ calls(range: ${range}) { totalCount } }` });
    expect(lines.length).toBeGreaterThan(3);
    const requests = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.msg === 'request');
    expect(requests.at(-1)).toMatchObject({ level: 30, method: 'POST', path: '/graphql', status: 200, requestId: expect.any(String) });
    for (const line of lines) {
      expect(line).not.toContain(TOKEN);
      expect(line).not.toContain(KEY);
    }
  });
});
