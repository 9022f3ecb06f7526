import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { graph } from '../support/graph.js';
import { freePort } from '../support/processes.js';
import { startServerProcess } from '../support/server-process.js';

const CLIENT = 'client-key-0123456789abcdef';
const METRICS = 'metrics-key-0123456789abcdef';
/** Figures that are the operator's: what the quota, circuit and runtime look like. */
const PRIVATE = /upstream_quota|upstream_circuit_open|nodejs_version_info/;

async function metricsOf(server: Awaited<ReturnType<typeof graph>>['server'], headers: Record<string, string> = {}) {
  const response = await server.yoga.fetch('http://graph.test/metrics', { headers });
  return { status: response.status, challenge: response.headers.get('www-authenticate'), text: await response.text() };
}
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe('/metrics is the operator\'s', () => {
  it('with API keys and no METRICS_KEY: refused without a key and with a wrong one, served to an API key', async () => {
    const { server } = await graph({ apiKeys: [CLIENT] });
    for (const headers of [{}, bearer('wrong-key-0123456789abcdef'), bearer(''), { authorization: CLIENT }, bearer(`${CLIENT} ${CLIENT}`)]) {
      const refused = await metricsOf(server, headers);
      expect(refused.status, JSON.stringify(headers)).toBe(401);
      expect(refused.challenge).toMatch(/^Bearer/);
      expect(refused.text).not.toMatch(PRIVATE);
      expect(JSON.parse(refused.text)).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    const served = await metricsOf(server, bearer(CLIENT));
    expect(served.status).toBe(200);
    expect(served.text).toMatch(PRIVATE);
  });

  it('with METRICS_KEY: only that key reads them, not a client\'s API key', async () => {
    const { server } = await graph({ apiKeys: [CLIENT], metricsKey: METRICS });
    for (const headers of [{}, bearer(CLIENT), bearer(`${METRICS}x`), bearer(METRICS.slice(0, -1))]) {
      expect((await metricsOf(server, headers)).status, JSON.stringify(headers)).toBe(401);
    }
    const served = await metricsOf(server, bearer(METRICS));
    expect(served.status).toBe(200);
    expect(served.text).toMatch(PRIVATE);
  });

  it('with METRICS_KEY on an anonymous graph: still refused without the key', async () => {
    const { server } = await graph({ metricsKey: METRICS });
    expect((await metricsOf(server)).status).toBe(401);
    expect((await metricsOf(server, bearer(METRICS))).status).toBe(200);
  });

  it('METRICS_PORT moves them to a listener of their own: the GraphQL port answers 404, the metrics port serves them (with METRICS_KEY, to that key only)', async () => {
    const metricsPort = await freePort();
    const server = await startServerProcess({ SIMULATOR_CALLS_PER_DAY: '50', API_KEYS: CLIENT, METRICS_PORT: String(metricsPort), METRICS_KEY: METRICS });
    const onGraphPort = await fetch(`${server.url}/metrics`, { headers: bearer(METRICS) });
    expect(onGraphPort.status).toBe(404);
    expect(await onGraphPort.text()).not.toMatch(PRIVATE);
    const own = `http://127.0.0.1:${metricsPort}`;
    for (const headers of [{}, bearer(CLIENT), bearer('wrong-key-0123456789abcdef')]) expect((await fetch(`${own}/metrics`, { headers })).status).toBe(401);
    const served = await fetch(`${own}/metrics`, { headers: bearer(METRICS) });
    expect(served.status).toBe(200);
    expect(await served.text()).toMatch(PRIVATE);
    expect((await fetch(`${own}/graphql`, { headers: bearer(METRICS) })).status).toBe(404);
  }, 90_000);

  it('refuses a short METRICS_KEY and a METRICS_PORT equal to PORT, naming the variable', () => {
    expect(() => loadConfig({ METRICS_KEY: 'short' })).toThrow(/METRICS_KEY must be at least 16 characters/);
    expect(() => loadConfig({ METRICS_PORT: '4000' })).toThrow(/METRICS_PORT must differ from PORT/);
    expect(() => loadConfig({ METRICS_PORT: 'x' })).toThrow(/METRICS_PORT must be a whole number/);
  });
});
