import { describe, expect, it } from 'vitest';
import { BreakdownDocument } from '../../operations/generated/graphql.js';
import { bogotaDay, graph } from '../support/graph.js';
import { simulator } from '../support/simulator.js';

describe('answers say how fresh they are', () => {
  it('as of the fetch, today still open; yesterday complete; an out-of-date copy served while wolkvox is down is stale', async () => {
    // Fetches are stamped to the millisecond; instants are printed to the second, like every other instant of the graph.
    let now = Date.parse('2025-03-04T15:30:00.750-05:00');
    const clock = () => now;
    const sim = await simulator({ dataset: { now: clock } });
    const { execute } = await graph({ sim, now: clock, client: { retries: 0 }, engine: { refreshMs: 300_000, settleMs: 7_200_000 } });

    const today = (await execute(BreakdownDocument, { range: bogotaDay('2025-03-04') })).data!.callReport!.freshness;
    expect(today.asOf).toBe('2025-03-04T15:30:00-05:00');
    expect(today.complete).toBe(false);
    // Hours that ended within the settle margin (2 h) of the fetch, the current one, and those not begun.
    expect(today.openWindows.map((w) => w.from.slice(11, 13))).toEqual(['13', '14', '15', '16', '17', '18', '19', '20', '21', '22', '23']);
    expect(today.openWindows.at(-1)!.fetchedAt).toBeNull();
    expect(today.staleWindows).toEqual([]);

    const yesterday = (await execute(BreakdownDocument, { range: bogotaDay('2025-03-03') })).data!.callReport!.freshness;
    expect(yesterday).toMatchObject({ asOf: '2025-03-04T15:30:00-05:00', complete: true, openWindows: [], staleWindows: [], missingWindows: [] });

    now += 10 * 60_000;
    sim.faults.rates = { 'server-error': 1 };
    const down = (await execute(BreakdownDocument, { range: bogotaDay('2025-03-04') })).data!.callReport!.freshness;
    expect(down.complete).toBe(false);
    expect(down.asOf).toBe('2025-03-04T15:30:00-05:00');
    expect(down.staleWindows.map((w) => w.from.slice(11, 13))).toEqual(['13', '14', '15']);
    expect(down.staleWindows.every((w) => w.fetchedAt === '2025-03-04T15:30:00-05:00')).toBe(true);
  });
});
