import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { startServerProcess } from '../support/server-process.js';
import { simulator, TOKEN } from '../support/simulator.js';

const REPORT = JSON.stringify({ query: '{ callReport(range: {from: "2025-03-04T00:00:00-05:00", to: "2025-03-05T00:00:00-05:00"}) { total { calls } } }' });
const post = (base: string, body: string) => fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

async function liveServer(latencyMs: number, graceSeconds: number, drainSeconds: number) {
  const sim = await simulator({ faults: { latencyMs } });
  const server = await startServerProcess({
    WOLKVOX_TOKEN: TOKEN,
    WOLKVOX_BASE_URL: sim.url,
    ALLOW_ANONYMOUS: 'true',
    WOLKVOX_BACKGROUND_REFRESH: 'false',
    SHUTDOWN_GRACE_SECONDS: String(graceSeconds),
    SHUTDOWN_TIMEOUT_SECONDS: String(drainSeconds),
  });
  const exited = once(server.child, 'exit').then(([code, signal]) => (code ?? signal) as number | string);
  return { child: server.child, base: server.url, exited };
}

describe('SIGTERM, as an orchestrator sends it', () => {
  it('reports not-ready at once, keeps serving for the grace period, finishes the operation in flight, stops accepting, and exits 0 — with its log reader gone', async () => {
    const { child, base, exited } = await liveServer(1_500, 3, 20);
    const inFlight = post(base, REPORT);
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.stdout!.destroy();
    child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'not ready', reason: 'shutting down' });
    const during = await post(base, JSON.stringify({ query: '{ __typename }' }));
    expect(await during.json()).toMatchObject({ data: { __typename: 'Query' } });
    const answered = await inFlight;
    expect(answered.status).toBe(200);
    expect(await answered.json()).toMatchObject({ data: { callReport: { total: { calls: expect.any(Number) } } } });
    expect(await exited).toBe(0);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });

  it('answers an operation still running at the drain timeout with a clean 503, then exits', async () => {
    const { child, base, exited } = await liveServer(30_000, 0, 1);
    const inFlight = post(base, REPORT);
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill('SIGTERM');
    const answered = await inFlight;
    expect(answered.status).toBe(503);
    expect(answered.headers.get('retry-after')).toBe('1');
    expect(await answered.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAVAILABLE' } }] });
    expect(await exited).toBe(0);
  });
});
