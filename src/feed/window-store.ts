import type { WindowView } from '../domain/window-view.js';
import type { RejectedRow } from '../upstream/cdr-response.js';
import { windowKey, type Window } from './windows.js';

/** A row wolkvox sent that could not be read, with the range of the request that brought it. */
export interface UnreadableRow extends RejectedRow {
  readonly window: Window;
}

/** What is known of one window: its calls (by column, with their summary), its unreadable rows, and when it was fetched. */
export interface WindowData extends WindowView {
  readonly window: Window;
  readonly unreadable: readonly UnreadableRow[];
  readonly fetchedAt: number;
}

/**
 * The window cache shared by every request, bounded by a budget of rows (calls and unreadable rows;
 * an empty window counts as one). When full, the least recently used windows go first.
 */
export class WindowStore {
  private readonly entries = new Map<string, WindowData>();
  private rowsHeld = 0;
  evictions = 0;

  constructor(readonly maxRows: number) {}

  get rows(): number {
    return this.rowsHeld;
  }

  get size(): number {
    return this.entries.size;
  }

  get(window: Window): WindowData | undefined {
    const key = windowKey(window);
    const data = this.entries.get(key);
    if (data) {
      // Map keeps insertion order: re-inserting marks the entry as most recently used.
      this.entries.delete(key);
      this.entries.set(key, data);
    }
    return data;
  }

  set(data: WindowData): void {
    const key = windowKey(data.window);
    this.remove(key);
    this.entries.set(key, data);
    this.rowsHeld += cost(data);
    for (const oldest of this.entries.keys()) {
      if (this.rowsHeld <= this.maxRows || oldest === key) break;
      this.remove(oldest);
      this.evictions += 1;
    }
  }

  private remove(key: string): void {
    const data = this.entries.get(key);
    if (!data) return;
    this.entries.delete(key);
    this.rowsHeld -= cost(data);
  }
}

const cost = (data: WindowData) => data.columns.length + data.unreadable.length + 1;
