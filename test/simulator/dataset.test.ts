import { describe, expect, it } from 'vitest';
import { AGENTS } from '../../simulator/catalogue.js';
import { CdrDataset, nightShiftGapSeconds } from '../../simulator/dataset.js';
import { range } from '../support/simulator.js';

const options = { seed: 7, callsPerDay: 2_000, timeZone: 'America/Bogota' };
const day = range('2025-03-04T00:00:00-05:00', '2025-03-05T00:00:00-05:00');

describe('the simulator dataset', () => {
  it('is deterministic: the same seed gives the same rows, another seed other rows', () => {
    const rows = (seed: number) => new CdrDataset({ ...options, seed }).callsBetween(day).map((c) => c.row);
    expect(rows(7)).toEqual(rows(7));
    expect(rows(8)).not.toEqual(rows(7));
  });

  it('gives a range the same rows whether asked whole or in pieces', () => {
    const dataset = new CdrDataset(options);
    const whole = dataset.callsBetweenWallClock('20250304000000', '20250304235959');
    const pieces = [
      ...dataset.callsBetweenWallClock('20250304000000', '20250304115959'),
      ...dataset.callsBetweenWallClock('20250304120000', '20250304235959'),
    ];
    expect(pieces).toEqual(whole);
    expect(whole).toEqual(dataset.callsBetween(day));
  });

  it('has about the configured volume with a business-hours shape', () => {
    const calls = new CdrDataset(options).callsBetween(day);
    expect(calls.length).toBeGreaterThan(1_700);
    expect(calls.length).toBeLessThan(2_300);
    const at = (hour: string) => calls.filter((c) => c.row.date.slice(11, 13) === hour).length;
    expect(at('10')).toBeGreaterThan(5 * at('03'));
  });

  it('mixes what the real report shows: every interaction type, transfer legs, "-" codes and empty fields', () => {
    const rows = new CdrDataset(options).callsBetween(day).map((c) => c.row);
    expect(new Set(rows.map((r) => r.type_interaction))).toEqual(new Set(['inbound', 'outbound', 'outbound_ma', 'internal']));
    const legsPerConn = new Map<string, number>();
    for (const r of rows) legsPerConn.set(r.conn_id, (legsPerConn.get(r.conn_id) ?? 0) + 1);
    expect([...legsPerConn.values()].some((legs) => legs > 1)).toBe(true);
    expect(rows.some((r) => r.cod_act === '-')).toBe(true);
    expect(rows.some((r) => r.campaign_id === '')).toBe(true);
    expect(rows.some((r) => r.customer_id === '')).toBe(true);
    expect(rows.every((r) => Object.values(r).every((v) => typeof v === 'string'))).toBe(true);
    expect(rows.every((r) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(r.date))).toBe(true);
  });

  it('has what the analytics need: several destinations and countries, repeat callers, calls of three legs, uncoded calls', () => {
    const rows = new CdrDataset(options).callsBetween(day).map((c) => c.row);
    expect(new Set(rows.map((r) => r.destiny)).size).toBeGreaterThanOrEqual(8);
    expect(rows.some((r) => r.telephone.startsWith('+')) && rows.some((r) => r.telephone.startsWith('009')) && rows.some((r) => /^3\d{9}$/.test(r.telephone))).toBe(true);
    const callsPerCustomer = new Map<string, number>();
    for (const r of rows) if (r.customer_id) callsPerCustomer.set(r.customer_id, (callsPerCustomer.get(r.customer_id) ?? 0) + 1);
    expect([...callsPerCustomer.values()].filter((calls) => calls >= 2).length).toBeGreaterThan(50);
    const legsPerConn = new Map<string, number>();
    for (const r of rows) legsPerConn.set(r.conn_id, (legsPerConn.get(r.conn_id) ?? 0) + 1);
    expect([...legsPerConn.values()].some((legs) => legs >= 3)).toBe(true);
    expect(rows.some((r) => r.cod_act === 'TIMEOUTACW') && rows.some((r) => r.cod_act === '-')).toBe(true);
  });

  it('with a night shift, never leaves more than 40 s without a leg at 2,000 legs a day, at any hour, and keeps every business leg', () => {
    const week = range('2025-03-03T00:00:00-05:00', '2025-03-10T00:00:00-05:00');
    const business = new CdrDataset(options).callsBetween(week);
    const calls = new CdrDataset({ ...options, nightShift: true }).callsBetween(week);
    expect(nightShiftGapSeconds(options.callsPerDay)).toBe(40);
    const gaps = calls.slice(1).map((call, i) => call.instant - calls[i]!.instant);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(40_000);
    const ids = new Set(calls.map((call) => `${call.row.conn_id}@${call.row.date}`));
    expect(business.filter((call) => !ids.has(`${call.row.conn_id}@${call.row.date}`))).toEqual([]);
    // Quieter at night, never silent: about a twentieth of the business volume in each quiet hour.
    const at = (hour: string) => calls.filter((c) => c.row.date.slice(11, 13) === hour).length / 7;
    expect(at('03')).toBeGreaterThan(80);
    expect(at('10')).toBeGreaterThan(2 * at('03'));
  });

  it('names each of its agents differently', () => {
    expect(new Set(AGENTS.map((agent) => agent.name)).size).toBe(AGENTS.length);
  });

  it('writes dates in local wall-clock time across a DST change', () => {
    const dataset = new CdrDataset({ ...options, timeZone: 'America/New_York' });
    const springDay = range('2025-03-09T00:00:00-05:00', '2025-03-10T00:00:00-04:00');
    const calls = dataset.callsBetween(springDay);
    expect(calls.some((c) => c.row.date.startsWith('2025-03-09 02:'))).toBe(false);
    for (const call of calls.slice(0, 200)) {
      const local = new Date(call.instant).toLocaleString('sv-SE', { timeZone: 'America/New_York' });
      expect(call.row.date).toBe(local);
    }
  });
});
