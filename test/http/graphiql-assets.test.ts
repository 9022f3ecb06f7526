import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { graph } from '../support/graph.js';
import { listen } from '../support/listen.js';
import { rawRequest } from '../support/raw-http.js';

describe('GraphiQL loads fast: a small page, and its assets compressed and cached', () => {
  let base: string;
  let page: string;
  beforeAll(async () => {
    base = await listen((await graph({ graphiql: true })).server);
    page = (await rawRequest(base, 'GET', '/graphql', { accept: 'text/html' })).text;
  });

  it('serves a page of a few kilobytes that is never cached and names its assets by hash', async () => {
    const response = await rawRequest(base, 'GET', '/graphql', { accept: 'text/html' });
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(Buffer.byteLength(response.text)).toBeLessThan(10_000);
    expect(page).toMatch(/<script src="\/graphiql\/[0-9a-f]{16}\.js"><\/script>/);
    expect(page).toMatch(/<link rel="stylesheet" href="\/graphiql\/[0-9a-f]{16}\.css" \/>/);
    expect(page).toContain('query Dashboard');
    expect(page).not.toMatch(/(src|href)=["']https?:/);
  });

  it.each([
    ['br', brotliDecompressSync],
    ['gzip', gunzipSync],
  ] as const)('sends the script %s-compressed, cacheable for a year, a fraction of its size', async (encoding, decode) => {
    const path = /src="([^"]+\.js)"/.exec(page)![1]!;
    const plain = await rawRequest(base, 'GET', path, { 'accept-encoding': 'identity' });
    // Raw bytes as sent: a fetch would decode them.
    const compressed = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      const { hostname, port } = new URL(base);
      request({ host: hostname, port, path, headers: { 'accept-encoding': `${encoding}, deflate` } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    });
    expect(compressed.headers['content-encoding']).toBe(encoding);
    expect(compressed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(compressed.headers.vary).toBe('accept-encoding');
    expect(compressed.body.length).toBeLessThan(Buffer.byteLength(plain.text) / 3);
    expect(decode(compressed.body).toString('utf8')).toBe(plain.text);
    expect(plain.text).toContain('YogaGraphiQL');
  });

  it('answers 404 for an asset it does not have', async () => {
    expect((await rawRequest(base, 'GET', '/graphiql/0000000000000000.js', { 'accept-encoding': 'br' })).status).toBe(404);
  });
});

describe('GRAPHIQL=false', () => {
  it('serves no page and no assets: a browser gets no 9 MB of anything', async () => {
    const base = await listen((await graph({ graphiql: false })).server);
    const response = await rawRequest(base, 'GET', '/graphql', { accept: 'text/html' });
    expect(response.headers['content-type'] ?? '').not.toContain('text/html');
    expect(response.text.length).toBeLessThan(2_000);
    expect((await rawRequest(base, 'GET', '/graphiql/0000000000000000.js')).status).toBe(404);
  });

  it('is the default with a real token, and GraphiQL the default with the simulator', () => {
    const live = { WOLKVOX_TOKEN: 'live-token-123456789', WOLKVOX_SERVER: '0048', ALLOW_ANONYMOUS: 'true' };
    expect(loadConfig(live).security.graphiql).toBe(false);
    expect(loadConfig({ ...live, GRAPHIQL: 'true' }).security.graphiql).toBe(true);
    expect(loadConfig({}).security.graphiql).toBe(true);
    expect(loadConfig({ GRAPHIQL: 'false' }).security.graphiql).toBe(false);
  });
});
