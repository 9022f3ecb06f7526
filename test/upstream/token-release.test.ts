import diagnostics from 'node:diagnostics_channel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WolkvoxSimulator } from '../../simulator/server.js';
import { clientFor, range, simulator } from '../support/simulator.js';

const day = (date: string) => range(`${date}T00:00:00-05:00`, `${date}T23:59:59-05:00`);

/** undici announces each request as its headers are written to the socket: the request is on the wire then. */
const SENT = diagnostics.channel('undici:client:sendHeaders');

describe('the token covers the HTTP exchange only', () => {
  let sim: WolkvoxSimulator;
  const events: string[] = [];
  const onSent = (message: unknown) => {
    const path = (message as { request: { path: string } }).request.path;
    events.push(`sent ${/date_ini=(\d{8})/.exec(path)?.[1]}`);
  };
  beforeAll(async () => {
    sim = await simulator({ dataset: { callsPerDay: 5_000 } });
    SENT.subscribe(onSent);
  });
  afterAll(() => SENT.unsubscribe(onSent));

  it('releases the token before reading the answer: the next request is on the wire before the first answer is parsed', async () => {
    const client = clientFor(sim);
    const first = client.fetchCalls(day('2025-03-04'), undefined, { received: () => void events.push('first received') });
    const second = client.fetchCalls(day('2025-03-05'));
    void first.then(() => events.push('first parsed'));
    const [answer] = await Promise.all([first, second]);
    expect(answer.calls.length).toBe(sim.dataset.callsBetween(day('2025-03-04')).length);
    expect(events).toEqual(['sent 20250304', 'first received', 'sent 20250305', 'first parsed']);
    expect(sim.counters.concurrentViolations).toBe(0);
  });
});
