import diagnostics from 'node:diagnostics_channel';
import { afterAll, describe, expect, it } from 'vitest';
import { CallReportDocument } from '../../operations/generated/graphql.js';
import type { CallSource } from '../../src/upstream/call-source.js';
import type { WolkvoxSimulator } from '../../simulator/server.js';
import { bogotaDay, graph } from '../support/graph.js';
import { clientFor, instants, simulator } from '../support/simulator.js';

/** wolkvox's 60,000-row cap scaled down a hundredfold, and the volumes of the issue with it. */
const ROW_CAP = 600;
const MONTH_SPAN_MS = 31 * 86_400_000;
const hoursOf = (url: string) => {
  const [, ini, end] = /date_ini=(\d{10})\d{4}&date_end=(\d{10})/.exec(url)!;
  const hour = (key: string) => Date.UTC(+key.slice(0, 4), +key.slice(4, 6) - 1, +key.slice(6, 8), +key.slice(8, 10)) / 3600_000;
  return hour(end!) - hour(ini!) + 1;
};

async function spans(callsPerDay: number) {
  const sim = await simulator({ rowCap: ROW_CAP, dataset: { callsPerDay } });
  return await graph({ sim, client: { maxRowsPerResponse: ROW_CAP }, engine: { maxRequestSpanMs: MONTH_SPAN_MS }, protection: { maxRequestsPerOperation: 50 } });
}

const legsIn = (sim: WolkvoxSimulator, range: { from: string; to: string }) => sim.dataset.callsBetween(instants(range)).length;

describe('request spans chosen from the density of legs', () => {
  it('asks a cold month of two thirds of the row cap in one request', async () => {
    const { sim, execute } = await spans(13);
    const month = { from: '2025-02-01T00:00:00-05:00', to: '2025-03-03T00:00:00-05:00' };
    expect(legsIn(sim, month)).toBeGreaterThan(ROW_CAP / 2);
    const report = await execute(CallReportDocument, { range: month });
    expect(report.data?.callReport?.total.calls).toBe(legsIn(sim, month));
    expect(sim.counters.requests).toBe(1);
  });

  it('plans a month at the row cap as two requests before asking, once the density is known', async () => {
    const { sim, engine, execute } = await spans(19);
    const earlier = { from: '2025-01-01T00:00:00-05:00', to: '2025-01-31T00:00:00-05:00' };
    const month = { from: '2025-02-01T00:00:00-05:00', to: '2025-03-03T00:00:00-05:00' };
    expect(legsIn(sim, month)).toBeGreaterThan(0.8 * ROW_CAP);
    expect(legsIn(sim, month)).toBeLessThan(ROW_CAP);
    await execute(CallReportDocument, { range: earlier });
    sim.resetCounters();
    const report = await execute(CallReportDocument, { range: month });
    expect(report.data?.callReport?.total.calls).toBe(legsIn(sim, month));
    expect(sim.counters.requests).toBe(2);
    expect(engine.stats.truncationSplits).toBe(0);
  });

  it('splits a dense day before asking, with shorter requests where the hours are busier', async () => {
    const { sim, engine, execute } = await spans(2_000);
    await execute(CallReportDocument, { range: bogotaDay('2025-03-03') });
    const splits = engine.stats.truncationSplits;
    expect(splits).toBeGreaterThan(0);
    sim.resetCounters();
    const day = bogotaDay('2025-03-04');
    const report = await execute(CallReportDocument, { range: day });
    expect(report.data?.callReport?.total.calls).toBe(legsIn(sim, day));
    expect(engine.stats.truncationSplits).toBe(splits);
    const urls = sim.received.map((r) => r.url);
    expect(urls.length).toBeGreaterThanOrEqual(Math.ceil(legsIn(sim, day) / ROW_CAP));
    // The night before business hours is one long request; the busiest hours are asked a few at a time.
    expect(hoursOf(urls[0]!)).toBeGreaterThan(Math.max(...urls.slice(1, -1).map(hoursOf)));
  });
});

describe('the requests of one operation', () => {
  const SENT = diagnostics.channel('undici:client:sendHeaders');
  const events: string[] = [];
  const onSent = (message: unknown) => events.push(`sent ${(message as { request: { path: string } }).request.path.slice(-28, -14)}`);
  SENT.subscribe(onSent);
  afterAll(() => SENT.unsubscribe(onSent));

  it('read answer n while answer n+1 is fetched', async () => {
    const sim = await simulator({ rowCap: ROW_CAP, dataset: { callsPerDay: 2_000 } });
    const client = clientFor(sim, { maxRowsPerResponse: ROW_CAP });
    const source: CallSource = {
      maxRowsPerResponse: ROW_CAP,
      fetchCalls: async (range, signal, hooks) => {
        const answer = await client.fetchCalls(range, signal, hooks);
        events.push(`read ${answer.range.from}`);
        return answer;
      },
    };
    const { execute } = await graph({ sim, source, engine: { maxRequestSpanMs: MONTH_SPAN_MS }, protection: { maxRequestsPerOperation: 50 } });
    await execute(CallReportDocument, { range: bogotaDay('2025-03-03') });
    events.length = 0;
    await execute(CallReportDocument, { range: bogotaDay('2025-03-04') });
    const sent = events.flatMap((event, at) => (event.startsWith('sent') ? [at] : []));
    const read = events.flatMap((event, at) => (event.startsWith('read') ? [at] : []));
    expect(sent.length).toBeGreaterThanOrEqual(4);
    expect(read.length).toBe(sent.length);
    // Every request after the first is on the wire before the answer before it has been read.
    for (let n = 1; n < sent.length; n += 1) expect(sent[n]).toBeLessThan(read[n - 1]!);
    expect(sim.counters.concurrentViolations).toBe(0);
  });
});
