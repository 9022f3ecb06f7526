import { describe, expect, it } from 'vitest';
import { CallColumns } from '../../src/domain/call-columns.js';
import { WindowSummary } from '../../src/domain/window-summary.js';
import { WindowStore, type WindowData } from '../../src/feed/window-store.js';

const HOUR = 3600_000;
const empty = (hour: number): WindowData => {
  const columns = CallColumns.from([]);
  return { window: { from: hour * HOUR, to: (hour + 1) * HOUR }, columns, summary: WindowSummary.of(columns), unreadable: [], fetchedAt: 0 };
};

describe('the window store', () => {
  it('evicts the least recently used window when over its budget, and a read counts as use', () => {
    const store = new WindowStore(3);
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
});
