import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CallReportDocument } from '../../operations/generated/graphql.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { closeAfterFile } from '../support/cleanup.js';
import { bogotaDay } from '../support/graph.js';
import { startServerProcess } from '../support/server-process.js';
import { simulator, TOKEN } from '../support/simulator.js';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

/**
 * A stand-in OTLP/HTTP collector: resolves with the exports whose bodies hold `needle`, their bodies
 * joined, once they hold every one of `spans` (the batch processor may export an operation's spans in
 * more than one batch: those that ended first go first).
 */
async function collector(needle: string, spans: readonly string[]): Promise<{ url: string; received: Promise<{ path: string; type: string; body: string }> }> {
  let found!: (value: { path: string; type: string; body: string }) => void;
  const received = new Promise<{ path: string; type: string; body: string }>((resolve) => (found = resolve));
  let bodies = '';
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (body.includes(needle)) bodies += body;
      if (body.includes(needle) && spans.every((span) => bodies.includes(span))) found({ path: request.url ?? '', type: request.headers['content-type'] ?? '', body: bodies });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closeAfterFile(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

describe('OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  it('makes the real server export its spans over OTLP/HTTP, continuing the caller\'s trace, without the token', async () => {
    const sim = await simulator();
    const otlp = await collector(TRACE_ID, ['query.CallReport', 'wolkvox cdr_1']);
    const server = await startServerProcess({
      WOLKVOX_TOKEN: TOKEN,
      WOLKVOX_BASE_URL: sim.url,
      ALLOW_ANONYMOUS: 'true',
      OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url,
      OTEL_BSP_SCHEDULE_DELAY: '50',
    });
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01` },
      body: JSON.stringify({ query: print(CallReportDocument), variables: { range: bogotaDay('2025-03-04') } }),
    });
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
    const exported = await otlp.received;
    expect(exported.path).toBe('/v1/traces');
    expect(exported.body).toContain('query.CallReport');
    expect(exported.body).toContain('wolkvox cdr_1');
    expect(exported.body).not.toContain(TOKEN);
  });

  it('must be an http(s) URL', () => {
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(ConfigError);
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT must be the http\(s\) URL/);
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }).otlpEndpoint).toBe('http://127.0.0.1:4318');
  });
});
