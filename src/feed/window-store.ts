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
  /** Some rows could not be read and the window has not been asked for again yet: not final, even if settled. */
  readonly provisional?: boolean;
}

/**
 * The window cache shared by every request, bounded by a budget of rows (calls and unreadable rows;
 * an empty window counts as one). When full, the least recently used windows go first.
 */
export class WindowStore {
  private readonly entries = new Map<number, WindowData>();
  /** When each entry was last read or written, on a counter: reads are many, evictions few. */
  private readonly lastUsed = new Map<number, number>();
  private uses = 0;
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
    if (data) this.lastUsed.set(key, (this.uses += 1));
    return data;
  }

  set(data: WindowData): void {
    const key = windowKey(data.window);
    this.remove(key);
    this.entries.set(key, data);
    this.lastUsed.set(key, (this.uses += 1));
    this.rowsHeld += cost(data);
    while (this.rowsHeld > this.maxRows && this.entries.size > 1) {
      this.remove(this.leastRecentlyUsed(key));
      this.evictions += 1;
    }
  }

  private leastRecentlyUsed(except: number): number {
    let oldest = except;
    let oldestUse = Infinity;
    for (const [key, used] of this.lastUsed) {
      if (key !== except && used < oldestUse) [oldest, oldestUse] = [key, used];
    }
    return oldest;
  }

  private remove(key: number): void {
    const data = this.entries.get(key);
    if (!data) return;
    this.entries.delete(key);
    this.lastUsed.delete(key);
    this.rowsHeld -= cost(data);
  }
}

const cost = (data: WindowData) => data.columns.length + data.unreadable.length + 1;
