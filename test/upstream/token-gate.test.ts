import { describe, expect, it } from 'vitest';
import { TokenGate } from '../../src/upstream/token-gate.js';
import { clientFor, range, simulator } from '../support/simulator.js';

const hour = (h: number) => {
  const from = `2025-03-04T${String(h).padStart(2, '0')}:00:00-05:00`;
  const to = `2025-03-04T${String(h + 1).padStart(2, '0')}:00:00-05:00`;
  return range(from, h === 23 ? '2025-03-05T00:00:00-05:00' : to);
};

/** Occupies the gate's only slot until `release` is called. */
async function occupy(gate: TokenGate) {
  let release!: () => void;
  let done!: Promise<void>;
  await new Promise<void>((started) => {
    done = gate.run(() => new Promise<void>((resolve) => {
      release = resolve;
      started();
    }));
  });
  return { release, done };
}

describe('the token gate', () => {
  it('keeps 20 concurrent callers to one request in flight: wolkvox counts no concurrent use', async () => {
    const sim = await simulator({ faults: { latencyMs: 20 } });
    const client = clientFor(sim);
    const windows = await Promise.all(Array.from({ length: 20 }, (_, i) => client.fetchCalls(hour(i))));
    expect(sim.counters.requests).toBe(20);
    expect(sim.counters.concurrentViolations).toBe(0);
    expect(sim.counters.peakInFlight).toBe(1);
    expect(windows.every((w) => w.calls.length === sim.dataset.callsBetween(w.range).length)).toBe(true);
  });

  it('allows two in flight when configured, and wolkvox with a limit of two still counts no violation', async () => {
    const sim = await simulator({ maxConcurrentPerToken: 2, faults: { latencyMs: 20 } });
    const client = clientFor(sim, { maxInFlight: 2 });
    await Promise.all(Array.from({ length: 20 }, (_, i) => client.fetchCalls(hour(i))));
    expect(sim.counters.concurrentViolations).toBe(0);
    expect(sim.counters.peakInFlight).toBe(2);
  });

  it('without the gate the same load is refused by wolkvox: the simulator counts it', async () => {
    const sim = await simulator({ faults: { latencyMs: 20 } });
    const clients = Array.from({ length: 5 }, () => clientFor(sim, { retries: 0 }));
    const results = await Promise.allSettled(clients.map((c, i) => c.fetchCalls(hour(i))));
    expect(sim.counters.concurrentViolations).toBeGreaterThan(0);
    expect(results.some((r) => r.status === 'rejected')).toBe(true);
  });

  it('serves waiting callers in arrival order', async () => {
    const gate = new TokenGate(1, 10_000);
    const order: number[] = [];
    const first = await occupy(gate);
    const waiting = [1, 2, 3].map((n) => gate.run(() => Promise.resolve(order.push(n))));
    expect(gate.waiting).toBe(3);
    first.release();
    await Promise.all([first.done, ...waiting]);
    expect(order).toEqual([1, 2, 3]);
  });

  it('serves every waiting operation before background work, whatever their order of arrival', async () => {
    const gate = new TokenGate(1, 10_000);
    const order: string[] = [];
    const first = await occupy(gate);
    const background = [gate.run(() => Promise.resolve(order.push('background 1')), undefined, 'background'), gate.run(() => Promise.resolve(order.push('background 2')), undefined, 'background')];
    const users = [gate.run(() => Promise.resolve(order.push('user 1'))), gate.run(() => Promise.resolve(order.push('user 2')))];
    expect([gate.waiting, gate.usersWaiting]).toEqual([4, 2]);
    first.release();
    await Promise.all([first.done, ...background, ...users]);
    expect(order).toEqual(['user 1', 'user 2', 'background 1', 'background 2']);
  });

  it('keeps a freed slot a turn of the event loop from background work, for the next request an operation asks as its answer arrives', async () => {
    const gate = new TokenGate(1, 10_000);
    const order: string[] = [];
    const first = await occupy(gate);
    const background = gate.run(() => Promise.resolve(order.push('background')), undefined, 'background');
    // The operation's next request, asked in the same turn as its previous one ends (after a few awaits, as the engine's turns are).
    const next = first.done.then(async () => {
      await Promise.resolve();
      return gate.run(() => Promise.resolve(order.push('next')));
    });
    first.release();
    await Promise.all([background, next]);
    expect(order).toEqual(['next', 'background']);
  });

  it('gives background work the token at once when nobody waits', async () => {
    const gate = new TokenGate(1, 10_000);
    expect(await gate.run(() => Promise.resolve('ran'), undefined, 'background')).toBe('ran');
  });

  it('takes an aborted caller out of the queue at once', async () => {
    const gate = new TokenGate(1, 10_000);
    const first = await occupy(gate);
    const controller = new AbortController();
    const ran: string[] = [];
    const aborted = gate.run(() => Promise.resolve(ran.push('aborted')), controller.signal);
    const next = gate.run(() => Promise.resolve(ran.push('next')));
    controller.abort(new Error('gone'));
    await expect(aborted).rejects.toThrow('gone');
    expect(gate.waiting).toBe(1);
    first.release();
    await Promise.all([first.done, next]);
    expect(ran).toEqual(['next']);
  });

  it('fails a caller that waits longer than the bound with UPSTREAM_UNAVAILABLE', async () => {
    const gate = new TokenGate(1, 30);
    const first = await occupy(gate);
    await expect(gate.run(() => Promise.resolve('late'))).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    first.release();
    await first.done;
    expect(gate.waiting).toBe(0);
    await expect(gate.run(() => Promise.resolve('after'))).resolves.toBe('after');
  });
});
