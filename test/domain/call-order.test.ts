import { describe, expect, it } from 'vitest';
import { LegList } from '../../src/domain/listing/leg-list.js';
import { orderedCalls, type CallOrder } from '../../src/domain/listing/call-order.js';
import { ZoneClock } from '../../src/domain/time/zone-clock.js';
import { readCdrBody } from '../../src/upstream/cdr-response.js';
import { CdrDataset } from '../../simulator/dataset.js';
import { compareExact } from '../support/oracle.js';

const clock = new ZoneClock('America/Bogota');
const hour = { from: Date.parse('2025-03-04T10:00:00-05:00'), to: Date.parse('2025-03-04T11:00:00-05:00') };

/** An hour's legs, with `costs` written over the first rows' costs (wolkvox sends any decimal text). */
function listWith(costs: readonly string[]): LegList {
  const rows = new CdrDataset({ seed: 5, callsPerDay: 6000, timeZone: clock.zone }).callsBetween(hour).map((call) => call.row);
  costs.forEach((cost, i) => (rows[i] = { ...rows[i]!, cost }));
  const columns = readCdrBody(JSON.stringify({ code: 200, error: null, msg: 'ok', data: rows }), clock).calls;
  return new LegList([{ window: hour, columns, summary: undefined as never }], hour, {});
}

/** The order worked out independently: every leg's key compared as decimal text, then (date, id). */
function oracle(list: LegList, order: CallOrder): string[] {
  const keys = Array.from({ length: list.length }, (_, p) => {
    const record = list.recordAt(p);
    return { value: order.field === 'COST' ? record.cost : String(record.durationSeconds), date: record.date, id: record.id };
  });
  keys.sort((a, b) => compareExact(a.value, b.value) || a.date - b.date || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (order.descending) keys.reverse();
  return keys.map((key) => key.id);
}

const idsIn = (list: LegList, order: CallOrder) => {
  const ordered = orderedCalls(list, order);
  return Array.from({ length: ordered.length }, (_, p) => ordered.recordAt(p).id);
};

describe('calls in cost or duration order', () => {
  const orders: CallOrder[] = [
    { field: 'COST', descending: false },
    { field: 'COST', descending: true },
    { field: 'DURATION', descending: false },
    { field: 'DURATION', descending: true },
  ];

  it.each(orders)('sorts packed keys as the decimal oracle does, ties in (date, id) order (%o)', (order) => {
    const list = listWith(['0.1', '0.1', '0.10', '-0.5', '0']);
    expect(idsIn(list, order)).toEqual(oracle(list, order));
  });

  it.each(orders.slice(0, 2))('sorts costs beyond micro-units exactly, through Decimal (%o)', (order) => {
    // Seven decimals, over a billion, and a value one micro-unit apart from one that fits.
    const list = listWith(['12.1234567', '12.123456', '12.1234561', '2000000000.5', '1999999999.999999', '-3.00000001', '0.1']);
    expect(idsIn(list, order)).toEqual(oracle(list, order));
  });

  it('finds a cursor\'s place between equal values by date and id', () => {
    const list = listWith(['7', '7', '7']);
    const ordered = orderedCalls(list, { field: 'COST', descending: true });
    for (let p = 0; p < Math.min(ordered.length, 200); p += 1) expect(ordered.compareAt(p, ordered.positionAt(p)) === 0).toBe(true);
    for (let p = 1; p < Math.min(ordered.length, 200); p += 1) expect(ordered.compareAt(p, ordered.positionAt(p - 1))).toBeGreaterThan(0);
  });
});
