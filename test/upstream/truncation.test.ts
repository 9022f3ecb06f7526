import { describe, expect, it } from 'vitest';
import { MAX_ROWS_PER_RESPONSE } from '../../src/upstream/wolkvox-protocol.js';
import { clientFor, range, simulator } from '../support/simulator.js';

describe('the 60,000-row cap', () => {
  it('flags a response at the documented cap as possibly truncated', async () => {
    const sim = await simulator({ dataset: { callsPerDay: 90_000 } });
    const client = clientFor(sim);
    const day = range('2025-03-04T00:00:00-05:00', '2025-03-05T00:00:00-05:00');
    expect(sim.dataset.callsBetween(day).length).toBeGreaterThan(MAX_ROWS_PER_RESPONSE);
    const window = await client.fetchCalls(day);
    expect(window.rowCount).toBe(MAX_ROWS_PER_RESPONSE);
    expect(window.possiblyTruncated).toBe(true);
  });

  it('does not flag a response below the cap', async () => {
    const sim = await simulator({ dataset: { callsPerDay: 90_000 } });
    const client = clientFor(sim);
    const morning = range('2025-03-04T00:00:00-05:00', '2025-03-04T08:00:00-05:00');
    const window = await client.fetchCalls(morning);
    expect(window.rowCount).toBe(sim.dataset.callsBetween(morning).length);
    expect(window.possiblyTruncated).toBe(false);
  });
});
