import { describe, expect, it } from 'vitest';
import { columnsOf } from '../../src/domain/columns/call-columns-builder.js';
import { WindowSummary } from '../../src/domain/summary/window-summary.js';
import { ZoneClock } from '../../src/domain/time/zone-clock.js';
import { WindowStore, type WindowData } from '../../src/feed/window-store.js';
import { readCdrBody } from '../../src/upstream/cdr-response.js';
import { CdrDataset } from '../../simulator/dataset.js';

const HOUR = 3600_000;
const empty = (hour: number): WindowData => {
  const columns = columnsOf([]);
  return { window: { from: hour * HOUR, to: (hour + 1) * HOUR }, columns, summary: WindowSummary.of(columns), unreadable: [], fetchedAt: 0 };
};

describe('the window store', () => {
  it('evicts the least recently used window when over its budget, and a read counts as use', () => {
    const store = new WindowStore(3, Infinity);
    store.set(empty(1));
    store.set(empty(2));
    store.set(empty(3));
    expect(store.get(empty(1).window)).toBeDefined();
    store.set(empty(4));
    expect(store.get(empty(2).window)).toBeUndefined();
    expect([1, 3, 4].map((h) => store.get(empty(h).window) !== undefined)).toEqual([true, true, true]);
    expect(store.evictions).toBe(1);
    expect(store.rows).toBe(3);
  });

  it('replaces a window on refresh without counting it twice', () => {
    const store = new WindowStore(10);
    store.set(empty(1));
    store.set({ ...empty(1), fetchedAt: 5 });
    expect(store.size).toBe(1);
    expect(store.rows).toBe(1);
    expect(store.get(empty(1).window)?.fetchedAt).toBe(5);
  });

  it('evicts to stay within its heap budget even when the rows would fit', () => {
    const store = new WindowStore(1_000, 1);
    store.set(empty(1));
    store.set(empty(2));
    expect(store.size).toBe(1);
    expect(store.get(empty(2).window)).toBeDefined();
    const one = new WindowStore(1_000);
    one.set(empty(1));
    expect(one.bytes).toBeGreaterThan(5_000);
  });

  it('counts what a reservation holds (a live report\'s kept part) in its heap budget, evicting windows for it, until released', () => {
    const store = new WindowStore(1_000);
    store.set(empty(1));
    const window = store.bytes;
    const tight = new WindowStore(1_000, 4 * window);
    for (let hour = 1; hour <= 4; hour += 1) tight.set(empty(hour));
    expect(tight.size).toBe(4);
    const reservation = tight.reserve();
    reservation.resize(2 * window);
    expect(tight.reservedBytes).toBe(2 * window);
    expect(tight.size).toBe(2);
    expect(tight.bytes).toBeLessThanOrEqual(4 * window);
    reservation.resize(window);
    expect(tight.reservedBytes).toBe(window);
    reservation.release();
    expect(tight.reservedBytes).toBe(0);
    expect(tight.bytes).toBe(2 * window);
  });

  it('keeps a roll-up only while every window of it is stored, and counts it in the heap it holds', () => {
    const store = new WindowStore(1_000);
    const hours = [1, 2, 3].map(empty);
    for (const hour of hours) store.set(hour);
    const windowsOnly = store.bytes;
    const summary = store.rollup(hours);
    expect(store.rollup(hours)).toBe(summary);
    expect(store.bytes).toBeGreaterThan(windowsOnly);

    store.set({ ...empty(2), fetchedAt: 5 });
    expect(store.bytes).toBe(windowsOnly);
    expect(store.rollup(hours)).not.toBe(summary);
    expect(store.bytes).toBe(windowsOnly);
  });

  it('lets a roll-up go with a window evicted from under it', () => {
    const alone = new WindowStore(1, Infinity);
    alone.set(empty(9));
    const hours = [1, 2].map(empty);
    const store = new WindowStore(3, Infinity);
    for (const hour of hours) store.set(hour);
    store.rollup(hours);
    store.set(empty(3));
    expect(store.bytes).toBeGreaterThan(3 * alone.bytes);
    store.set(empty(4));
    expect(store.get(empty(1).window)).toBeUndefined();
    expect(store.bytes).toBe(3 * alone.bytes);
  });

  it('keeps a final roll-up when its windows are evicted, without them, and attaches it to them again', () => {
    const alone = new WindowStore(1, Infinity);
    alone.set(empty(9));
    const hours = [1, 2].map(empty);
    const store = new WindowStore(Infinity, 4 * alone.bytes + 2_000);
    for (const hour of hours) store.set(hour);
    const summary = store.rollup(hours, true);
    const day = { from: hours[0]!.window.from, to: hours[1]!.window.to };
    for (const hour of [3, 4, 5, 6]) store.set(empty(hour));
    expect(store.get(hours[0]!.window)).toBeUndefined();
    expect(store.dayRollup(day)?.summary).toBe(summary);
    expect(summary.detached).toBe(true);
    expect(summary.holds('CAMPAIGN')).toBe(false);
    expect(summary.answers(['CAMPAIGN'])).toBe(false);
    for (const hour of hours) store.set(hour);
    expect(store.rollup(hours, true)).toBe(summary);
    expect(summary.detached).toBe(false);
    expect(summary.by('CAMPAIGN').size).toBe(0);
  });

  it('drops a final roll-up, and tells the durable tier, when one of its windows is fetched anew', () => {
    const dropped: number[] = [];
    const store = new (class extends WindowStore {
      protected override rollupDropped(day: { from: number }): void {
        dropped.push(day.from);
      }
    })(1_000);
    const hours = [1, 2].map(empty);
    for (const hour of hours) store.set(hour);
    store.rollup(hours, true);
    const day = { from: hours[0]!.window.from, to: hours[1]!.window.to };
    expect(store.dayRollup(day)).toBeDefined();
    store.set({ ...empty(2), fetchedAt: 5 });
    expect(store.dayRollup(day)).toBeUndefined();
    expect(dropped).toEqual([day.from]);
  });

  it('charges a stored window for the tables its summary derives, and lets go of the charge with the window', () => {
    const clock = new ZoneClock('America/Bogota');
    const hour = { from: Date.parse('2025-03-04T10:00:00-05:00'), to: Date.parse('2025-03-04T11:00:00-05:00') };
    const rows = new CdrDataset({ seed: 3, callsPerDay: 2000, timeZone: 'America/Bogota' }).callsBetween(hour).map((call) => call.row);
    const columns = readCdrBody(JSON.stringify({ code: 200, error: null, msg: 'ok', data: rows }), clock).calls;
    const window: WindowData = { window: { from: 0, to: HOUR }, columns, summary: WindowSummary.of(columns), unreadable: [], fetchedAt: 0 };
    const store = new WindowStore(1_000);
    store.set(window);
    const stored = store.bytes;
    window.summary.combination(['AGENT', 'TYPE']);
    expect(window.summary.derivedHeapBytes).toBeGreaterThan(0);
    expect(store.bytes).toBe(stored + window.summary.derivedHeapBytes);
    store.set(empty(0));
    expect(store.bytes).toBe(bytesOfEmpty());
    window.summary.durations(['AGENT']);
    expect(store.bytes).toBe(bytesOfEmpty());
  });
});

function bytesOfEmpty(): number {
  const store = new WindowStore(1_000);
  store.set(empty(0));
  return store.bytes;
}
