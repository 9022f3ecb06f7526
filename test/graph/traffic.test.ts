import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WolkvoxSimulator } from '../../simulator/server.js';
import { graph, type TestGraph } from '../support/graph.js';
import { instants } from '../support/simulator.js';

// New York's spring-forward day: 23 local hours, no 2 a.m.
const day = { from: '2025-03-09T00:00:00-05:00', to: '2025-03-10T00:00:00-04:00' };

describe('offered traffic', () => {
  let post: TestGraph['post'];
  let sim: WolkvoxSimulator;
  beforeAll(async () => {
    ({ post, sim } = await graph({ timeZone: 'America/New_York' }));
  });

  it('gives Erlangs per local hour and the busiest hour, as the rows add up, on a 23-hour day', async () => {
    const { json } = await post({
      query: `{ callReport(range: {from: "${day.from}", to: "${day.to}"}, groupBy: [AGENT]) { trafficByHour { period calls erlangs } busiestHour { period erlangs } } }`,
    });
    const seconds = new Map<number, { calls: number; seconds: number }>();
    for (const call of sim.dataset.callsBetween(instants(day))) {
      const hour = DateTime.fromMillis(call.instant, { zone: 'America/New_York' }).startOf('hour').toMillis();
      const entry = seconds.get(hour) ?? { calls: 0, seconds: 0 };
      seconds.set(hour, { calls: entry.calls + 1, seconds: entry.seconds + Number(call.row.time_seg) });
    }
    const expected = [...seconds].sort((a, b) => a[0] - b[0]).map(([hour, { calls, seconds: s }]) => ({ hour, calls, erlangs: s / 3600 }));
    expect(json.errors).toBeUndefined();
    const data = json.data as { callReport: { trafficByHour: { period: string; calls: number; erlangs: number }[]; busiestHour: { period: string; erlangs: number } } };
    expect(data.callReport.trafficByHour.map((h) => ({ hour: Date.parse(h.period), calls: h.calls, erlangs: h.erlangs }))).toEqual(expected);
    expect(data.callReport.trafficByHour).toHaveLength(23);
    const busiest = expected.reduce((a, b) => (b.erlangs > a.erlangs ? b : a));
    expect(Date.parse(data.callReport.busiestHour.period)).toBe(busiest.hour);
  });
});
