import { beforeAll, describe, expect, it } from 'vitest';
import { CallReportDocument, CallsPageDocument } from '../../operations/generated/graphql.js';
import type { SimulatedRow } from '../../simulator/dataset.js';
import type { WolkvoxSimulator } from '../../simulator/server.js';
import { bogotaDay, graph, type TestGraph } from '../support/graph.js';
import { simulator } from '../support/simulator.js';

const leg = (date: string, connId: string): SimulatedRow => ({
  agent_name: 'Boundary Agent', date, destiny: 'Bogotá Fijo', telephone: '576011234567', cost: '1.25', time_seg: '60',
  time_min: '1.0', cod_act: '-', cod_act_2: '-', description_cod_act: '', description_cod_act_2: '', type_interaction: 'outbound',
  customer_id: '', hang_up: 'agent', campaign_id: '9999', conn_id: connId, skill_id: '', skill_name: '', agent_id: '7777', comment: '',
});

describe('window boundaries', () => {
  let sim: WolkvoxSimulator;
  let execute: TestGraph['execute'];
  beforeAll(async () => {
    sim = await simulator({
      dataset: {
        callsPerDay: 0,
        extraRows: [
          leg('2025-03-04 00:00:00', 'start-of-4th'),
          leg('2025-03-04 23:59:59', 'end-of-4th'),
          leg('2025-03-05 00:00:00', 'start-of-5th'),
          leg('2025-03-03 23:59:59', 'end-of-3rd'),
        ],
      },
    });
    ({ execute } = await graph({ sim }));
  });

  it('counts a leg at 00:00:00 and one at 23:59:59 local in their own day, once', async () => {
    const fourth = (await execute(CallsPageDocument, { range: bogotaDay('2025-03-04') })).data!.calls!;
    expect(fourth.edges.map((e) => [e.node.connId, e.node.date])).toEqual([
      ['start-of-4th', '2025-03-04T00:00:00-05:00'],
      ['end-of-4th', '2025-03-04T23:59:59-05:00'],
    ]);
    const fifth = (await execute(CallsPageDocument, { range: bogotaDay('2025-03-05') })).data!.calls!;
    expect(fifth.edges.map((e) => e.node.connId)).toEqual(['start-of-5th']);
  });

  it('puts each boundary leg in the right DAY group over several days', async () => {
    const range = { from: '2025-03-03T00:00:00-05:00', to: '2025-03-06T00:00:00-05:00' };
    const report = (await execute(CallReportDocument, { range, groupBy: ['DAY'] })).data!.callReport!;
    expect(report.total.calls).toBe(4);
    expect(report.groups.map((g) => [g.period, g.stats.calls, g.stats.totalCost])).toEqual([
      ['2025-03-03T00:00:00-05:00', 1, '1.25'],
      ['2025-03-04T00:00:00-05:00', 2, '2.5'],
      ['2025-03-05T00:00:00-05:00', 1, '1.25'],
    ]);
  });

  it('reads ranges given in another offset as the same instants', async () => {
    const utc = { from: '2025-03-04T05:00:00Z', to: '2025-03-05T05:00:00Z' };
    const page = (await execute(CallsPageDocument, { range: utc })).data!.calls!;
    expect(page.edges.map((e) => e.node.connId)).toEqual(['start-of-4th', 'end-of-4th']);
  });

  it('sends wolkvox the day as 000000 … 235959 local', async () => {
    sim.resetCounters();
    await execute(CallsPageDocument, { range: bogotaDay('2025-03-07') });
    expect(sim.received.map((request) => request.url)).toEqual([
      '/api/v2/reports_manager.php?api=cdr_1&date_ini=20250307000000&date_end=20250307235959',
    ]);
  });
});

describe('DAY and HOUR buckets in a zone with DST', () => {
  let execute: TestGraph['execute'];
  beforeAll(async () => {
    const sim = await simulator({
      dataset: {
        timeZone: 'America/New_York',
        callsPerDay: 0,
        extraRows: [
          leg('2025-03-08 23:30:00', 'a'), leg('2025-03-09 01:30:00', 'b'), leg('2025-03-09 03:30:00', 'c'), leg('2025-03-09 23:30:00', 'd'),
          leg('2025-11-02 00:30:00', 'e'), leg('2025-11-02 01:30:00', 'f'), leg('2025-11-02 23:30:00', 'g'), leg('2025-11-03 00:10:00', 'h'),
        ],
      },
    });
    ({ execute } = await graph({ sim, now: () => Date.parse('2026-01-01T00:00:00Z') }));
  });

  it('makes the spring-forward day a 23-hour bucket starting at local midnight', async () => {
    const range = { from: '2025-03-08T00:00:00-05:00', to: '2025-03-10T00:00:00-04:00' };
    const report = (await execute(CallReportDocument, { range, groupBy: ['DAY'] })).data!.callReport!;
    expect(report.groups.map((g) => [g.period, g.stats.calls])).toEqual([
      ['2025-03-08T00:00:00-05:00', 1],
      ['2025-03-09T00:00:00-05:00', 3],
    ]);
    const hours = (await execute(CallReportDocument, { range, groupBy: ['HOUR'] })).data!.callReport!;
    expect(hours.groups.map((g) => g.period)).toEqual([
      '2025-03-08T23:00:00-05:00',
      '2025-03-09T01:00:00-05:00',
      '2025-03-09T03:00:00-04:00',
      '2025-03-09T23:00:00-04:00',
    ]);
  });

  it('makes the fall-back day a 25-hour bucket, and the repeated hour two HOUR groups only when calls fall in both', async () => {
    const range = { from: '2025-11-02T00:00:00-04:00', to: '2025-11-04T00:00:00-05:00' };
    const days = (await execute(CallReportDocument, { range, groupBy: ['DAY'] })).data!.callReport!;
    expect(days.groups.map((g) => [g.period, g.stats.calls])).toEqual([
      ['2025-11-02T00:00:00-04:00', 3],
      ['2025-11-03T00:00:00-05:00', 1],
    ]);
    const hours = (await execute(CallReportDocument, { range, groupBy: ['HOUR'] })).data!.callReport!;
    // 01:30 local is ambiguous; it is read as the second (standard-time) 01:30.
    expect(hours.groups.map((g) => g.period)).toEqual([
      '2025-11-02T00:00:00-04:00',
      '2025-11-02T01:00:00-05:00',
      '2025-11-02T23:00:00-05:00',
      '2025-11-03T00:00:00-05:00',
    ]);
  });

  it('groups by local WEEK (from Monday) and MONTH', async () => {
    const weeks = (await execute(CallReportDocument, { range: { from: '2025-10-20T00:00:00-04:00', to: '2025-11-10T00:00:00-05:00' }, groupBy: ['WEEK'] })).data!.callReport!;
    expect(weeks.groups.map((g) => [g.period, g.stats.calls])).toEqual([
      ['2025-10-27T00:00:00-04:00', 3],
      ['2025-11-03T00:00:00-05:00', 1],
    ]);
    const autumn = { from: '2025-10-01T00:00:00-04:00', to: '2025-12-01T00:00:00-05:00' };
    const byMonth = (await execute(CallReportDocument, { range: autumn, groupBy: ['MONTH'] })).data!.callReport!;
    expect(byMonth.groups.map((g) => [g.period, g.stats.calls])).toEqual([['2025-11-01T00:00:00-04:00', 4]]);
    const monthAndDay = (await execute(CallReportDocument, { range: autumn, groupBy: ['MONTH', 'DAY'] })).data!.callReport!;
    expect(monthAndDay.groups.map((g) => g.period)).toEqual(['2025-11-02T00:00:00-04:00', '2025-11-03T00:00:00-05:00']);
  });
});
