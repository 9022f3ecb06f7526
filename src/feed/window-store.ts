import type { TimeRange } from '../domain/time/time-range.js';
import { columnsHeapBytes, HEAP_BYTES_PER_BUDGET_LEG, unreadableRowsHeapBytes } from '../domain/summary/heap-cost.js';
import { summaryHeapBytes, WindowSummary } from '../domain/summary/window-summary.js';
import type { WindowView } from '../domain/summary/window-view.js';
import type { RejectedRow } from '../upstream/cdr-response.js';
import { windowKey } from './windows.js';

/** A row wolkvox sent that could not be read, with the range of the request that brought it. */
export interface UnreadableRow extends RejectedRow {
  readonly window: TimeRange;
}

/** What is known of one window: its calls (by column, with their summary), its unreadable rows, and when it was fetched. */
export interface WindowData extends WindowView {
  readonly window: TimeRange;
  readonly unreadable: readonly UnreadableRow[];
  readonly fetchedAt: number;
  /** Some rows could not be read, this many fetches in a row, and the window is to be asked for again: not final, even if settled (freshness.ts). */
  readonly provisional?: number;
}

/** Bytes counted in a store's budget outside its windows (WindowStore.reserve). */
export interface HeapReservation {
  /** What is held now, in estimated bytes. */
  resize(bytes: number): void;
  release(): void;
}

/** The summary of adjacent stored windows taken together (a day of hours), and what it costs (growing as it derives tables). */
interface Rollup {
  readonly keys: readonly number[];
  readonly summary: WindowSummary;
  bytes: number;
}

/**
 * The window cache shared by every request, and the only holder of window data between operations.
 * Bounded twice by one budget: at most `maxRows` rows (calls and unreadable rows; an empty window
 * counts as one), and at most `maxBytes` of estimated heap for the windows, their summaries and the
 * roll-ups made of them. When over either, the least recently used windows go first, and a roll-up
 * goes with any of its windows. A summary that derives a table on first use (window-summary.ts) is
 * charged for it then, and may push older windows out.
 */
export class WindowStore {
  private readonly entries = new Map<number, WindowData>();
  /** When each entry was last read or written, on a counter: reads are many, evictions few. */
  private readonly lastUsed = new Map<number, number>();
  /** The estimated heap each entry was charged: what it was when stored, and what its summary has derived since. */
  private readonly charged = new Map<number, number>();
  /** Roll-ups by the key of their first window, and the roll-up each window is part of. */
  private readonly rollups = new Map<number, Rollup>();
  private readonly rolledInto = new Map<number, number>();
  private uses = 0;
  private rowsHeld = 0;
  private bytesHeld = 0;
  private bytesReserved = 0;
  evictions = 0;

  constructor(
    readonly maxRows: number,
    readonly maxBytes = maxRows * HEAP_BYTES_PER_BUDGET_LEG,
  ) {}

  get rows(): number {
    return this.rowsHeld;
  }

  /** Estimated heap held: windows, their summaries and roll-ups. */
  get bytes(): number {
    return this.bytesHeld;
  }

  get size(): number {
    return this.entries.size;
  }

  get(window: TimeRange): WindowData | undefined {
    const key = windowKey(window);
    const data = this.entries.get(key);
    if (data) this.lastUsed.set(key, (this.uses += 1));
    return data;
  }

  /** The copy memory holds, without counting it as used (for estimates, not for serving). */
  peek(window: TimeRange): WindowData | undefined {
    return this.entries.get(windowKey(window));
  }

  /** Whether a tier below memory holds a copy of `window` (none here: see TieredWindowStore). */
  storedDurably(_window: TimeRange): boolean {
    return false;
  }

  set(data: WindowData): void {
    const key = windowKey(data.window);
    this.remove(key);
    this.entries.set(key, data);
    this.lastUsed.set(key, (this.uses += 1));
    this.rowsHeld += rowsOf(data);
    const bytes = bytesOf(data);
    this.charged.set(key, bytes);
    this.bytesHeld += bytes;
    data.summary.onResize((change) => {
      this.charged.set(key, this.charged.get(key)! + change);
      this.bytesHeld += change;
      this.evictOver(key);
    });
    this.evictOver(key);
  }

  /**
   * The summary of `parts` (adjacent windows, in order) taken together. Kept while every part is the
   * stored copy of its window; parts that are not (refreshed meanwhile, or never kept) are merged for
   * this caller only, so that nothing outside the budget keeps window data alive.
   */
  rollup(parts: readonly WindowView[]): WindowSummary {
    const keys = parts.map((part) => windowKey(part.window));
    const stored = parts.every((part, i) => this.entries.get(keys[i]!) === part);
    const kept = stored ? this.rollups.get(keys[0]!) : undefined;
    if (kept?.keys.length === keys.length && kept.keys.at(-1) === keys.at(-1)) return kept.summary;
    const summary = WindowSummary.merged(parts.map((part) => part.summary));
    if (stored) {
      const rollup: Rollup = { keys, summary, bytes: summaryHeapBytes(summary) };
      for (const key of keys) this.dropRollupOf(key);
      this.rollups.set(keys[0]!, rollup);
      for (const key of keys) this.rolledInto.set(key, keys[0]!);
      this.bytesHeld += rollup.bytes;
      summary.onResize((change) => {
        rollup.bytes += change;
        this.bytesHeld += change;
        this.evictOver(null);
      });
      this.evictOver(null);
    }
    return summary;
  }

  /**
   * Heap held beside the windows for as long as something needs it (a live report's kept part, which
   * keeps summaries and scanned windows alive even once the cache lets them go): counted in the same
   * budget, so windows are evicted to make room for it.
   */
  reserve(): HeapReservation {
    let held = 0;
    const resize = (bytes: number) => {
      this.bytesHeld += bytes - held;
      this.bytesReserved += bytes - held;
      held = bytes;
    };
    return {
      resize: (bytes) => {
        resize(bytes);
        this.evictOver(null);
      },
      release: () => resize(0),
    };
  }

  /** Of `bytes`, what reservations hold beside the windows. */
  get reservedBytes(): number {
    return this.bytesReserved;
  }

  private evictOver(except: number | null): void {
    while ((this.rowsHeld > this.maxRows || this.bytesHeld > this.maxBytes) && this.entries.size > 1) {
      this.remove(this.leastRecentlyUsed(except));
      this.evictions += 1;
    }
  }

  private leastRecentlyUsed(except: number | null): number {
    let oldest = -1;
    let oldestUse = Infinity;
    for (const [key, used] of this.lastUsed) {
      if (key !== except && used < oldestUse) [oldest, oldestUse] = [key, used];
    }
    return oldest;
  }

  private remove(key: number): void {
    const data = this.entries.get(key);
    if (!data) return;
    this.dropRollupOf(key);
    this.entries.delete(key);
    this.lastUsed.delete(key);
    this.rowsHeld -= rowsOf(data);
    this.bytesHeld -= this.charged.get(key)!;
    this.charged.delete(key);
    data.summary.onResize(null);
  }

  /** Drops the roll-up that window `key` is part of, if any. */
  private dropRollupOf(key: number): void {
    const first = this.rolledInto.get(key);
    const rollup = first === undefined ? undefined : this.rollups.get(first);
    if (!rollup) return;
    this.rollups.delete(first!);
    for (const part of rollup.keys) this.rolledInto.delete(part);
    this.bytesHeld -= rollup.bytes;
    rollup.summary.onResize(null);
  }
}

const rowsOf = (data: WindowData) => data.columns.length + data.unreadable.length + 1;

const bytesOf = (data: WindowData) =>
  columnsHeapBytes(data.columns) + summaryHeapBytes(data.summary) + unreadableRowsHeapBytes(data.unreadable.length);
