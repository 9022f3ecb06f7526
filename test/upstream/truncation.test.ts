import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_ROWS_PER_RESPONSE } from '../../src/upstream/wolkvox-protocol.js';
import type { WolkvoxClient } from '../../src/upstream/wolkvox-client.js';
import type { WolkvoxSimulator } from '../../simulator/server.js';
import { clientFor, range, simulator } from '../support/simulator.js';

describe('the 60,000-row cap', () => {
  let sim: WolkvoxSimulator;
  let client: WolkvoxClient;
  // One busy operation for both tests: generating its rows is most of what they cost.
  beforeAll(async () => {
    sim = await simulator({ dataset: { callsPerDay: 90_000 } });
    client = clientFor(sim);
  });

  it('flags a response at the documented cap as possibly truncated', async () => {
    const day = range('2025-03-04T00:00:00-05:00', '2025-03-05T00:00:00-05:00');
    expect(sim.dataset.callsBetween(day).length).toBeGreaterThan(MAX_ROWS_PER_RESPONSE);
    const window = await client.fetchCalls(day);
    expect(window.rowCount).toBe(MAX_ROWS_PER_RESPONSE);
    expect(window.possiblyTruncated).toBe(true);
  });

  it('does not flag a response below the cap', async () => {
    const morning = range('2025-03-04T00:00:00-05:00', '2025-03-04T08:00:00-05:00');
    const window = await client.fetchCalls(morning);
    expect(window.rowCount).toBe(sim.dataset.callsBetween(morning).length);
    expect(window.possiblyTruncated).toBe(false);
  });
});
