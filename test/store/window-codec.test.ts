import { describe, expect, it } from 'vitest';
import { columnsOf } from '../../src/domain/columns/call-columns-builder.js';
import { WindowSummary } from '../../src/domain/summary/window-summary.js';
import { ZoneClock } from '../../src/domain/time/zone-clock.js';
import type { WindowData } from '../../src/feed/window-store.js';
import { readCdrBody } from '../../src/upstream/cdr-response.js';
import { decodeWindow, decodeWindowFor, encodeWindow, FORMAT_VERSION, StoredWindowError } from '../../src/store/window-codec.js';
import { CdrDataset } from '../../simulator/dataset.js';
import { recordsOf } from '../support/records.js';

const clock = new ZoneClock('America/Bogota');
const hour = { from: Date.parse('2025-03-04T10:00:00-05:00'), to: Date.parse('2025-03-04T11:00:00-05:00') };

/** A window of real simulated legs plus the rows that exercise every escape hatch of the columns. */
function sampleWindow(): WindowData {
  const rows: Record<string, string>[] = new CdrDataset({ seed: 7, callsPerDay: 3000, timeZone: 'America/Bogota' }).callsBetween(hour).map((call) => ({ ...call.row }));
  const template = rows[0]!;
  rows.push(
    { ...template, conn_id: '9000001', cost: '0.1234567', time_min: '1.0000001' }, // decimals beyond micro-units
    { ...template, conn_id: '9000002', time_min: '', agent_id: '', agent_name: '', comment: 'ñandú — “quoted”' }, // nulls, non-ASCII
    { ...template, conn_id: '9000003' },
    { ...template, conn_id: '9000003', cost: '0.5' }, // legs sharing second and conn_id: ids disambiguated
    { ...template, date: 'not a date' }, // unreadable
  );
  const read = readCdrBody(JSON.stringify({ code: 200, error: null, msg: 'ok', data: rows }), clock);
  const columns = read.calls;
  const unreadable = read.rejected.map((row) => ({ ...row, window: hour }));
  return { window: hour, columns, summary: WindowSummary.of(columns), unreadable, fetchedAt: hour.to + 60_000 };
}


describe('the stored form of a window', () => {
  const original = sampleWindow();
  const bytes = encodeWindow(original);

  it('gives back every call, its summary, the unreadable rows and fetchedAt exactly', () => {
    const decoded = decodeWindow(bytes);
    expect(original.columns.length).toBeGreaterThan(100);
    expect(original.unreadable).toHaveLength(1);
    expect(recordsOf(decoded.columns)).toEqual(recordsOf(original.columns));
    expect(new Set(recordsOf(decoded.columns).map((call) => call.id)).size).toBe(original.columns.length);
    expect(decoded.summary.total.result()).toEqual(original.summary.total.result());
    expect([...decoded.summary.by('AGENT')].map(([agent, totals]) => [agent, totals.result()])).toEqual(
      [...original.summary.by('AGENT')].map(([agent, totals]) => [agent, totals.result()]),
    );
    expect(decoded.unreadable).toEqual(original.unreadable);
    expect({ window: decoded.window, fetchedAt: decoded.fetchedAt }).toEqual({ window: original.window, fetchedAt: original.fetchedAt });
  });

  it('keeps a provisional window provisional, with the count of its asks, and a final one final', () => {
    expect(decodeWindow(encodeWindow({ ...original, provisional: 1 })).provisional).toBe(1);
    expect(decodeWindow(encodeWindow({ ...original, provisional: 5 })).provisional).toBe(5);
    expect(decodeWindow(bytes).provisional).toBeUndefined();
  });

  it('refuses a window stored under another window\'s key', () => {
    const other = { from: hour.to, to: hour.to + 3_600_000 };
    expect(() => decodeWindowFor(other, bytes)).toThrow(StoredWindowError);
    expect(decodeWindowFor(hour, bytes).columns.length).toBe(original.columns.length);
  });

  it('keeps an empty window', () => {
    const columns = columnsOf([]);
    const empty = decodeWindow(encodeWindow({ window: hour, columns, summary: WindowSummary.of(columns), unreadable: [], fetchedAt: 5 }));
    expect(empty.columns.length).toBe(0);
    expect(empty.fetchedAt).toBe(5);
  });

  it('refuses every single flipped byte, wherever it is', () => {
    const small = encodeWindow({ ...original, columns: columnsOf(recordsOf(original.columns).slice(0, 3)), unreadable: [] });
    for (let i = 0; i < small.length; i += 1) {
      const damaged = Uint8Array.from(small);
      damaged[i]! ^= 0xff;
      expect(() => decodeWindow(damaged), `byte ${i}`).toThrow(StoredWindowError);
    }
  });

  it('refuses a window cut short, and one of another format version', () => {
    expect(() => decodeWindow(bytes.subarray(0, bytes.length - 1))).toThrow(expect.objectContaining({ reason: 'format' }));
    const other = Uint8Array.from(bytes);
    new DataView(other.buffer).setUint16(4, FORMAT_VERSION + 1, true);
    expect(() => decodeWindow(other)).toThrow(expect.objectContaining({ reason: 'version' }));
  });

  it('stores a leg in fewer than 120 bytes', () => {
    expect(bytes.length / original.columns.length).toBeLessThan(120);
  });
});
