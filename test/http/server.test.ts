import { print } from 'graphql';
import { fetch } from 'undici';
import { beforeAll, describe, expect, it } from 'vitest';
import { CallReportDocument } from '../../operations/generated/graphql.js';
import type { GraphServer } from '../../src/server.js';
import { bogotaDay, graph } from '../support/graph.js';
import { listen } from '../support/listen.js';

describe('the HTTP server on a real port', () => {
  let server: GraphServer;
  let base: string;
  beforeAll(async () => {
    ({ server } = await graph());
    base = await listen(server);
  });

  it('answers GraphQL over POST', async () => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: print(CallReportDocument), variables: { range: bogotaDay('2025-03-04'), groupBy: ['TYPE'] } }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { callReport: { total: { calls: number }; groups: unknown[] } } };
    expect(body.data.callReport.total.calls).toBeGreaterThan(0);
    expect(body.data.callReport.groups.length).toBe(3);
  });

  it('answers GraphQL over GET', async () => {
    const query = encodeURIComponent('{ __typename }');
    const response = await fetch(`${base}/graphql?query=${query}`, { headers: { accept: 'application/json', 'x-graphql-csrf': '1' } });
    expect(await response.json()).toMatchObject({ data: { __typename: 'Query' }, extensions: { cost: { complexity: 1 } } });
  });

  it('serves GraphiQL to a browser with its assets from this server, nothing from a CDN', async () => {
    const response = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('wolkvox CDR graph');
    expect(html).toContain('query Dashboard');
    expect(html).not.toMatch(/<script[^>]+src=["']https?:/);
    expect(html).not.toMatch(/<link[^>]+href=["']https?:/);
    expect(html).not.toMatch(/unpkg\.com|jsdelivr\.net|cdnjs/);
  });

  it('reports liveness and readiness, and not-ready while shutting down', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: 'ready' });
    server.markNotReady();
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
