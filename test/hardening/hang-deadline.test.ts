import { describe, expect, it } from 'vitest';
import { clientFor, range, simulator } from '../support/simulator.js';

const day = range('2025-03-04T00:00:00-05:00', '2025-03-05T00:00:00-05:00');

describe('a hanging wolkvox, through the real client and simulator', () => {
  it('is given up at the fetch deadline, not after every attempt has run into its timeout', async () => {
    const sim = await simulator();
    sim.faults.script('hang', 'hang', 'hang', 'hang', 'hang');
    const client = clientFor(sim, { timeoutMs: 2_000, retries: 4, fetchDeadlineMs: 200 });
    await expect(client.fetchCalls(day)).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      message: expect.stringContaining('fetch deadline of 0.2 s (WOLKVOX_FETCH_DEADLINE_SECONDS)'),
    });
    expect(sim.counters.requests).toBe(1);
  });

  it('retries a timed-out attempt once, not as often as a quick 500', async () => {
    const sim = await simulator();
    sim.faults.script('hang', 'hang', 'hang');
    const client = clientFor(sim, { timeoutMs: 150, retries: 4 });
    await expect(client.fetchCalls(day)).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', message: expect.stringContaining('did not answer within 150 ms') });
    expect(sim.counters.requests).toBe(2);
  });

  it('leaves the token to the next request once the deadline has passed', async () => {
    const sim = await simulator();
    sim.faults.script('hang');
    // The deadline also bounds the second fetch (from its first attempt, once it has the token): generous
    // enough for a loaded machine to answer a day. 1 s was not, once, in CI with every test file running.
    const client = clientFor(sim, { timeoutMs: 5_000, fetchDeadlineMs: 3_000 });
    const [hung, next] = await Promise.allSettled([client.fetchCalls(day), client.fetchCalls(day)]);
    expect(hung).toMatchObject({ status: 'rejected', reason: { code: 'UPSTREAM_UNAVAILABLE' } });
    expect(next).toMatchObject({ status: 'fulfilled', value: { rowCount: sim.dataset.callsBetween(day).length } });
    expect(sim.counters.concurrentViolations).toBe(0);
  });
});
