import { describe, expect, it } from 'vitest';
import { CallColumns } from '../../src/domain/columns/call-columns.js';
import { countryOf } from '../../src/domain/model/phone-country.js';
import type { CallRecord } from '../../src/domain/model/call-record.js';
import { CATEGORICAL, CATEGORICAL_DIMENSIONS, type CategoricalDimension } from '../../src/domain/grouping/dimensions.js';
import { MAX_DERIVED_TABLES, WindowSummary } from '../../src/domain/summary/window-summary.js';
import { ZoneClock } from '../../src/domain/time/zone-clock.js';
import { readCdrBody } from '../../src/upstream/cdr-response.js';
import { CdrDataset } from '../../simulator/dataset.js';

const clock = new ZoneClock('America/Bogota');
const dataset = new CdrDataset({ seed: 11, callsPerDay: 4000, timeZone: 'America/Bogota' });
const hourAt = (iso: string) => ({ from: Date.parse(iso), to: Date.parse(iso) + 3_600_000 });

function columnsOf(hour: { from: number; to: number }): CallColumns {
  const rows = dataset.callsBetween(hour).map((call) => call.row);
  return readCdrBody(JSON.stringify({ code: 200, error: null, msg: 'ok', data: rows }), clock).calls;
}

describe('a window summary', () => {
  const hours = [hourAt('2025-03-04T10:00:00-05:00'), hourAt('2025-03-04T11:00:00-05:00')];
  const columns = hours.map(columnsOf);

  it('summarizes no dimension when a window arrives; each when first asked, equal to its calls, telling its store the change', () => {
    const summary = WindowSummary.of(columns[0]!);
    const changes: number[] = [];
    summary.onResize((bytes) => changes.push(bytes));
    for (const dimension of CATEGORICAL_DIMENSIONS) expect(summary.holds(dimension)).toBe(false);
    const records = Array.from({ length: columns[0]!.length }, (_, i) => columns[0]!.record(i));
    for (const dimension of CATEGORICAL_DIMENSIONS) {
      const byValue = summary.by(dimension);
      expect(summary.holds(dimension)).toBe(true);
      const expected = new Map<string | null, number>();
      for (const record of records) {
        // The record's field of the same name as the group key's (agentId, type, destiny…); a country is parsed.
        const value = dimension === 'COUNTRY' ? countryOf(record.telephone) : (record[CATEGORICAL[dimension].key as keyof CallRecord] as string | null);
        expected.set(value, (expected.get(value) ?? 0) + 1);
      }
      expect(new Map([...byValue].map(([value, stats]) => [value, stats.result().calls]))).toEqual(expected);
      expect(summary.by(dimension)).toBe(byValue);
    }
    expect(changes).toHaveLength(CATEGORICAL_DIMENSIONS.length);
  });

  it('merges parts by country on first use, as it merges the dimensions summarized at once', () => {
    const parts = columns.map((part) => WindowSummary.of(part));
    const merged = WindowSummary.merged(parts);
    expect(merged.holds('COUNTRY')).toBe(false);
    const calls = (summary: WindowSummary, country: string | null) => summary.by('COUNTRY').get(country)?.result().calls ?? 0;
    for (const country of merged.by('COUNTRY').keys()) expect(calls(merged, country)).toBe(calls(parts[0]!, country) + calls(parts[1]!, country));
    expect([...merged.by('COUNTRY').values()].reduce((sum, stats) => sum + stats.result().calls, 0)).toBe(merged.total.result().calls);
  });

  it('derives a table per combination of dimensions on first use, keeps a bounded few, and says what each costs', () => {
    const summary = WindowSummary.of(columns[0]!);
    const changes: number[] = [];
    summary.onResize((bytes) => changes.push(bytes));
    const agentType = [...summary.combination(['AGENT', 'TYPE'])];
    expect(summary.holdsDerived('totals', ['AGENT', 'TYPE'])).toBe(true);
    expect([...summary.combination(['AGENT', 'TYPE'])][0]).toBe(agentType[0]);
    expect([...agentType].reduce((calls, cell) => calls + cell.totals.result().calls, 0)).toBe(columns[0]!.length);
    expect(changes).toEqual([summary.derivedHeapBytes]);
    const pairs: CategoricalDimension[][] = [['AGENT', 'CAMPAIGN'], ['AGENT', 'SKILL'], ['AGENT', 'HANG_UP'], ['AGENT', 'COD_ACT'], ['AGENT', 'DESTINY'], ['TYPE', 'DESTINY']];
    for (const pair of pairs) summary.combination(pair);
    expect(pairs.length + 1).toBeGreaterThan(MAX_DERIVED_TABLES);
    expect(summary.holdsDerived('totals', ['AGENT', 'TYPE'])).toBe(false);
    expect(summary.holdsDerived('totals', ['TYPE', 'DESTINY'])).toBe(true);
    expect(changes.reduce((sum, change) => sum + change, 0)).toBe(summary.derivedHeapBytes);
    expect(changes.some((change) => change < 0)).toBe(true);
  });

  it("derives a day's tables from its hours when they hold them and from their calls when they do not, alike", () => {
    const hoursHolding = columns.map((part) => WindowSummary.of(part));
    for (const part of hoursHolding) part.combination(['AGENT', 'TYPE']);
    const fromHours = WindowSummary.merged(hoursHolding);
    const fromCalls = WindowSummary.merged(columns.map((part) => WindowSummary.of(part)));
    const cells = (summary: WindowSummary) => new Map([...summary.combination(['AGENT', 'TYPE'])].map((cell) => [cell.key, cell.totals.result().totalCost]));
    expect(cells(fromHours)).toEqual(cells(fromCalls));
    expect(cells(fromHours).size).toBeGreaterThan(10);
  });
});
