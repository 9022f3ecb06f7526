import { describe, expect, it } from 'vitest';
import { bogotaDay, codes, graph } from '../support/graph.js';

const PERIODS = ['TODAY', 'YESTERDAY', 'THIS_WEEK', 'LAST_WEEK', 'THIS_MONTH', 'LAST_MONTH', 'LAST_7_DAYS', 'LAST_30_DAYS'];
const INTERVALS = `{ ${PERIODS.map((p) => `${p}: interval(range: {period: ${p}}) { from to }`).join(' ')} }`;

/** What each period means at `now` in `timeZone`, as the server says it. */
async function intervalsAt(timeZone: string, now: string) {
  const { post } = await graph({ timeZone, now: () => Date.parse(now) });
  const { json } = await post({ query: INTERVALS });
  expect(json.errors).toBeUndefined();
  return json.data;
}

describe('relative periods', () => {
  it('are whole local days, weeks and months, a day 23 hours long when clocks go forward (New York, 2025-03-09)', async () => {
    expect(await intervalsAt('America/New_York', '2025-03-10T12:00:00-04:00')).toEqual({
      TODAY: { from: '2025-03-10T00:00:00-04:00', to: '2025-03-11T00:00:00-04:00' },
      YESTERDAY: { from: '2025-03-09T00:00:00-05:00', to: '2025-03-10T00:00:00-04:00' },
      THIS_WEEK: { from: '2025-03-10T00:00:00-04:00', to: '2025-03-17T00:00:00-04:00' },
      LAST_WEEK: { from: '2025-03-03T00:00:00-05:00', to: '2025-03-10T00:00:00-04:00' },
      THIS_MONTH: { from: '2025-03-01T00:00:00-05:00', to: '2025-04-01T00:00:00-04:00' },
      LAST_MONTH: { from: '2025-02-01T00:00:00-05:00', to: '2025-03-01T00:00:00-05:00' },
      LAST_7_DAYS: { from: '2025-03-04T00:00:00-05:00', to: '2025-03-11T00:00:00-04:00' },
      LAST_30_DAYS: { from: '2025-02-09T00:00:00-05:00', to: '2025-03-11T00:00:00-04:00' },
    });
  });

  it('make "yesterday" 25 hours long the day after clocks go back (New York, 2025-11-02)', async () => {
    const data = (await intervalsAt('America/New_York', '2025-11-03T00:30:00-05:00')) as Record<string, { from: string; to: string }>;
    expect(data.YESTERDAY).toEqual({ from: '2025-11-02T00:00:00-04:00', to: '2025-11-03T00:00:00-05:00' });
    expect(Date.parse(data.YESTERDAY!.to) - Date.parse(data.YESTERDAY!.from)).toBe(25 * 3_600_000);
  });

  it('answer as the range they name, and reports and pages say which instants they used', async () => {
    // "now" is 2025-03-10 noon in Bogotá (see the graph helper): yesterday is 2025-03-09.
    const { post } = await graph();
    const yesterday = bogotaDay('2025-03-09');
    const query = `query($r: DateRange!) { callReport(range: $r, groupBy: [AGENT]) { range { from to } total { calls totalCost } groups { agent { id } stats { calls } } }
      calls(range: $r, first: 3) { range { from to } totalCount edges { node { id } } } agent(id: "1001") { stats(range: $r) { calls totalCost } } }`;
    const relative = (await post({ query, variables: { r: { period: 'YESTERDAY' } } })).json;
    const explicit = (await post({ query, variables: { r: yesterday } })).json;
    expect(relative.errors).toBeUndefined();
    // The data, not the cost: the first answer paid for the windows the second found cached.
    expect(relative.data).toEqual(explicit.data);
    expect(relative.data!.callReport).toMatchObject({ range: yesterday });
    expect((relative.data!.calls as { totalCount: number }).totalCount).toBeGreaterThan(0);
  });

  it('cost what the range they name costs', async () => {
    const { post } = await graph({ limits: { complexity: 20 } });
    const report = (period: string) => post({ query: `{ callReport(range: {period: ${period}}) { total { calls } } }` });
    expect((await report('TODAY')).json.errors).toBeUndefined();
    expect((await report('LAST_30_DAYS')).json.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'complexity' });
  });

  it('refuse a range that is neither from and to, nor a period alone, saying what to send', async () => {
    const { post } = await graph();
    for (const range of ['{from: "2025-03-04T00:00:00-05:00"}', '{period: TODAY, to: "2025-03-04T00:00:00-05:00"}', '{}']) {
      const { json } = await post({ query: `{ callReport(range: ${range}) { total { calls } } }` });
      expect(codes(json)).toEqual(['BAD_USER_INPUT']);
      expect(json.errors?.[0]?.message).toContain('either `from` and `to`, or `period` alone');
    }
  });
});
