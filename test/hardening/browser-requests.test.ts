import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { WolkvoxSimulator } from '../../simulator/server.js';
import { graph } from '../support/graph.js';
import { listen } from '../support/listen.js';
import { rawRequest } from '../support/raw-http.js';

const KEY = 'key-for-browser-tests-5e1a9c';
const DASHBOARD = 'https://dashboard.example.com';
const EVIL = 'https://evil.example.net';
const QUERY = '{ calls(range: {from: "2025-03-04T09:00:00-05:00", to: "2025-03-04T10:00:00-05:00"}, first: 1) { totalCount } }';
const preflight = (origin: string) => ({ origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' });

describe('CORS: no origin is allowed unless CORS_ORIGINS names it', () => {
  let closed: string;
  let open: string;
  beforeAll(async () => {
    closed = await listen((await graph({ apiKeys: [KEY] })).server);
    open = await listen((await graph({ apiKeys: [KEY], corsOrigins: [DASHBOARD] })).server);
  });

  it('by default, reflects no origin and grants no credentials, even to a keyed request', async () => {
    const response = await rawRequest(closed, 'POST', '/graphql', { 'content-type': 'application/json', origin: EVIL, authorization: `Bearer ${KEY}` }, JSON.stringify({ query: QUERY }));
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('answers a preflight without a key, and allows nothing by default', async () => {
    const response = await rawRequest(closed, 'OPTIONS', '/graphql', preflight(DASHBOARD));
    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows the configured origin: preflight without a key, with the headers clients send', async () => {
    const response = await rawRequest(open, 'OPTIONS', '/graphql', preflight(DASHBOARD));
    expect(response.status).toBeLessThan(300);
    expect(response.headers['access-control-allow-origin']).toBe(DASHBOARD);
    expect(String(response.headers['access-control-allow-headers'])).toMatch(/authorization/);
    const keyed = await rawRequest(open, 'POST', '/graphql', { 'content-type': 'application/json', origin: DASHBOARD, authorization: `Bearer ${KEY}` }, JSON.stringify({ query: QUERY }));
    expect(keyed.status).toBe(200);
    expect(keyed.headers['access-control-allow-origin']).toBe(DASHBOARD);
  });

  it('never allows another origin when some are configured', async () => {
    const response = await rawRequest(open, 'OPTIONS', '/graphql', preflight(EVIL));
    expect(response.headers['access-control-allow-origin']).not.toBe(EVIL);
    expect(response.headers['access-control-allow-origin']).not.toBe('*');
  });

  it('reads CORS_ORIGINS as a list of origins and refuses anything else', () => {
    expect(loadConfig({ CORS_ORIGINS: `${DASHBOARD}, http://localhost:5173` }).security.corsOrigins).toEqual([DASHBOARD, 'http://localhost:5173']);
    expect(loadConfig({}).security.corsOrigins).toEqual([]);
    for (const bad of ['*', 'dashboard.example.com', 'https://dashboard.example.com/app', 'javascript:alert(1)']) {
      expect(() => loadConfig({ CORS_ORIGINS: bad }), bad).toThrow(/CORS_ORIGINS must be a comma-separated list of origins/);
    }
  });
});

describe('CSRF: what a web page can send without a preflight never runs', () => {
  let base: string;
  let sim: WolkvoxSimulator;
  beforeAll(async () => {
    const served = await graph();
    sim = served.sim;
    base = await listen(served.server);
  });

  it.each(['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain'])('refuses a POST sent as %s: 415, nothing asked of wolkvox', async (type) => {
    sim.resetCounters();
    const body = type.startsWith('application/x-www') ? `query=${encodeURIComponent(QUERY)}` : type.startsWith('multipart') ? `--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${JSON.stringify({ query: QUERY })}\r\n--x--\r\n` : JSON.stringify({ query: QUERY });
    const response = await rawRequest(base, 'POST', '/graphql', { 'content-type': type, origin: EVIL }, body);
    expect(response.status).toBe(415);
    expect(JSON.parse(response.text)).toMatchObject({ errors: [{ message: expect.stringContaining('application/json'), extensions: { code: 'BAD_REQUEST' } }] });
    expect(sim.counters.requests).toBe(0);
  });

  it('refuses a GET without a CSRF header (403, naming the headers) and runs one with it', async () => {
    sim.resetCounters();
    const path = `/graphql?query=${encodeURIComponent(QUERY)}`;
    const bare = await rawRequest(base, 'GET', path, { accept: 'application/json' });
    expect(bare.status).toBe(403);
    expect(JSON.parse(bare.text)).toMatchObject({ errors: [{ message: expect.stringContaining('x-graphql-csrf'), extensions: { code: 'BAD_REQUEST' } }] });
    expect(sim.counters.requests).toBe(0);
    const marked = await rawRequest(base, 'GET', path, { accept: 'application/json', 'apollo-require-preflight': 'true' });
    expect(marked.status).toBe(200);
    expect(JSON.parse(marked.text)).toMatchObject({ data: { calls: { totalCount: expect.any(Number) } } });
  });
});
