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

/**
 * A local day's windows rolled up: the summary of them together, and what answers built on it say of
 * its windows. Final when every window was settled when fetched and read whole: only such a roll-up is
 * kept after its windows leave the cache, and stored in the durable tier (store/rollup-codec.ts).
 */
export interface DayRollup {
  readonly window: TimeRange;
  /** Windows it was rolled up from. */
  readonly windows: number;
  /** The oldest fetch among them. */
  readonly fetchedAt: number;
  readonly unreadable: readonly UnreadableRow[];
  readonly summary: WindowSummary;
}

/** A roll-up in the cache: charged for its summary, in the same least-recently-used order as windows. */
interface HeldRollup extends DayRollup {
  readonly final: boolean;
  /** Keys of the windows it is attached to (merged from, derives from); empty once they left the cache. */
  keys: readonly number[];
  bytes: number;
}

/**
 * The window cache shared by every request, and the only holder of window data between operations.
 * Bounded twice: at most `maxRows` rows (calls and unreadable rows; an empty window counts as one), and
 * at most `maxBytes` of estimated heap for the windows, their summaries and the day roll-ups. When over
 * either, the least recently used windows and roll-ups go first. A roll-up that is not final goes with
 * any of its windows; a final one only lets go of them (it keeps what it holds, and derives more once
 * they are attached again). A summary that derives a table on first use (window-summary.ts) is charged
 * for it then, and may push older entries out.
 */
export class WindowStore {
  private readonly entries = new Map<number, WindowData>();
  /** When each entry was last read or written, on a counter: reads are many, evictions few. */
  private readonly lastUsed = new Map<number, number>();
  /** The estimated heap each entry was charged: what it was when stored, and what its summary has derived since. */
  private readonly charged = new Map<number, number>();
  /** Roll-ups by the start of their day, when each was last used, and the roll-up each window is attached to. */
  private readonly rollups = new Map<number, HeldRollup>();
  private readonly rollupUsed = new Map<number, number>();
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

  /** Day roll-ups held. */
  get rollupCount(): number {
    return this.rollups.size;
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

  /** The copy of `window` a tier below memory holds, read without putting it in memory (none here: see TieredWindowStore). */
  storedCopy(_window: TimeRange): WindowData | undefined {
    return undefined;
  }

  /** Whether a tier below memory holds a copy of `window` (none here: see TieredWindowStore). */
  storedDurably(_window: TimeRange): boolean {
    return false;
  }

  set(data: WindowData): void {
    const key = windowKey(data.window);
    // A new copy of a window makes whatever was rolled up from the old one wrong.
    if (this.entries.has(key)) this.dropRollupOf(key);
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
   * The summary of `parts` (a local day's windows, in order) taken together. Kept while every part is
   * the stored copy of its window (a final roll-up, longer: see the class); parts that are not (refreshed
   * meanwhile, or never kept) are merged for this caller only, so that nothing outside the budget keeps
   * window data alive. A final roll-up held without its windows (read from the durable tier), or
   * `adopt` (one such a caller holds), is attached to them instead of merged again.
   */
  rollup(parts: readonly WindowData[], final = false, adopt?: WindowSummary): WindowSummary {
    const keys = parts.map((part) => windowKey(part.window));
    const day = keys[0]!;
    const stored = parts.every((part, i) => this.entries.get(keys[i]!) === part);
    const kept = this.rollups.get(day);
    if (stored && kept && sameKeys(kept.keys, keys) && (!adopt || adopt === kept.summary)) {
      this.rollupUsed.set(day, (this.uses += 1));
      return kept.summary;
    }
    // The caller's own (a report holds it, and reads its cells again) before one held here.
    const detached = adopt ?? (kept?.keys.length === 0 && kept.final && final && kept.windows === parts.length ? kept.summary : undefined);
    const summaries = parts.map((part) => part.summary);
    let summary: WindowSummary;
    if (detached) {
      summary = detached;
      summary.attach(summaries);
    } else summary = WindowSummary.merged(summaries);
    if (!stored) return summary;
    if (kept?.summary === summary) {
      kept.keys = keys;
      for (const key of keys) this.rolledInto.set(key, day);
      this.rollupUsed.set(day, (this.uses += 1));
      return summary;
    }
    this.hold({ window: { from: parts[0]!.window.from, to: parts.at(-1)!.window.to }, windows: parts.length, fetchedAt: Math.min(...parts.map((part) => part.fetchedAt)), unreadable: parts.flatMap((part) => part.unreadable), summary, final, keys, bytes: 0 });
    return summary;
  }

  /** A final day roll-up of `day`, from wherever this store keeps them (here: memory; see heldRollup). */
  dayRollup(day: TimeRange): DayRollup | undefined {
    return this.heldRollup(day);
  }

  /** A final day roll-up held in memory for `day` (attached to its windows or not); undefined when none is. */
  heldRollup(day: TimeRange): DayRollup | undefined {
    const held = this.rollups.get(day.from);
    if (!held?.final || held.window.to !== day.to) return undefined;
    this.rollupUsed.set(day.from, (this.uses += 1));
    return held;
  }

  /** Holds a final roll-up read from a durable tier, without its windows. */
  keepRollup(rollup: DayRollup): void {
    if (this.rollups.has(rollup.window.from)) return;
    rollup.summary.detach();
    this.hold({ ...rollup, final: true, keys: [], bytes: 0 });
  }

  /** Lets go of the roll-up held for `day`, if any (it was found damaged). */
  protected forgetRollup(day: TimeRange): void {
    this.dropRollup(day.from);
  }

  /** Told when a final roll-up is held, and whenever it holds more (a table derived): the durable tier stores it. */
  protected rollupChanged(_rollup: DayRollup): void {
    // Memory only: nothing beneath to store it in.
  }

  /** Told when a roll-up is found wrong (a window of it was fetched anew): the durable tier forgets it too. */
  protected rollupDropped(_day: TimeRange): void {
    // Memory only: nothing beneath to forget it in.
  }

  private hold(rollup: HeldRollup): void {
    const day = rollup.window.from;
    this.dropRollup(day);
    for (const key of rollup.keys) this.dropRollupOf(key);
    this.rollups.set(day, rollup);
    this.rollupUsed.set(day, (this.uses += 1));
    for (const key of rollup.keys) this.rolledInto.set(key, day);
    rollup.bytes = summaryHeapBytes(rollup.summary);
    this.bytesHeld += rollup.bytes;
    rollup.summary.onResize((change) => {
      rollup.bytes += change;
      this.bytesHeld += change;
      if (rollup.final && change > 0) this.rollupChanged(rollup);
      this.evictOver(null);
    });
    if (rollup.final) this.rollupChanged(rollup);
    this.evictOver(null);
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
    while ((this.rowsHeld > this.maxRows || this.bytesHeld > this.maxBytes) && this.entries.size + this.rollups.size > 1) {
      const [kind, key] = this.leastRecentlyUsed(except);
      if (kind === 'window') this.remove(key);
      else this.dropRollup(key);
      this.evictions += 1;
    }
  }

  private leastRecentlyUsed(except: number | null): ['window' | 'rollup', number] {
    let oldest: ['window' | 'rollup', number] = ['window', -1];
    let oldestUse = Infinity;
    for (const [key, used] of this.lastUsed) {
      if (key !== except && used < oldestUse) [oldest, oldestUse] = [['window', key], used];
    }
    for (const [key, used] of this.rollupUsed) {
      if (used < oldestUse) [oldest, oldestUse] = [['rollup', key], used];
    }
    return oldest;
  }

  private remove(key: number): void {
    const data = this.entries.get(key);
    if (!data) return;
    this.releaseRollupOf(key);
    this.entries.delete(key);
    this.lastUsed.delete(key);
    this.rowsHeld -= rowsOf(data);
    this.bytesHeld -= this.charged.get(key)!;
    this.charged.delete(key);
    data.summary.onResize(null);
  }

  /** Window `key` leaves the cache: a final roll-up of it lets go of its windows and stays; any other goes. */
  private releaseRollupOf(key: number): void {
    const day = this.rolledInto.get(key);
    const rollup = day === undefined ? undefined : this.rollups.get(day);
    if (!rollup) return;
    if (!rollup.final) return this.dropRollup(day!);
    for (const part of rollup.keys) this.rolledInto.delete(part);
    rollup.keys = [];
    rollup.summary.detach();
  }

  /** Drops the roll-up that window `key` is part of, if any, as wrong (final or not). */
  private dropRollupOf(key: number): void {
    const day = this.rolledInto.get(key);
    const rollup = day === undefined ? undefined : this.rollups.get(day);
    if (!rollup) return;
    this.dropRollup(day!);
    if (rollup.final) this.rollupDropped(rollup.window);
  }

  private dropRollup(day: number): void {
    const rollup = this.rollups.get(day);
    if (!rollup) return;
    this.rollups.delete(day);
    this.rollupUsed.delete(day);
    for (const part of rollup.keys) this.rolledInto.delete(part);
    this.bytesHeld -= rollup.bytes;
    rollup.summary.onResize(null);
    // Out of the cache, it must not keep its windows' data alive for whoever still holds it (a month of it).
    rollup.summary.detach();
  }
}

const sameKeys = (a: readonly number[], b: readonly number[]) => a.length === b.length && a[0] === b[0] && a.at(-1) === b.at(-1);

const rowsOf = (data: WindowData) => data.columns.length + data.unreadable.length + 1;

const bytesOf = (data: WindowData) =>
  columnsHeapBytes(data.columns) + summaryHeapBytes(data.summary) + unreadableRowsHeapBytes(data.unreadable.length);
