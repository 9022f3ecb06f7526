import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { classifyFailure, failureMessage } from '../../src/upstream/cdr-response.js';
import { MESSAGES } from '../../simulator/server.js';
import { TOKEN, clientFor, range, simulator } from '../support/simulator.js';

const day = range('2025-03-04T00:00:00-05:00', '2025-03-05T00:00:00-05:00');

/** Asks the simulator directly, to see what wolkvox itself answers to a malformed request. */
async function raw(url: string, headers: Record<string, string> = { 'wolkvox-token': TOKEN }) {
  const response = await request(url, { headers });
  const body = await response.body.text();
  return { status: response.statusCode, message: failureMessage(body) };
}

describe('documented wolkvox errors, through the real client and simulator', () => {
  it('maps a missing token (401) to UPSTREAM_AUTH without retrying', async () => {
    const sim = await simulator();
    const client = clientFor(sim, { token: '' });
    await expect(client.fetchCalls(day)).rejects.toMatchObject({ code: 'UPSTREAM_AUTH', status: 401 });
    expect(sim.counters.requests).toBe(1);
  });

  it('maps a rejected token (403 PLEASE VALIDATE TOKEN) to UPSTREAM_AUTH without retrying, and never echoes the token', async () => {
    const sim = await simulator();
    const client = clientFor(sim, { token: 'wrong-token-1234' });
    const error = await client.fetchCalls(day).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UPSTREAM_AUTH', status: 403 });
    expect(String((error as Error).message)).not.toContain('wrong-token-1234');
    expect(JSON.stringify(error)).not.toContain('wrong-token-1234');
    expect(sim.counters.requests).toBe(1);
  });

  it('maps an exhausted daily quota to UPSTREAM_QUOTA without retrying', async () => {
    const sim = await simulator({ dailyQuota: 1 });
    const client = clientFor(sim);
    await client.fetchCalls(day);
    await expect(client.fetchCalls(day)).rejects.toMatchObject({ code: 'UPSTREAM_QUOTA' });
    expect(sim.counters.requests).toBe(2);
  });

  it('treats 404 "Validate dates entered" as a window with no records', async () => {
    const sim = await simulator({ dataset: { callsPerDay: 0 } });
    const client = clientFor(sim);
    const window = await client.fetchCalls(day);
    expect(sim.counters.byStatus[404]).toBe(1);
    expect(window).toMatchObject({ rejected: [], rowCount: 0, possiblyTruncated: false });
    expect(window.calls.length).toBe(0);
  });

  it('retries the simultaneous-requests 403 and succeeds', async () => {
    const sim = await simulator();
    sim.faults.script('simultaneous', 'simultaneous');
    const client = clientFor(sim);
    const window = await client.fetchCalls(day);
    expect(window.calls.length).toBeGreaterThan(0);
    expect(sim.counters.requests).toBe(3);
    expect(client.stats).toMatchObject({ attempts: 3, retries: 2, failures: 0 });
  });

  it('retries maintenance 403s, 5xx and connection resets, then succeeds', async () => {
    const sim = await simulator();
    sim.faults.script('maintenance', 'server-error', 'reset');
    const client = clientFor(sim);
    const window = await client.fetchCalls(day);
    expect(window.rowCount).toBe(sim.dataset.callsBetween(day).length);
    expect(sim.counters.requests).toBe(4);
  });

  it('gives up with UPSTREAM_UNAVAILABLE after the configured retries', async () => {
    const sim = await simulator();
    sim.faults.script(...Array<'server-error'>(5).fill('server-error'));
    const client = clientFor(sim, { retries: 2 });
    await expect(client.fetchCalls(day)).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', status: 500 });
    expect(sim.counters.requests).toBe(3);
  });

  it('times out a hung request, retries it, and succeeds', async () => {
    const sim = await simulator();
    sim.faults.script('hang');
    const client = clientFor(sim, { timeoutMs: 300 });
    const started = Date.now();
    const window = await client.fetchCalls(day);
    expect(window.rowCount).toBeGreaterThan(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(sim.counters.requests).toBe(2);
  });

  it('reports a request that keeps hanging as UPSTREAM_UNAVAILABLE naming the timeout', async () => {
    const sim = await simulator();
    sim.faults.script('hang', 'hang');
    const client = clientFor(sim, { timeoutMs: 200, retries: 1 });
    await expect(client.fetchCalls(day)).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      message: expect.stringContaining('did not answer within 200 ms'),
    });
  });

  it('retries an answer cut off in transit, as it does a connection reset, and succeeds', async () => {
    const sim = await simulator();
    sim.faults.script('malformed-json', 'reset');
    const client = clientFor(sim);
    const window = await client.fetchCalls(day);
    expect(window.rowCount).toBe(sim.dataset.callsBetween(day).length);
    expect(sim.counters.requests).toBe(3);
  });

  it('maps an answer still cut off after the retries to UPSTREAM_BAD_DATA', async () => {
    const sim = await simulator();
    sim.faults.script('malformed-json', 'malformed-json', 'malformed-json');
    const client = clientFor(sim, { retries: 2 });
    await expect(client.fetchCalls(day)).rejects.toMatchObject({ code: 'UPSTREAM_BAD_DATA', message: expect.stringContaining('not JSON') });
    expect(sim.counters.requests).toBe(3);
  });

  it('refuses an answer larger than the bound with UPSTREAM_BAD_DATA, without retrying, and reads one within it whole', async () => {
    const sim = await simulator();
    const bytes = Buffer.byteLength(JSON.stringify({ code: 200, error: null, msg: 'x', data: sim.dataset.callsBetween(day).map((call) => call.row) }));
    await expect(clientFor(sim, { maxAnswerBytes: Math.floor(bytes / 2) }).fetchCalls(day)).rejects.toMatchObject({
      code: 'UPSTREAM_BAD_DATA',
      message: expect.stringContaining(`passed ${Math.floor(bytes / 2)} bytes`),
    });
    expect(sim.counters.requests).toBe(1);
    const window = await clientFor(sim, { maxAnswerBytes: 2 * bytes }).fetchCalls(day);
    expect(window.rowCount).toBe(sim.dataset.callsBetween(day).length);
  });

  it('counts malformed rows, reports why, and keeps every readable row', async () => {
    const sim = await simulator({ faults: { malformedRowShare: 0.2 } });
    sim.faults.script('malformed-rows');
    const client = clientFor(sim);
    const window = await client.fetchCalls(day);
    const expected = sim.dataset.callsBetween(day).length;
    expect(window.rowCount).toBe(expected);
    expect(window.rejected.length).toBeGreaterThan(0);
    expect(window.calls.length + window.rejected.length).toBe(expected);
    expect(window.rejected[0]?.reason).toContain('date: not a date in a known format');
  });

  it('stops retrying when the caller aborts', async () => {
    const sim = await simulator();
    sim.faults.script(...Array<'server-error'>(10).fill('server-error'));
    const controller = new AbortController();
    // The caller goes away as soon as the first attempt has failed, i.e. during the wait before a retry.
    const observer = { attempt: () => controller.abort(new Error('client went away')), gateWait: () => undefined };
    const client = clientFor(sim, { retryMinDelayMs: 60_000, retryMaxDelayMs: 60_000, observer });
    await expect(client.fetchCalls(day, controller.signal)).rejects.toThrow('client went away');
    expect(sim.counters.requests).toBe(1);
  });

  it('answers the request errors wolkvox documents, which the client maps to typed errors', async () => {
    const sim = await simulator();
    const base = `${sim.url}/api/v2/reports_manager.php`;
    const cases = [
      [await raw(`${base}?api=cdr_9&date_ini=20250304000000&date_end=20250304235959`), 400, MESSAGES.unknownApi, 'UPSTREAM_REJECTED'],
      [await raw(`${base}?api=cdr_1`), 400, MESSAGES.missingParameters, 'UPSTREAM_REJECTED'],
      [await raw(`${base}?api=cdr_1&date_ini=20250230000000&date_end=20250304235959`), 400, MESSAGES.missingParameters, 'UPSTREAM_REJECTED'],
      [await raw(`${base}?api=cdr_1&date_ini=20250101000000&date_end=20250301000000`), 400, MESSAGES.rangeTooLong, 'UPSTREAM_REJECTED'],
      [await raw(`${base}?api=cdr_1&date_ini=20250304000000&date_end=20250304235959`, {}), 401, MESSAGES.noToken, 'UPSTREAM_AUTH'],
      [await raw(`${base}?api=cdr_1&date_ini=20250304000000&date_end=20250304235959`, { 'wolkvox-token': 'x' }), 403, MESSAGES.badToken, 'UPSTREAM_AUTH'],
    ] as const;
    for (const [answer, status, message, code] of cases) {
      expect(answer).toEqual({ status, message });
      expect(classifyFailure(answer.status, answer.message)).toMatchObject({ code });
    }
  });

  it('classifies every documented status and message', () => {
    const cases: [number, string, string | null, boolean][] = [
      [401, MESSAGES.noToken, 'UPSTREAM_AUTH', false],
      [403, MESSAGES.badToken, 'UPSTREAM_AUTH', false],
      [403, MESSAGES.quota, 'UPSTREAM_QUOTA', false],
      [403, MESSAGES.simultaneous, 'UPSTREAM_UNAVAILABLE', true],
      [403, 'Servidor en mantenimiento', 'UPSTREAM_UNAVAILABLE', true],
      [400, MESSAGES.unknownApi, 'UPSTREAM_REJECTED', false],
      [502, '', 'UPSTREAM_UNAVAILABLE', true],
      [404, 'validate dates entered', null, false],
    ];
    for (const [status, message, code, transient] of cases) {
      const failure = classifyFailure(status, message);
      if (code === null) expect(failure).toBe('empty');
      else expect(failure).toMatchObject({ code, transient });
    }
  });
});
